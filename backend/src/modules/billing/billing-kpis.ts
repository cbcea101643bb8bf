// Billing's KPIs (issue 18): from the ledger, the loss ratio — claims incurred (paid plus the change in
// what is held in reserve) over premium earned, both from the postings dated in the period, in the
// company's base currency (premium income is what Finance's daily job has earned; earlier, what was
// billed); from the installment schedules, the monthly recurring premium.
import type { KpiDefinition } from '../analytics/kpi-registry';
import { ratioOf, scopeKpi } from '../analytics/kpi-registry';

export function billingKpis(baseCurrency: string): KpiDefinition[] {
  return [
    {
      key: 'billing.loss-ratio',
      title: 'Loss ratio',
      formula: 'Claims incurred (claims paid + change in claim reserves) ÷ premium earned, from the ledger postings dated in the period',
      source: `Journal entries in ${baseCurrency}: the claims paid and claims incurred accounts against premium income, by the policy's branch and product`,
      unit: 'ratio',
      basisUnit: 'money',
      target: { comparison: 'below', value: 0.65 },
      permission: 'ledger:read',
      dimensions: ['branch', 'product'],
      async compute(db, scope, period) {
        const row = await scopeKpi(
          db('postings as p')
            .join('journal_entries as e', 'e.id', 'p.entry_id')
            .join('ledger_accounts as a', 'a.id', 'p.account_id')
            .leftJoin('billing_policies as bp', 'bp.policy_id', 'e.policy_id')
            .where('p.currency', baseCurrency)
            .whereIn('a.kind', ['claims_paid', 'claims_incurred', 'premium_income'])
            .whereBetween('e.effective_date', [period.from, period.to]),
          scope,
          // Earning entries carry no policy: their source is the product version whose premium they earn.
          { branch: 'e.branch_id', productVersion: `coalesce(bp.product_version_id, CASE WHEN e.source_type = 'earning' THEN e.source_id END)` },
        ).first(
          db.raw(`coalesce(sum(CASE WHEN a.kind <> 'premium_income' THEN (CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) END), 0)::bigint AS incurred`),
          db.raw(`coalesce(sum(CASE WHEN a.kind = 'premium_income' THEN (CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END) END), 0)::bigint AS earned`),
        );
        return ratioOf(Number(row.incurred), Number(row.earned));
      },
    },
    {
      // Customer lifetime value (issue 18) as the customers module's contributors count it — premiums
      // paid (billing) less claims paid (claims) — read here from the ledger, where both are posted.
      key: 'billing.customer-lifetime-value',
      title: 'Customer lifetime value',
      formula: '(Premiums paid − claims paid) up to the last day of the period ÷ customers who have paid a premium',
      source: `Journal entries in ${baseCurrency} dated up to the period's last day: payments allocated to premium receivable, less claim payments (claims paid), by the entry's branch, the policy's product and the customer's region`,
      unit: 'money',
      basisUnit: 'money',
      target: null,
      permission: 'ledger:read',
      dimensions: ['branch', 'product', 'region'],
      async compute(db, scope, period) {
        const premium = "e.source_type = 'allocation' AND a.kind = 'premium_receivable'";
        const row = await scopeKpi(
          db('postings as p')
            .join('journal_entries as e', 'e.id', 'p.entry_id')
            .join('ledger_accounts as a', 'a.id', 'p.account_id')
            .leftJoin('billing_policies as bp', 'bp.policy_id', 'e.policy_id')
            .leftJoin('customers as c', 'c.id', 'e.customer_id')
            .where('p.currency', baseCurrency)
            .where('e.effective_date', '<=', period.to)
            .where((q) => q.whereRaw(premium).orWhere('a.kind', 'claims_paid')),
          scope,
          { branch: 'e.branch_id', productVersion: 'bp.product_version_id', region: 'c.region' },
        ).first(
          db.raw(`coalesce(sum(CASE WHEN ${premium} THEN (CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END) END), 0)::bigint AS paid`),
          db.raw(`coalesce(sum(CASE WHEN a.kind = 'claims_paid' THEN (CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) END), 0)::bigint AS claims`),
          db.raw(`count(DISTINCT e.customer_id) FILTER (WHERE ${premium})::integer AS customers`),
        );
        const net = Number(row.paid) - Number(row.claims);
        const customers = Number(row.customers);
        return { value: customers ? Math.round(net / customers) : null, numerator: net, denominator: customers };
      },
    },
    {
      key: 'billing.monthly-recurring-premium',
      title: 'Monthly recurring premium',
      formula: 'Sum of the installments due in the period ÷ number of calendar months the period touches',
      source: `Installment schedules in ${baseCurrency} of policies not ended before the installment falls due, by the policy's branch and product`,
      unit: 'money',
      basisUnit: 'money',
      target: null,
      permission: 'billing:read',
      dimensions: ['branch', 'product'],
      async compute(db, scope, period) {
        const row = await scopeKpi(
          db('billing_installments as i')
            .join('billing_policies as bp', 'bp.policy_id', 'i.policy_id')
            .where('i.currency', baseCurrency)
            .whereBetween('i.due_date', [period.from, period.to])
            // A cancelled, lapsed-and-ended or surrendered policy's later installments are no longer recurring.
            .where((q) => q.whereNull('bp.ended_on').orWhere('bp.ended_on', '>', db.ref('i.due_date'))),
          scope,
          { branch: 'bp.branch_id', productVersion: 'bp.product_version_id' },
        ).first(db.raw('coalesce(sum(i.amount), 0)::bigint AS due'));
        const months = monthsTouched(period.from, period.to);
        const due = Number(row.due);
        return { value: Math.round(due / months), numerator: due, denominator: months };
      },
    },
  ];
}

/** Calendar months from the month of `from` to the month of `to`, both counted (2027-03-15..2027-05-02: 3). */
export const monthsTouched = (from: string, to: string): number => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
