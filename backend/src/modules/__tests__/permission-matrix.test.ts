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
    // Fast-track claims (issue 21): managers switch a product's fast-track off.
    'products:fast-track',
    'quotes:read',
    'quotes:create',
    'orders:read',
    'orders:create',
    'orders:underwrite',
    'policies:read',
    'policies:service',
    'policies:backdate',
    'policies:cancel-for-cause',
    'policies:lapse-review',
    'exams:manage',
    // CSV exports of the lists (issue 16): managers (and admins).
    'orders:export',
    'exams:export',
    'policies:export',
    // The renewal rate KPI (issue 12): managers (and admins).
    'policies:renewal-rate',
    'ledger:read',
    'billing:read',
    'fees:waive',
    'invoices:void',
    'payments:create',
    'payments:read',
    'refunds:request',
    'refunds:approve',
    'invoices:write-off',
    'payments:reallocate',
    'payments:reverse',
    // Claims (issue 13).
    'claims:read',
    'claims:create',
    'claims:investigate',
    'claims:reserve',
    'claims:decide',
    'claims:pay',
    'claims:referrals',
    'service-calendars:read',
    'service-calendars:manage',
    'tasks:read',
    'tasks:write',
    'interactions:read',
    'interactions:create',
    'cases:read',
    'cases:write',
    // Finance (issue 20).
    'finance:read',
    'finance:close',
    'finance:export',
    // Payout reconciliation (issue 20): finance and finance managers, company-wide.
    'finance:reconcile',
    // Collections (issue 20).
    'collections:read',
    'collections:plan',
    'collections:promise',
    // Performance figures (issue 14): agents their own, senior agents and managers their branches' and the team view.
    'service-metrics:read',
    'service-team:read',
    // SLA policies and escalation rules (issue 14): everyone who works cases reads them, admins change them.
    'service-sla:read',
    'service-sla:manage',
    // Onboarding playbooks (issue 14): everyone who works cases reads them, admins edit the templates.
    'playbooks:read',
    'playbooks:manage',
    // Notifications (issue 17): admins only.
    'notifications:read',
    'notification-templates:manage',
    // KPIs (issue 18): everyone reads their own; team roles their branches'.
    'analytics:read',
    'analytics:team',
    // Phone lines (issue 17): admins configure them, managers read them.
    'phone-lines:manage',
    'phone-lines:read',
    // The screen pop (issue 17): who answers the phone marks themself available and takes calls.
    'calls:answer',
  ],
  manager: [
    'products:fast-track',
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
    'policies:lapse-review',
    'exams:manage',
    // CSV exports of the lists (issue 16): managers (and admins).
    'orders:export',
    'exams:export',
    'policies:export',
    // The renewal rate KPI (issue 12): managers (and admins).
    'policies:renewal-rate',
    'finance:read',
    'ledger:read',
    'billing:read',
    'fees:waive',
    'invoices:void',
    'payments:create',
    'payments:read',
    'refunds:request',
    'refunds:approve',
    'invoices:write-off',
    'payments:reallocate',
    'payments:reverse',
    // Claims (issue 13).
    'claims:read',
    'claims:create',
    'claims:investigate',
    'claims:reserve',
    'claims:decide',
    'claims:pay',
    'claims:referrals',
    'service-calendars:read',
    'tasks:read',
    'tasks:write',
    'interactions:read',
    'interactions:create',
    'cases:read',
    'cases:write',
    'service-metrics:read',
    'service-team:read',
    'service-sla:read',
    'playbooks:read',
    // KPIs (issue 18): everyone reads their own; team roles their branches'.
    'analytics:read',
    'analytics:team',
    'phone-lines:read',
    // Collections (issue 20): the worklist and plans; promises to pay.
    'collections:read',
    'collections:promise',
    'calls:answer',
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
    // Claims (issue 13).
    'claims:read',
    'claims:create',
    'claims:investigate',
    'claims:reserve',
    'claims:decide',
    'claims:pay',
    'service-calendars:read',
    'tasks:read',
    'tasks:write',
    'interactions:read',
    'interactions:create',
    'cases:read',
    'cases:write',
    'service-metrics:read',
    'service-team:read',
    'service-sla:read',
    'playbooks:read',
    // KPIs (issue 18): everyone reads their own; team roles their branches'.
    'analytics:read',
    'analytics:team',
    // Collections (issue 20).
    'collections:read',
    'collections:promise',
    'calls:answer',
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
    'claims:read',
    'claims:create',
    'service-calendars:read',
    'tasks:read',
    'tasks:write',
    'interactions:read',
    'interactions:create',
    'cases:read',
    'cases:write',
    'service-metrics:read',
    'service-sla:read',
    'playbooks:read',
    // KPIs (issue 18): everyone reads their own; team roles their branches'.
    'analytics:read',
    // Collections (issue 20).
    'collections:read',
    'collections:promise',
    'calls:answer',
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
    // KPIs (issue 18): everyone reads their own; team roles their branches'.
    'analytics:read',
    'analytics:team',
  ],
  // Claims adjusters (issue 13): read the customer and the policy, handle claims within their limit.
  claims_adjuster: [
    'branches:read',
    'approval-limits:read',
    'customers:read',
    'products:read',
    'policies:read',
    // Claims (issue 13).
    'claims:read',
    'claims:create',
    'claims:investigate',
    'claims:reserve',
    'claims:decide',
    'claims:pay',
    // Their own queue in My work (issue 14): assigned claims and requests for information.
    'tasks:read',
    // KPIs (issue 18): everyone reads their own; team roles their branches'.
    'analytics:read',
  ],
  // Finance (issue 20): the company's books, every branch; finance managers close the months and
  // approve refunds and write-offs within their limits.
  finance: [
    'branches:read',
    'customers:read',
    'policies:read',
    'ledger:read',
    'billing:read',
    'payments:read',
    'finance:read',
    'finance:export',
    'finance:reconcile',
    'analytics:read',
    'analytics:team',
    // Collections (issue 20).
    'collections:read',
  ],
  finance_manager: [
    'branches:read',
    'approval-limits:read',
    'customers:read',
    'policies:read',
    'ledger:read',
    'billing:read',
    'payments:read',
    'refunds:approve',
    'invoices:write-off',
    'invoices:void',
    'finance:read',
    'finance:close',
    'finance:export',
    'finance:reconcile',
    // KPIs (issue 18): everyone reads their own; team roles their branches'.
    'analytics:read',
    'analytics:team',
    // Collections (issue 20): finance managers edit the dunning plans.
    'collections:read',
    'collections:plan',
  ],
  // The claims automation role (issue 21) is a system user's: it acts through the services, never the API.
  claims_automation: [],
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
