import { ROLES } from '../../contracts/auth';
import { MODULE_PERMISSION_GRANTS, PERMISSIONS, ROLE_PERMISSIONS } from '../../contracts/permissions';

// The matrix as it was listed by hand before each module declared its own grants: the derivation
// must give every role exactly these permissions.
const PREVIOUS = {
  permissions: [
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
    'policies:service',
    'policies:backdate',
    'policies:cancel-for-cause',
    'exams:manage',
    // CSV exports of the lists (issue 16): managers (and admins).
    'orders:export',
    'exams:export',
    'policies:export',
    'ledger:read',
    'billing:read',
    'fees:waive',
    'payments:create',
    'payments:read',
    'refunds:request',
    'refunds:approve',
    'invoices:write-off',
    'payments:reallocate',
    'payments:reverse',
    'service-calendars:read',
    'service-calendars:manage',
  ],
  manager: [
    'users:read',
    'branches:read',
    'approval-limits:read',
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
    'quotes:read',
    'quotes:create',
    'orders:read',
    'orders:create',
    'orders:underwrite',
    'policies:read',
    'policies:service',
    'policies:backdate',
    'policies:cancel-for-cause',
    'exams:manage',
    // CSV exports of the lists (issue 16): managers (and admins).
    'orders:export',
    'exams:export',
    'policies:export',
    'ledger:read',
    'billing:read',
    'fees:waive',
    'payments:create',
    'payments:read',
    'refunds:request',
    'refunds:approve',
    'invoices:write-off',
    'payments:reallocate',
    'payments:reverse',
    'service-calendars:read',
  ],
  senior_agent: [
    'branches:read',
    'approval-limits:read',
    'customers:read',
    'customers:create',
    'customers:update',
    'customers:change-status',
    'customers:unmask',
    'customers:kyc',
    'customers:kyc-verify',
    'products:read',
    'quotes:read',
    'quotes:create',
    'orders:read',
    'orders:create',
    // Senior agents underwrite within their branch and their order_sum_insured limit (issue 15).
    'orders:underwrite',
    'policies:read',
    'policies:service',
    'policies:backdate',
    'exams:manage',
    'billing:read',
    'fees:waive',
    'payments:create',
    'payments:read',
    'refunds:request',
    'refunds:approve',
    'invoices:write-off',
    'payments:reallocate',
    'payments:reverse',
    'service-calendars:read',
  ],
  agent: [
    'branches:read',
    'customers:read',
    'customers:create',
    'customers:update',
    'customers:kyc',
    'products:read',
    'quotes:read',
    'quotes:create',
    'orders:read',
    'orders:create',
    'policies:read',
    'policies:service',
    'exams:manage',
    'billing:read',
    'payments:create',
    'payments:read',
    'refunds:request',
    'service-calendars:read',
  ],
  underwriter: [
    'branches:read',
    'approval-limits:read',
    'customers:read',
    'customers:unmask',
    'products:read',
    'quotes:read',
    'orders:read',
    'orders:underwrite',
    'policies:read',
    'exams:manage',
  ],
};

const sorted = (list: readonly string[]) => [...list].sort();

describe('the permission matrix derived from the modules’ grants', () => {
  it('holds the same permissions as the hand-written matrix', () => {
    expect(sorted(PERMISSIONS)).toEqual(sorted(PREVIOUS.permissions));
  });

  it.each(ROLES.filter((r) => r !== 'admin'))('gives %s the same permissions as before', (role) => {
    expect(sorted(ROLE_PERMISSIONS[role])).toEqual(sorted(PREVIOUS[role as Exclude<typeof role, 'admin'>]));
  });

  it('gives admins every permission', () => {
    expect(sorted(ROLE_PERMISSIONS.admin)).toEqual(sorted(PREVIOUS.permissions));
  });

  it('has each permission declared by exactly one module', () => {
    const declared = MODULE_PERMISSION_GRANTS.flatMap((grants) => Object.keys(grants));
    expect(declared).toHaveLength(new Set(declared).size);
  });
});
