// The role dashboards (issue 18): the KPIs each role runs its work by, out of those the reader may
// see (the API leaves out the ones their role may not read). The admin's is every KPI.
export interface RoleDashboard {
  slug: string;
  title: string;
  description: string;
  /** The KPIs shown, in this order; null: every KPI the reader may see. */
  keys: readonly string[] | null;
}

export const ROLE_DASHBOARDS: readonly RoleDashboard[] = [
  {
    slug: 'manager',
    title: 'Manager dashboard',
    description: 'The branch’s business: losses, premium, renewals, new business, and how fast claims, applications and customers are handled.',
    keys: [
      'billing.loss-ratio',
      'billing.monthly-recurring-premium',
      'policies.new-business-count',
      'policies.new-business-premium',
      'policies.renewal-rate',
      'policies.customer-retention',
      'policies.persistency-13-count',
      'claims.processing-time',
      'orders.processing-time',
      'service.csat',
      'service.first-contact-resolution',
      'service.first-response-time',
    ],
  },
  {
    slug: 'agent',
    title: 'Agent dashboard',
    description: 'Sales, renewals and service: the figures an agent is measured by.',
    keys: [
      'policies.new-business-count',
      'policies.new-business-premium',
      'orders.agent-productivity',
      'orders.processing-time',
      'policies.renewal-rate',
      'policies.customer-retention',
      'service.csat',
      'service.first-contact-resolution',
      'service.first-response-time',
    ],
  },
  {
    slug: 'underwriter',
    title: 'Underwriter dashboard',
    description: 'Applications decided, what was written and the risk taken on.',
    keys: [
      'orders.processing-time',
      'orders.agent-productivity',
      'policies.new-business-count',
      'policies.new-business-premium',
      'policies.sum-insured-in-force',
      'policies.high-risk-share',
      'billing.loss-ratio',
    ],
  },
  {
    slug: 'claims-adjuster',
    title: 'Claims adjuster dashboard',
    description: 'How fast claims are decided, and what they cost.',
    keys: ['claims.processing-time', 'billing.loss-ratio', 'service.csat', 'service.first-response-time'],
  },
  { slug: 'admin', title: 'Admin dashboard', description: 'Every KPI of the company.', keys: null },
];

/** The dashboard a role opens first (Home puts it first). */
export const DASHBOARD_OF_ROLE: Record<string, string> = {
  admin: 'admin',
  manager: 'manager',
  senior_agent: 'manager',
  finance: 'manager',
  finance_manager: 'manager',
  agent: 'agent',
  underwriter: 'underwriter',
  claims_adjuster: 'claims-adjuster',
};
