// Billing's KPIs (issue 18): from the ledger, the loss ratio — claims incurred (paid plus the change in
// what is held in reserve) over premium earned, both from the postings dated in the period, in the
// company's base currency (premium income is what Finance's daily job has earned; earlier, what was
// billed); from the installment schedules, the monthly recurring premium.
import type { Knex } from 'knex';
import type { DbOrTrx } from '../../db';
import type { KpiDefinition, KpiPeriod, KpiScope } from '../analytics/kpi-registry';
import { counted, orderBy, ratioOf, scopeKpi, summed } from '../analytics/kpi-registry';

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
      additive: true,
      dimensions: ['branch', 'product'],
      async compute(db, scope, period) {
        const row = await lossRatioPostings(db, scope, period, baseCurrency).first(
          db.raw(`coalesce(sum(${INCURRED}), 0)::bigint AS incurred`),
          db.raw(`coalesce(sum(${EARNED}), 0)::bigint AS earned`),
        );
        return ratioOf(Number(row.incurred), Number(row.earned));
      },
      drill: {
        rows: 'Ledger entries in the period moving claims paid, claims incurred or premium income (a claim’s payments and reserve changes name the claim)',
        columns: [
          { key: 'date', header: 'Date', type: 'date' },
          { key: 'entry', header: 'Entry', type: 'integer' },
          { key: 'source', header: 'Source', type: 'string' },
          { key: 'description', header: 'Description', type: 'string' },
          { key: 'policy', header: 'Policy', type: 'string' },
          { key: 'incurred', header: 'Claims incurred', type: 'money' },
          { key: 'earned', header: 'Premium earned', type: 'money' },
          { key: 'currency', header: 'Currency', type: 'string' },
        ],
        reconcile: { numerator: summed('incurred'), denominator: summed('earned') },
        query: (db, scope, period) =>
          lossRatioPostings(db, scope, period, baseCurrency)
            .groupBy('e.id', 'bp.policy_number')
            .select(
              'e.id',
              'e.effective_date as date',
              'e.seq as entry',
              'e.source_type as source',
              'e.description',
              'bp.policy_number as policy',
              db.raw(`coalesce(sum(${INCURRED}), 0)::bigint AS incurred`),
              db.raw(`coalesce(sum(${EARNED}), 0)::bigint AS earned`),
              db.raw('? AS currency', [baseCurrency]),
              db.raw(`${CLAIM_ENTRY} AS "claimEntry"`),
            ),
        // The claims' payments and reserve changes first, then premium, each by date.
        order: [{ column: CLAIM_ENTRY, field: 'claimEntry', dir: 'desc' }, ...orderBy('e.effective_date', 'date', 'e.id')],
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
        const row = await lifetimePostings(db, scope, period, baseCurrency).first(
          db.raw(`coalesce(sum(${PREMIUM_PAID}), 0)::bigint AS paid`),
          db.raw(`coalesce(sum(${CLAIM_PAID}), 0)::bigint AS claims`),
          db.raw(`count(DISTINCT e.customer_id) FILTER (WHERE ${LIFETIME_PREMIUM})::integer AS customers`),
        );
        const net = Number(row.paid) - Number(row.claims);
        const customers = Number(row.customers);
        return { value: customers ? Math.round(net / customers) : null, numerator: net, denominator: customers };
      },
      drill: {
        rows: 'Customers with premiums paid or claims paid up to the period’s last day (those who paid a premium divide)',
        columns: [
          { key: 'customer', header: 'Customer', type: 'string' },
          { key: 'paid', header: 'Premiums paid', type: 'money' },
          { key: 'claims', header: 'Claims paid', type: 'money' },
          { key: 'net', header: 'Net', type: 'money' },
          { key: 'currency', header: 'Currency', type: 'string' },
          { key: 'payer', header: 'Paid a premium', type: 'boolean' },
        ],
        reconcile: { numerator: summed('net'), denominator: counted('payer') },
        query: (db, scope, period) =>
          lifetimePostings(db, scope, period, baseCurrency)
            .groupBy('e.customer_id', 'c.customer_number')
            .select(
              'e.customer_id as id',
              'c.customer_number as customer',
              db.raw(`coalesce(sum(${PREMIUM_PAID}), 0)::bigint AS paid`),
              db.raw(`coalesce(sum(${CLAIM_PAID}), 0)::bigint AS claims`),
              db.raw(`(coalesce(sum(${PREMIUM_PAID}), 0) - coalesce(sum(${CLAIM_PAID}), 0))::bigint AS net`),
              db.raw('? AS currency', [baseCurrency]),
              db.raw(`bool_or(${LIFETIME_PREMIUM}) AS payer`),
            ),
        order: [{ column: 'e.customer_id', field: 'id', dir: 'asc' }],
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
        const row = await installmentsDue(db, scope, period, baseCurrency).first(db.raw('coalesce(sum(i.amount), 0)::bigint AS due'));
        const months = monthsTouched(period.from, period.to);
        const due = Number(row.due);
        return { value: Math.round(due / months), numerator: due, denominator: months };
      },
      drill: {
        rows: 'Installments due in the period (the months dividing them are not rows)',
        columns: [
          { key: 'dueDate', header: 'Due', type: 'date' },
          { key: 'policy', header: 'Policy', type: 'string' },
          { key: 'installment', header: 'Installment', type: 'integer' },
          { key: 'amount', header: 'Amount', type: 'money' },
          { key: 'currency', header: 'Currency', type: 'string' },
        ],
        reconcile: { numerator: summed('amount') },
        query: (db, scope, period) =>
          installmentsDue(db, scope, period, baseCurrency).select(
            'i.id',
            'i.due_date as dueDate',
            'bp.policy_number as policy',
            'i.sequence as installment',
            'i.amount',
            'i.currency',
          ),
        order: orderBy('i.due_date', 'dueDate', 'i.id'),
      },
    },
  ];
}

