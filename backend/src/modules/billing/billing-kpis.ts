// Billing's KPI (issue 18), from the ledger: the loss ratio — claims incurred (paid plus the change in
// what is held in reserve) over premium earned, both from the postings dated in the period, in the
// company's base currency. Premium income is what Finance's daily job has earned (earlier, what was billed).
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
  ];
}
