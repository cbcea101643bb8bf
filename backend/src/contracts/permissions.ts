// The one permission matrix. Every route names one of these permissions (or is public /
// authenticated-only); a role has exactly the permissions listed for it here — deny by default.
import type { Role } from './auth';

export const PERMISSIONS = [
  'users:read',
  'users:manage',
  'branches:read',
  'branches:manage',
  'approval-limits:read',
  'approval-limits:manage',
  'audit:read',
  'customers:read',
  'customers:create',
  'customers:update',
  'customers:change-status',
  'customers:unmask',
  'customers:kyc',
  'customers:kyc-verify',
  'customers:merge',
  'products:read',
  'products:manage',
  'quotes:read',
  'quotes:create',
  'orders:read',
  'orders:create',
  'orders:underwrite',
  'policies:read',
  'exams:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL,
  // Managers read users, approval limits and the audit trail of the branches they manage.
  manager: ['users:read', 'branches:read', 'approval-limits:read', 'audit:read', 'customers:read', 'customers:create', 'customers:update', 'customers:change-status', 'customers:unmask', 'customers:kyc', 'customers:kyc-verify', 'customers:merge', 'products:read', 'quotes:read', 'quotes:create', 'orders:read', 'orders:create', 'orders:underwrite', 'policies:read', 'exams:manage'],
  senior_agent: ['branches:read', 'approval-limits:read', 'customers:read', 'customers:create', 'customers:update', 'customers:change-status', 'customers:unmask', 'customers:kyc', 'customers:kyc-verify', 'products:read', 'quotes:read', 'quotes:create', 'orders:read', 'orders:create', 'policies:read', 'exams:manage'],
  agent: ['branches:read', 'customers:read', 'customers:create', 'customers:update', 'customers:kyc', 'products:read', 'quotes:read', 'quotes:create', 'orders:read', 'orders:create', 'policies:read', 'exams:manage'],
  // Underwriters read customers (and their identity) to assess risk; they do not edit them.
  underwriter: ['branches:read', 'approval-limits:read', 'customers:read', 'customers:unmask', 'products:read', 'quotes:read', 'orders:read', 'orders:underwrite', 'policies:read', 'exams:manage'],
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  manager: 'Manager',
  senior_agent: 'Senior agent',
  agent: 'Agent',
  underwriter: 'Underwriter',
};
