// Field masking: what a role may not see in full is shown with only its last characters.
import type { Actor } from './actor';

/**
 * Keeps the last `visible` alphanumerics and the separators, masks the rest:
 * `123-45-6789` → `***-**-6789`, `AB1234567` → `*****4567`.
 */
export function maskTail(value: string, visible = 4): string {
  const alnumTotal = value.replace(/[^A-Za-z0-9]/g, '').length;
  let seen = 0;
  return value.replace(/[A-Za-z0-9]/g, (ch) => (++seen > alnumTotal - visible ? ch : '*'));
}

/** Email as `j***@example.com`. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** Roles that may see protected identifiers (national id, bank numbers) in full. */
const UNMASKING_ROLES: ReadonlySet<Actor['role']> = new Set(['senior_agent', 'manager', 'underwriter', 'admin']);

export function mayUnmask(actor: Actor): boolean {
  return UNMASKING_ROLES.has(actor.role);
}