/** What an entry's postings add to claims incurred (paid + change in reserves) and to premium earned. */
const INCURRED = `CASE WHEN a.kind <> 'premium_income' THEN (CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) END`;
const EARNED = `CASE WHEN a.kind = 'premium_income' THEN (CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END) END`;

/** Whether a ledger entry is a claim's (a payment or a change of its reserve). */
const CLAIM_ENTRY = `(e.source_type IN ('claim_payment', 'claim_reserve'))`;

/** The postings of the loss ratio: claims paid, claims incurred and premium income, dated in the period, in the scope. */
function lossRatioPostings(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, baseCurrency: string) {
  return scopeKpi(
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
  );
}

/** The installments due in the period of policies not ended before they fall due, in the scope. */
function installmentsDue(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, baseCurrency: string) {
  return scopeKpi(
    db('billing_installments as i')
      .join('billing_policies as bp', 'bp.policy_id', 'i.policy_id')
      .where('i.currency', baseCurrency)
      .whereBetween('i.due_date', [period.from, period.to])
      // A cancelled, lapsed-and-ended or surrendered policy's later installments are no longer recurring.
      .where((q) => q.whereNull('bp.ended_on').orWhere('bp.ended_on', '>', db.ref('i.due_date'))),
    scope,
    { branch: 'bp.branch_id', productVersion: 'bp.product_version_id' },
  );
}

/** Calendar months from the month of `from` to the month of `to`, both counted (2027-03-15..2027-05-02: 3). */
export const monthsTouched = (from: string, to: string): number => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

/** A posting of a payment allocated to premium receivable (a premium paid). */
const LIFETIME_PREMIUM = "e.source_type = 'allocation' AND a.kind = 'premium_receivable'";
const PREMIUM_PAID = `CASE WHEN ${LIFETIME_PREMIUM} THEN (CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END) END`;
const CLAIM_PAID = "CASE WHEN a.kind = 'claims_paid' THEN (CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) END";

/** The premiums paid and claims paid postings in the base currency dated up to the period's last day, in the scope (lifetime value). */
function lifetimePostings(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, baseCurrency: string): Knex.QueryBuilder {
  return scopeKpi(
    db('postings as p')
      .join('journal_entries as e', 'e.id', 'p.entry_id')
      .join('ledger_accounts as a', 'a.id', 'p.account_id')
      .leftJoin('billing_policies as bp', 'bp.policy_id', 'e.policy_id')
      .leftJoin('customers as c', 'c.id', 'e.customer_id')
      .where('p.currency', baseCurrency)
      .where('e.effective_date', '<=', period.to)
      .where((q) => q.whereRaw(LIFETIME_PREMIUM).orWhere('a.kind', 'claims_paid')),
    scope,
    { branch: 'e.branch_id', productVersion: 'bp.product_version_id', region: 'c.region' },
  );
}
