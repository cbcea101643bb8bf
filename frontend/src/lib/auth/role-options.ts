import { ROLES, SYSTEM_ROLES } from '@contracts/auth';
import type { Role } from '@contracts/auth';
import { ROLE_LABELS } from '@contracts/permissions';

/** Choices for a role field, in the order of the permission matrix (system roles are never a person's). */
export const ROLE_OPTIONS: { value: Role; label: string }[] = ROLES.filter((role) => !(SYSTEM_ROLES as readonly Role[]).includes(role)).map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
}));

/** Every role, system roles too: approval limits are set for them like for any role. */
export const LIMIT_ROLE_OPTIONS: { value: Role; label: string }[] = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
