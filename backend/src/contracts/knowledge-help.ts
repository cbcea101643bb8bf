// Where each console page's help button points: the role manual (a staff article, seeded from
// seeds/manuals/*.md) and the section (a heading's id, `section-<slug of its text>`). The console
// reads this; a test checks that every section named here exists in the manuals it names.
import type { Role } from './auth';

export type ManualKey = 'agent' | 'senior-agent' | 'underwriter' | 'claims-adjuster' | 'finance' | 'manager' | 'admin';

/** The manual each role reads first (finance managers read the finance manual). */
export const ROLE_MANUALS: Record<Role, ManualKey> = {
  agent: 'agent',
  senior_agent: 'senior-agent',
  underwriter: 'underwriter',
  claims_adjuster: 'claims-adjuster',
  finance: 'finance',
  finance_manager: 'finance',
  manager: 'manager',
  admin: 'admin',
  // A system role: it never signs in; the adjusters' manual is the one that describes its work.
  claims_automation: 'claims-adjuster',
};

export const manualSlug = (manual: ManualKey) => `manual-${manual}`;

export interface HelpTopic {
  /** A console path pattern (`:param` for one segment). */
  path: string;
  /** The heading's id in the manuals (without `section-`). */
  section: string;
  /** The manuals with this section, the first being the fallback for a role whose manual lacks it. */
  manuals: ManualKey[];
}

export const HELP_TOPICS: HelpTopic[] = [
  { path: '/', section: 'home', manuals: ['agent', 'senior-agent', 'underwriter', 'claims-adjuster', 'finance', 'manager', 'admin'] },
  { path: '/my-work', section: 'my-work', manuals: ['agent', 'senior-agent', 'claims-adjuster', 'manager'] },
  { path: '/cases/:id', section: 'working-a-case', manuals: ['agent', 'senior-agent', 'manager'] },
  { path: '/customers', section: 'finding-a-customer', manuals: ['agent', 'senior-agent', 'manager'] },
  { path: '/customers/new', section: 'adding-a-customer', manuals: ['agent'] },
  { path: '/customers/:id', section: 'the-customer-360-view', manuals: ['agent', 'senior-agent', 'manager'] },
  { path: '/quotes', section: 'quotes-and-applications', manuals: ['agent'] },
  { path: '/quotes/new', section: 'quotes-and-applications', manuals: ['agent'] },
  { path: '/quotes/:id', section: 'quotes-and-applications', manuals: ['agent'] },
  { path: '/orders', section: 'quotes-and-applications', manuals: ['agent', 'underwriter'] },
  { path: '/orders/:id', section: 'deciding-an-application', manuals: ['underwriter', 'agent'] },
  { path: '/underwriting', section: 'the-underwriting-queue', manuals: ['underwriter'] },
  { path: '/exams', section: 'medical-exams', manuals: ['underwriter'] },
  { path: '/policies', section: 'policies', manuals: ['agent', 'underwriter', 'manager'] },
  { path: '/policies/:id', section: 'policies', manuals: ['agent', 'underwriter', 'manager'] },
  { path: '/policies/standing', section: 'grace-and-lapse', manuals: ['agent', 'manager'] },
  { path: '/policies/renewals', section: 'renewals-due', manuals: ['agent', 'manager'] },
  { path: '/claims', section: 'the-claims-list', manuals: ['claims-adjuster', 'manager'] },
  { path: '/claims/new', section: 'reporting-a-claim', manuals: ['claims-adjuster', 'agent'] },
  { path: '/claims/:id', section: 'handling-a-claim', manuals: ['claims-adjuster', 'manager'] },
  { path: '/billing/overdue', section: 'overdue-premiums', manuals: ['finance', 'agent'] },
  { path: '/refunds/approvals', section: 'refunds-to-approve', manuals: ['finance', 'manager'] },
  { path: '/collections', section: 'collections', manuals: ['finance', 'agent'] },
  { path: '/finance', section: 'the-monthly-close', manuals: ['finance'] },
  { path: '/finance/reconciliation', section: 'reconciliation', manuals: ['finance'] },
  { path: '/team', section: 'the-team-queue', manuals: ['senior-agent', 'manager'] },
  { path: '/service-performance', section: 'service-performance', manuals: ['agent', 'senior-agent', 'manager'] },
  { path: '/analytics', section: 'analytics', manuals: ['manager', 'finance'] },
  { path: '/reports', section: 'reports', manuals: ['manager', 'finance', 'admin'] },
  { path: '/reports/builder', section: 'reports', manuals: ['manager', 'finance', 'admin'] },
  { path: '/audit', section: 'the-audit-log', manuals: ['manager', 'admin'] },
  { path: '/approval-limits', section: 'approval-limits', manuals: ['admin', 'manager'] },
  { path: '/users', section: 'users', manuals: ['admin'] },
  { path: '/users/:id', section: 'users', manuals: ['admin'] },
  { path: '/branches', section: 'branches', manuals: ['admin'] },
  { path: '/products', section: 'products', manuals: ['admin'] },
  { path: '/products/:id', section: 'products', manuals: ['admin'] },
  { path: '/notifications', section: 'the-outbox-and-templates', manuals: ['admin'] },
  { path: '/phone-lines', section: 'phone-lines', manuals: ['admin'] },
  { path: '/phone-lines/:id', section: 'phone-lines', manuals: ['admin'] },
  { path: '/playbook-templates', section: 'onboarding-playbooks', manuals: ['admin'] },
  { path: '/knowledge', section: 'the-knowledge-base', manuals: ['agent', 'senior-agent', 'underwriter', 'claims-adjuster', 'finance', 'manager', 'admin'] },
  { path: '/knowledge/articles/:id', section: 'the-knowledge-base', manuals: ['agent', 'senior-agent', 'underwriter', 'claims-adjuster', 'finance', 'manager', 'admin'] },
  { path: '/knowledge/new', section: 'writing-articles', manuals: ['senior-agent', 'manager'] },
  { path: '/knowledge/articles/:id/edit', section: 'writing-articles', manuals: ['senior-agent', 'manager'] },
  { path: '/knowledge/review', section: 'reviewing-articles', manuals: ['manager'] },
];

/** The topic of a console path: the most specific pattern matching it (literal segments beat `:param`). */
export function helpTopicFor(pathname: string): HelpTopic | undefined {
  const segments = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  let best: { topic: HelpTopic; score: number } | undefined;
  for (const topic of HELP_TOPICS) {
    const pattern = topic.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    let score = 0;
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) return true;
      score += 1;
      return p === segments[i];
    });
    if (ok && (!best || score > best.score)) best = { topic, score };
  }
  return best?.topic;
}

/** Where the help button of `pathname` leads a user of `role`: the article slug and the section's id. */
export function helpLinkFor(pathname: string, role: Role): { slug: string; section: string } | undefined {
  const topic = helpTopicFor(pathname);
  if (!topic) return undefined;
  const own = ROLE_MANUALS[role];
  const manual = topic.manuals.includes(own) ? own : topic.manuals[0]!;
  return { slug: manualSlug(manual), section: `section-${topic.section}` };
}
