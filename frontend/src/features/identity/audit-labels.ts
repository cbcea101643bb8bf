import type { AuditLabels } from '@/features/audit';

export const identityAuditLabels: AuditLabels = {
  actions: {
    'auth.login': 'Logged in',
    'auth.logout': 'Logged out',
    'auth.lockout': 'Account locked',
    'auth.password_change': 'Password changed',
    'auth.refresh_reuse': 'Reused session token',
    'auth.permission_denied': 'Permission denied',
    'auth.network_denied': 'Refused: network not allowed',
    'auth.mfa_challenge': 'Password accepted, code asked',
    'auth.mfa_enrol': 'Two-factor sign-in set up',
    'auth.session_end': 'Session ended by the user',
  },
};
