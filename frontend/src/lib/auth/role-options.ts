import { ROLES } from '@contracts/auth';
import type { Role } from '@contracts/auth';
import { ROLE_LABELS } from '@contracts/permissions';

/** Choices for a role field, in the order of the permission matrix. */
export const ROLE_OPTIONS: { value: Role; label: string }[] = ROLES.map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
}));
