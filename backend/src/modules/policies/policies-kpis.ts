// The policies module's KPIs (issue 18). The renewal rate, from policy servicing's renewal
// transactions: of the renewals due in the period (by their renewal date), the share issued.
// Persistency at 13 and 25 months, by count and by premium: of the policies whose 13th (25th) month
// from their start falls in the period, the share still in force on that day. Customer retention: of
// the customers with a policy in force on the period's first day, the share with one in force on its
// last. In force on a day: started, not past its end date, and not ended by a lapse, cancellation,
// surrender or termination effective on or before it (unless a reinstatement came after). Single-trip
// travel policies have no such life and are left out. Product performance: the new business (count,
// and annual premium as issued) of the period. Portfolio risk: the sums insured in force on the
// period's last day, and the share of them on customers rated high risk. Each is by the policy's
// branch, agent and product version.
import type { Knex } from 'knex';
import type { DbOrTrx } from '../../db';
import { counted, orderBy, ratioOf, scopeKpi, summed, type KpiDefinition, type KpiPeriod, type KpiScope } from '../analytics/kpi-registry';

/** The transactions that end a policy's cover, and the one that restores it. */
const ENDINGS = ['lapse', 'cancellation', 'surrender', 'termination'] as const;

/**
 * Whether policy `p` was in force on the day `day` (SQL for a date): started, not past its end, and
 * the last ending or reinstatement issued with effect on or before that day (if any) a reinstatement.
 */
function inForceOn(db: DbOrTrx, day: Knex.Raw): Knex.Raw {
  return db.raw(
    `(p.start_date <= ? AND p.end_date >= ? AND coalesce((
       SELECT t.type = 'reinstatement' FROM policy_transactions t
        WHERE t.policy_id = p.id AND t.status = 'issued' AND t.type IN (${[...ENDINGS, 'reinstatement'].map(() => '?').join(', ')}) AND t.effective_date <= ?
        ORDER BY t.effective_date DESC, t.issued_at DESC LIMIT 1), true))`,
    [day, day, ...ENDINGS, 'reinstatement', day],
  );
}

/** Term policies (not single-trip travel) in the scope. */
function termPolicies(db: DbOrTrx, scope: KpiScope): Knex.QueryBuilder {
  return scopeKpi(db('policies as p').whereNotNull('p.term_years'), scope, { branch: 'p.branch_id', agent: 'p.agent_id', productVersion: 'p.product_version_id' });
}

/**
 * Policies reaching `months` in the period, each with whether it was in force that day — by count,
 * and by annual premium in the base currency.
 */
function persistencyCohort(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, months: number, baseCurrency: string): Knex.QueryBuilder {
  return db.from(persistencyPolicies(db, scope, period, months, baseCurrency).select('p.annual_premium').as('c'));
}

/** The policies reaching `months` in the period, each selecting `in_force` on that day. */
function persistencyPolicies(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, months: number, baseCurrency: string): Knex.QueryBuilder {
  const mark = db.raw(`(p.start_date + make_interval(months => ${months}))::date`);
  return termPolicies(db, scope)
    .where('p.currency', baseCurrency)
    .whereRaw(`(p.start_date + make_interval(months => ${months}))::date BETWEEN ?::date AND ?::date`, [period.from, period.to])
    .select(db.raw('? AS in_force', [inForceOn(db, mark)]));
}

/** A drill-down's columns naming the policy, its agent and its customer. */
const POLICY_COLUMNS = [
  { key: 'policy', header: 'Policy', type: 'string' },
  { key: 'customer', header: 'Customer', type: 'string' },
  { key: 'agent', header: 'Agent', type: 'string' },
] as const;

