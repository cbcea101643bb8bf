import type { AuditLabels } from '@/features/audit';

export const identityAuditLabels: AuditLabels = {
  actions: {
    'auth.login': 'Logged in',
    'auth.logout': 'Logged out',
    'auth.lockout': 'Account locked',
    'auth.password_change': 'Password changed',
    'auth.refresh_reuse': 'Reused session token',
    'auth.permission_denied': 'Permission denied',
  },
};
