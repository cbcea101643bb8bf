// TOTP (RFC 6238) through otplib: 30-second steps, 6 digits, SHA-1 (what authenticator apps
// expect), one step either side accepted; and single-use recovery codes. Pure helpers, no database.
import crypto from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_PERIOD_SECONDS = 30;
/** ±1 step: a code from the previous or next 30 seconds still counts (clock drift, typing time). */
export const TOTP_WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Policydesk';

export const newTotpSecret = (): string => generateSecret();

export const otpauthUrl = (secret: string, accountName: string): string => generateURI({ issuer: ISSUER, label: accountName, secret });

/** The otpauth:// URL as an SVG QR code in a data: URL (the console shows it as an image). */
export async function qrCodeDataUrl(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The time step `code` belongs to within ±1 step of `now`, or undefined when it matches none. */
export async function matchingStep(secret: string, code: string, now: Date): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
  });
  // The TOTP strategy's result names the matched time step (HOTP's would not).
  return result.valid ? (result as { timeStep?: number }).timeStep : undefined;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes like `k7m2-q9xa-4tpe` (about 59 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(crypto.randomBytes(12), (b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** What is hashed: lower case, without dashes or spaces, so `K7M2 Q9XA 4TPE` matches too. */
export const normalizeRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

export const isTotpCode = (code: string) => /^\d{6}$/.test(code.trim());