/** Selects the policy's number, its customer's number and its agent's name (POLICY_COLUMNS) on a query of policies `p`. */
const withPolicyColumns = (q: Knex.QueryBuilder): Knex.QueryBuilder =>
  q
    .join('customers as cu', 'cu.id', 'p.customer_id')
    .leftJoin('users as u', 'u.id', 'p.agent_id')
    .select('p.id', 'p.policy_number as policy', 'cu.customer_number as customer', 'u.name as agent');

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
    additive: true,
    dimensions: ['branch', 'product', 'agent'],
    async compute(db, scope, period) {
      const row = await persistencyCohort(db, scope, period, months, baseCurrency).first(
        byPremium ? db.raw('coalesce(sum(c.annual_premium) FILTER (WHERE c.in_force), 0)::bigint AS kept') : db.raw('count(*) FILTER (WHERE c.in_force)::int AS kept'),
        byPremium ? db.raw('coalesce(sum(c.annual_premium), 0)::bigint AS reaching') : db.raw('count(*)::int AS reaching'),
      );
      return ratioOf(Number(row.kept), Number(row.reaching));
    },
    drill: {
      rows: `Policies reaching ${months} months in the period`,
      columns: [
        ...POLICY_COLUMNS,
        { key: 'startDate', header: 'Start', type: 'date' },
        { key: 'mark', header: `${months} months`, type: 'date' },
        { key: 'annualPremium', header: 'Annual premium', type: 'money' },
        { key: 'currency', header: 'Currency', type: 'string' },
        { key: 'inForce', header: 'In force then', type: 'boolean' },
      ],
      reconcile: byPremium ? { numerator: summed('annualPremium', 'inForce'), denominator: summed('annualPremium') } : { numerator: counted('inForce'), denominator: counted() },
      query: (db, scope, period) =>
        withPolicyColumns(persistencyPolicies(db, scope, period, months, baseCurrency).clearSelect()).select(
          'p.start_date as startDate',
          db.raw(`(p.start_date + make_interval(months => ${months}))::date AS mark`),
          'p.annual_premium as annualPremium',
          'p.currency',
          db.raw('? AS "inForce"', [inForceOn(db, db.raw(`(p.start_date + make_interval(months => ${months}))::date`))]),
        ),
      order: [{ column: 'p.id', field: 'id', dir: 'asc' }],
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
      additive: true,
      dimensions: ['branch', 'product', 'agent'],
      async compute(db, scope, period) {
        const row = await renewalsDue(db, scope, period).first(db.raw("count(*) FILTER (WHERE t.status = 'issued')::int AS renewed"), db.raw('count(*)::int AS due'));
        return ratioOf(row.renewed, row.due);
      },
      drill: {
        rows: 'Renewals due in the period',
        columns: [
          { key: 'transaction', header: 'Renewal', type: 'string' },
          ...POLICY_COLUMNS,
          { key: 'renewalDate', header: 'Renewal date', type: 'date' },
          { key: 'status', header: 'Status', type: 'string' },
          { key: 'renewed', header: 'Renewed', type: 'boolean' },
        ],
        reconcile: { numerator: counted('renewed'), denominator: counted() },
        query: (db, scope, period) =>
          withPolicyColumns(renewalsDue(db, scope, period))
            .clearSelect()
            .select('t.id', 't.transaction_number as transaction', 'p.policy_number as policy', 'cu.customer_number as customer', 'u.name as agent')
            .select('t.effective_date as renewalDate', 't.status', db.raw("t.status = 'issued' AS renewed")),
        order: orderBy('t.effective_date', 'renewalDate', 't.id'),
      },
    },
    {
      key: 'policies.customer-retention',
      title: 'Customer retention',
      formula: 'Customers with a policy in force on the last day of the period ÷ customers with a policy in force on its first day',
      source:
        'Term policies in force on the period’s first and last days (a lapse, cancellation, surrender or termination in effect ends one; a reinstatement restores it), by the policy’s agent',
      unit: 'ratio',
      target: { comparison: 'above', value: 0.95 },
      permission: 'policies:read',
      dimensions: ['branch', 'product', 'agent'],
      async compute(db, scope, period) {
        const customers = termPolicies(db, scope)
          .groupBy('p.customer_id')
          .select(
            db.raw('bool_or(?) AS at_start', [inForceOn(db, db.raw('?::date', [period.from]))]),
            db.raw('bool_or(?) AS at_end', [inForceOn(db, db.raw('?::date', [period.to]))]),
          );
        const row = await db
          .from(customers.as('c'))
          .first(db.raw('count(*) FILTER (WHERE c.at_start AND c.at_end)::int AS kept'), db.raw('count(*) FILTER (WHERE c.at_start)::int AS customers'));
        return ratioOf(row.kept, row.customers);
      },
      drill: {
        rows: 'Customers with a term policy in force on the period’s first day',
        columns: [
          { key: 'customer', header: 'Customer', type: 'string' },
          { key: 'policies', header: 'Policies in force on the first day', type: 'integer' },
          { key: 'kept', header: 'Still one in force on the last day', type: 'boolean' },
        ],
        reconcile: { numerator: counted('kept'), denominator: counted() },
        query: (db, scope, period) => {
          const atStart = inForceOn(db, db.raw('?::date', [period.from]));
          return termPolicies(db, scope)
            .join('customers as cu', 'cu.id', 'p.customer_id')
            .groupBy('p.customer_id', 'cu.customer_number')
            .havingRaw('bool_or(?)', [atStart])
            .select(
              'p.customer_id as id',
              'cu.customer_number as customer',
              db.raw('count(*) FILTER (WHERE ?)::int AS policies', [atStart]),
              db.raw('bool_or(?) AS kept', [inForceOn(db, db.raw('?::date', [period.to]))]),
            );
        },
        order: [{ column: 'p.customer_id', field: 'id', dir: 'asc' }],
      },
    },
    persistencyKpi(13, 'count', baseCurrency),
    persistencyKpi(13, 'premium', baseCurrency),
    persistencyKpi(25, 'count', baseCurrency),
    persistencyKpi(25, 'premium', baseCurrency),
    {
      key: 'policies.new-business-count',
      title: 'New business (policies)',
      formula: 'Policies issued in the period',
      source: 'Policies by the date they were issued (every product, travel included), by the selling agent',
      unit: 'count',
      target: null,
      permission: 'policies:read',
      additive: true,
      dimensions: ['branch', 'product', 'agent'],
      async compute(db, scope, period) {
        const row = await issuedIn(db, scope, period).first(db.raw('count(*)::int AS issued'));
        return { value: row.issued };
      },
      drill: {
        rows: 'Policies issued in the period',
        columns: [...POLICY_COLUMNS, { key: 'issuedAt', header: 'Issued', type: 'datetime' }, { key: 'status', header: 'Status', type: 'string' }],
        reconcile: { value: counted() },
        query: (db, scope, period) => withPolicyColumns(issuedIn(db, scope, period)).select('p.issued_at as issuedAt', 'p.status'),
        order: orderBy('p.issued_at', 'issuedAt', 'p.id'),
      },
    },
    {
      key: 'policies.new-business-premium',
      // A trip's premium is one single premium, not a year's (issue 15): the figure says so.
      title: 'New business (premium)',
      formula: 'Sum of the premiums, as issued, of the policies issued in the period: the annual premium of a term policy, the single premium of a trip',
      source: `Policies in ${baseCurrency} by the date they were issued, with the premium of their first terms (annual, or single for single-trip travel), by the selling agent`,
      unit: 'money',
      target: null,
      permission: 'policies:read',
      additive: true,
      dimensions: ['branch', 'product', 'agent'],
      async compute(db, scope, period) {
        const row = await issuedWithFirstTerms(db, scope, period, baseCurrency).first(db.raw('coalesce(sum(v.annual_premium), 0)::bigint AS premium'));
        return { value: Number(row.premium) };
      },
      drill: {
        rows: `Policies in ${baseCurrency} issued in the period, with the premium they were issued with`,
        columns: [
          ...POLICY_COLUMNS,
          { key: 'issuedAt', header: 'Issued', type: 'datetime' },
          { key: 'premium', header: 'Premium as issued', type: 'money' },
          { key: 'currency', header: 'Currency', type: 'string' },
        ],
        reconcile: { value: summed('premium') },
        query: (db, scope, period) =>
          withPolicyColumns(issuedWithFirstTerms(db, scope, period, baseCurrency)).select('p.issued_at as issuedAt', 'v.annual_premium as premium', 'p.currency'),
        order: orderBy('p.issued_at', 'issuedAt', 'p.id'),
      },
    },
    {
      key: 'policies.sum-insured-in-force',
      title: 'Sums insured in force',
      formula: 'Sum of the sums insured of the term policies in force on the last day of the period',
      source: `Term policies in ${baseCurrency} in force on the period's last day (current terms), by the policy's agent`,
      unit: 'money',
      target: null,
      permission: 'policies:read',
      dimensions: ['branch', 'product', 'agent'],
      async compute(db, scope, period) {
        const row = await inForceAtEnd(db, scope, period, baseCurrency).first(db.raw('coalesce(sum(p.sum_insured), 0)::bigint AS insured'));
        return { value: Number(row.insured) };
      },
      drill: {
        rows: 'Term policies in force on the period’s last day',
        columns: [...POLICY_COLUMNS, { key: 'sumInsured', header: 'Sum insured', type: 'money' }, { key: 'currency', header: 'Currency', type: 'string' }],
        reconcile: { value: summed('sumInsured') },
        query: (db, scope, period) => withPolicyColumns(inForceAtEnd(db, scope, period, baseCurrency)).select('p.sum_insured as sumInsured', 'p.currency'),
        order: [{ column: 'p.id', field: 'id', dir: 'asc' }],
      },
    },
    {
      key: 'policies.high-risk-share',
      title: 'High-risk share of sums insured',
      formula: 'Sums insured in force on customers rated high risk ÷ all sums insured in force, on the last day of the period',
      source: `Term policies in ${baseCurrency} in force on the period's last day, by their customer's risk level, by the policy's agent`,
      unit: 'ratio',
      basisUnit: 'money',
      target: null,
      permission: 'policies:read',
      dimensions: ['branch', 'product', 'agent', 'region'],
      async compute(db, scope, period) {
        const row = await inForceWithCustomers(db, scope, period, baseCurrency).first(
          db.raw("coalesce(sum(p.sum_insured) FILTER (WHERE c.risk_level = 'high'), 0)::bigint AS high"),
          db.raw('coalesce(sum(p.sum_insured), 0)::bigint AS insured'),
        );
        return ratioOf(Number(row.high), Number(row.insured));
      },
      drill: {
        rows: 'Term policies in force on the period’s last day, with their customer’s risk level',
        columns: [
          ...POLICY_COLUMNS,
          { key: 'riskLevel', header: 'Risk level', type: 'string' },
          { key: 'sumInsured', header: 'Sum insured', type: 'money' },
          { key: 'currency', header: 'Currency', type: 'string' },
          { key: 'high', header: 'High risk', type: 'boolean' },
        ],
        reconcile: { numerator: summed('sumInsured', 'high'), denominator: summed('sumInsured') },
        query: (db, scope, period) =>
          scopeKpi(withPolicyColumns(inForceAtEnd(db, scope, period, baseCurrency)), scope, { branch: 'p.branch_id', region: 'cu.region' }).select(
            'cu.risk_level as riskLevel',
            'p.sum_insured as sumInsured',
            'p.currency',
            db.raw("coalesce(cu.risk_level = 'high', false) AS high"),
          ),
        order: [{ column: 'p.id', field: 'id', dir: 'asc' }],
      },
    },
    {
      // Portfolio risk by region (issue 18): with the region filter, the customers of one region.
      key: 'policies.high-risk-customers',
      title: 'High-risk share of customers',
      formula: 'Customers rated high risk with a term policy in force ÷ all customers with a term policy in force, on the last day of the period',
      source: `Customers with term policies in ${baseCurrency} in force on the period's last day, by their current risk level and the region of their address, by the policy's agent`,
      unit: 'ratio',
      target: null,
      permission: 'policies:read',
      dimensions: ['branch', 'product', 'agent', 'region'],
      async compute(db, scope, period) {
        const row = await inForceWithCustomers(db, scope, period, baseCurrency).first(
          db.raw("count(DISTINCT c.id) FILTER (WHERE c.risk_level = 'high')::integer AS high"),
          db.raw('count(DISTINCT c.id)::integer AS customers'),
        );
        return ratioOf(Number(row.high), Number(row.customers));
      },
      drill: {
        rows: 'Customers with a term policy in force on the period’s last day, with their risk level and region',
        columns: [
          { key: 'customer', header: 'Customer', type: 'string' },
          { key: 'region', header: 'Region', type: 'string' },
          { key: 'riskLevel', header: 'Risk level', type: 'string' },
          { key: 'policies', header: 'Policies in force', type: 'integer' },
          { key: 'high', header: 'High risk', type: 'boolean' },
        ],
        reconcile: { numerator: counted('high'), denominator: counted() },
        query: (db, scope, period) =>
          inForceWithCustomers(db, scope, period, baseCurrency)
            .groupBy('c.id')
            .select(
              'c.id',
              'c.customer_number as customer',
              'c.region',
              'c.risk_level as riskLevel',
              db.raw('count(*)::integer AS policies'),
              db.raw("coalesce(c.risk_level = 'high', false) AS high"),
            ),
        order: [{ column: 'c.id', field: 'id', dir: 'asc' }],
      },
    },
  ];
}

