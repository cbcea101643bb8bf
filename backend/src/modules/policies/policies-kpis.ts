// The policies module's KPIs (issue 18). The renewal rate, from policy servicing's renewal
// transactions: of the renewals due in the period (by their renewal date), the share issued.
// Persistency at 13 and 25 months, by count and by premium: of the policies whose 13th (25th) month
// from their start falls in the period, the share still in force on that day — not ended by a lapse,
// cancellation, surrender or termination effective on or before it (unless a reinstatement came
// after), and not past its end date. Single-trip travel policies have no such life and are left out.
// Each is by the policy's branch, agent and product version.
import type { Knex } from 'knex';
import type { DbOrTrx } from '../../db';
import { ratioOf, scopeKpi, type KpiDefinition, type KpiPeriod, type KpiScope } from '../analytics/kpi-registry';

/** The transactions that end a policy's cover, and the one that restores it. */
const ENDINGS = ['lapse', 'cancellation', 'surrender', 'termination'] as const;

/**
 * Policies reaching `months` in the period, each with whether it was in force that day (the last
 * ending or reinstatement issued on or before it decides) — by count, and by annual premium in the
 * base currency.
 */
function persistencyCohort(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, months: number, baseCurrency: string): Knex.QueryBuilder {
  const mark = db.raw(`(p.start_date + make_interval(months => ${months}))::date`);
  const cohort = scopeKpi(
    db('policies as p')
      .whereNotNull('p.term_years')
      .where('p.currency', baseCurrency)
      .whereRaw(`(p.start_date + make_interval(months => ${months}))::date BETWEEN ?::date AND ?::date`, [period.from, period.to]),
    scope,
    { branch: 'p.branch_id', agent: 'p.agent_id', productVersion: 'p.product_version_id' },
  ).select(
    'p.annual_premium',
    db.raw(
      `p.end_date >= ? AND coalesce((
         SELECT t.type = 'reinstatement' FROM policy_transactions t
          WHERE t.policy_id = p.id AND t.status = 'issued' AND t.type IN (${[...ENDINGS, 'reinstatement'].map(() => '?').join(', ')}) AND t.effective_date <= ?
          ORDER BY t.effective_date DESC, t.issued_at DESC LIMIT 1), true) AS in_force`,
      [mark, ...ENDINGS, 'reinstatement', mark],
    ),
  );
  return db.from(cohort.as('c'));
}

function persistencyKpi(months: 13 | 25, basis: 'count' | 'premium', baseCurrency: string): KpiDefinition {
  const byPremium = basis === 'premium';
  return {
    key: `policies.persistency-${months}-${basis}`,
    title: `Persistency at ${months} months (${byPremium ? 'by premium' : 'by count'})`,
    formula: byPremium
      ? `Annual premium of the policies still in force ${months} months after their start ÷ annual premium of all the policies reaching ${months} months in the period`
      : `Policies still in force ${months} months after their start ÷ policies reaching ${months} months in the period`,
    source: `Policies in ${baseCurrency} (not single-trip travel) whose ${months}th month from the start date falls in the period; in force unless a lapse, cancellation, surrender or termination took effect on or before that day (and no reinstatement after it) or the policy had ended; by the policy's agent`,
    unit: 'ratio',
    ...(byPremium ? { basisUnit: 'money' as const } : {}),
    target: null,
    permission: 'policies:read',
    dimensions: ['branch', 'product', 'agent'],
    async compute(db, scope, period) {
      const row = await persistencyCohort(db, scope, period, months, baseCurrency).first(
        byPremium ? db.raw('coalesce(sum(c.annual_premium) FILTER (WHERE c.in_force), 0)::bigint AS kept') : db.raw('count(*) FILTER (WHERE c.in_force)::int AS kept'),
        byPremium ? db.raw('coalesce(sum(c.annual_premium), 0)::bigint AS reaching') : db.raw('count(*)::int AS reaching'),
      );
      return ratioOf(Number(row.kept), Number(row.reaching));
    },
  };
}

export function policiesKpis(baseCurrency: string): KpiDefinition[] {
  return [
    {
      key: 'policies.renewal-rate',
      title: 'Policy renewal rate',
      formula: 'Renewals issued ÷ renewals due, by renewal date in the period',
      source: 'Renewal transactions of policies whose renewal date falls in the period (issued, declined, or still open), by the policy’s agent',
      unit: 'ratio',
      target: { comparison: 'above', value: 0.9 },
      permission: 'policies:renewal-rate',
      dimensions: ['branch', 'product', 'agent'],
      async compute(db, scope, period) {
        const row = await scopeKpi(
          db('policy_transactions as t').join('policies as p', 'p.id', 't.policy_id').where('t.type', 'renewal').whereBetween('t.effective_date', [period.from, period.to]),
          scope,
          { branch: 't.branch_id', agent: 'p.agent_id', productVersion: 'p.product_version_id' },
        ).first(db.raw("count(*) FILTER (WHERE t.status = 'issued')::int AS renewed"), db.raw('count(*)::int AS due'));
        return ratioOf(row.renewed, row.due);
      },
    },
    persistencyKpi(13, 'count', baseCurrency),
    persistencyKpi(13, 'premium', baseCurrency),
    persistencyKpi(25, 'count', baseCurrency),
    persistencyKpi(25, 'premium', baseCurrency),
  ];
}
