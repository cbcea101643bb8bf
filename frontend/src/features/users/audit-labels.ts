import { ROLE_LABELS } from '@contracts/permissions';
import type { AuditLabels } from '@/features/audit';
import { isRole } from '@/lib/auth/is-role';

export const usersAuditLabels: AuditLabels = {
  actions: {
    'user.create': 'User created',
    'user.update': 'User changed',
    'user.reset_password': 'Password reset by an administrator',
    'user.unlock': 'Login lock lifted (command line)',
    'user.reset_mfa': 'Two-factor sign-in reset by an administrator',
  },
  entities: { user: 'User' },
  links: { user: { path: (id) => `/users/${id}`, permission: 'users:read' } },
  fields: {
    email: 'Email',
    name: 'Name',
    role: 'Role',
    branchId: 'Branch',
    managedBranchIds: 'Managed branches',
    active: 'Active',
    mfaEnabled: 'Two-factor sign-in',
    mustChangePassword: 'Must change password',
    lockedUntil: 'Locked until',
    failedLoginCount: 'Failed logins',
    passwordHash: 'Password',
  },
  value: (_entityType, field, value) => (field === 'role' && isRole(value) ? ROLE_LABELS[value] : undefined),
};
