import { ROLES } from '@contracts/auth';
import type { Role } from '@contracts/auth';

/** The audit trail stores roles as plain text; this tells a known role from anything else. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
