// Password hashing and policy. bcrypt through its async API; the password is first reduced with
// SHA-256 so inputs longer than bcrypt's 72-byte limit count in full instead of being cut off.
import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../contracts/identity';

const prehash = (password: string) => crypto.createHash('sha256').update(password, 'utf8').digest('base64');

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(prehash(password), cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(prehash(password), hash);
}

const dummyHashes = new Map<number, Promise<string>>();
/** Compared against when the email is unknown, so both answers take the same time. */
export function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) dummyHashes.set(cost, (hash = hashPassword(crypto.randomBytes(16).toString('hex'), cost)));
  return hash;
}

// ~49,000 most common passwords (zxcvbn-ts's list), shipped as a dependency.
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * A common password, also when merely padded with digits or symbols ("password1234!") or
 * repeated ("qwertyqwerty") to reach the minimum length.
 */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  if (COMMON.has(p)) return true;
  const stripped = p.replace(/[\d\W_]+$/, '').replace(/^[\d\W_]+/, '');
  if (stripped.length >= 4 && COMMON.has(stripped)) return true;
  const half = p.slice(0, p.length / 2);
  return p.length % 2 === 0 && half.repeat(2) === p && (COMMON.has(half) || /^(.)\1*$/.test(half));
}

/** Field errors for a new password; empty when acceptable. No composition rules, by design. */
export function newPasswordProblems(password: string, context: { email?: string; name?: string } = {}): string[] {
  if (password.length < PASSWORD_MIN) return [`Use at least ${PASSWORD_MIN} characters`];
  if (password.length > PASSWORD_MAX) return [`Use at most ${PASSWORD_MAX} characters`];
  if (isCommonPassword(password)) return ['This password is too common; choose another'];
  if (/^(.)\1+$/.test(password)) return ['This password is a single repeated character'];
  const lower = password.toLowerCase();
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return ['Do not use your email address in your password'];
  return [];
}

/** A one-time password an admin hands over: 16 characters from an unambiguous alphabet. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(16);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}