/** Policies (any) issued on the period's business dates, in the scope. */
function issuedIn(db: DbOrTrx, scope: KpiScope, period: KpiPeriod): Knex.QueryBuilder {
  return scopeKpi(db('policies as p').where('p.issued_at', '>=', period.start).where('p.issued_at', '<', period.end), scope, {
    branch: 'p.branch_id',
    agent: 'p.agent_id',
    productVersion: 'p.product_version_id',
  });
}

/** Term policies in the base currency in force on the period's last day, in the scope. */
function inForceAtEnd(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, baseCurrency: string): Knex.QueryBuilder {
  return termPolicies(db, scope)
    .where('p.currency', baseCurrency)
    .whereRaw('?', [inForceOn(db, db.raw('?::date', [period.to]))]);
}

/** `inForceAtEnd` with each policy's customer (`c`), narrowed to the region asked (portfolio risk). */
function inForceWithCustomers(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, baseCurrency: string): Knex.QueryBuilder {
  return scopeKpi(inForceAtEnd(db, scope, period, baseCurrency).join('customers as c', 'c.id', 'p.customer_id'), scope, { branch: 'p.branch_id', region: 'c.region' });
}

/** Renewals due in the period (by renewal date), in the scope (by the policy's agent). */
function renewalsDue(db: DbOrTrx, scope: KpiScope, period: KpiPeriod): Knex.QueryBuilder {
  return scopeKpi(
    db('policy_transactions as t').join('policies as p', 'p.id', 't.policy_id').where('t.type', 'renewal').whereBetween('t.effective_date', [period.from, period.to]),
    scope,
    {
      branch: 't.branch_id',
      agent: 'p.agent_id',
      productVersion: 'p.product_version_id',
    },
  );
}

/** Policies in the base currency issued in the period with their first terms (`v`). */
function issuedWithFirstTerms(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, baseCurrency: string): Knex.QueryBuilder {
  return issuedIn(db, scope, period)
    .join('policy_versions as v', function () {
      this.on('v.policy_id', 'p.id').andOnVal('v.version_number', '=', 1);
    })
    .where('p.currency', baseCurrency);
}
