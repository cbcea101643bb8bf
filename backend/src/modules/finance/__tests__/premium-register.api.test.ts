// The premium register on a real PostgreSQL (a database of its own), against a data set computed by
// hand: premium written to the reserve with the days it covers (as invoices and returns write it),
// earned by the daily earning job, read back per product and month, each figure drilling down to
// the journal entries behind it.
import crypto from 'node:crypto';
import request from 'supertest';
import { publishProduct } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { withTransaction } from '../../../db';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { EarningService } from '../earning.service';

let w: BillingWorld;
let termPolicy: string;
let altPolicy: string;
let altProductId: string;
type Body = request.Response['body'];

/**
 * Premium written on `on` (the entry's date) for the days `from`..`to`: billed (receivable → reserve)
 * when positive, returned (reserve → the customer's credit) when negative — the postings an invoice
 * and a returned premium make, with their writing.
 */
async function write(policyId: string, amount: number, on: string, from: string, to: string) {
  const policy = await w.t.db('billing_policies').where({ policy_id: policyId }).first();
  await withTransaction(w.t.db, async (trx) => {
    const abs = Math.abs(amount);
    const { entry } = await w.ledger.post(trx, {
      externalId: `register-test:${crypto.randomUUID()}`,
      effectiveDate: on,
      sourceType: amount > 0 ? 'invoice' : 'policy_transaction',
      sourceId: crypto.randomUUID(),
      description: amount > 0 ? 'Premium billed' : 'Premium returned',
      policyId,
      customerId: policy.customer_id,
      branchId: policy.branch_id,
      createdBy: null,
      postings:
        amount > 0
          ? [
              { account: { kind: 'premium_receivable', owner: policyId, currency: 'USD' }, direction: 'debit', amount: abs },
              { account: { kind: 'unearned_premium', currency: 'USD' }, direction: 'credit', amount: abs },
            ]
          : [
              { account: { kind: 'unearned_premium', currency: 'USD' }, direction: 'debit', amount: abs },
              { account: { kind: 'customer_credit', owner: policy.customer_id, currency: 'USD' }, direction: 'credit', amount: abs },
            ],
    });
    await trx('premium_writings').insert({
      ledger_entry_id: entry.id,
      policy_id: policyId,
      branch_id: policy.branch_id,
      product_version_id: policy.product_version_id,
      currency: 'USD',
      amount,
      covered_from: from,
      covered_to: to,
      created_at: new Date(),
    });
  });
}

beforeAll(async () => {
  w = await billingWorld('policydesk_register', { startAt: '2027-02-01T10:00:00Z' });
  termPolicy = (await w.issuedPolicy()).policy.id;
  altProductId = (await publishProduct(w.t, await w.as('admin'), { code: 'ALT', name: 'Zeta term', category: 'life', definition: termLife })).id;
  altPolicy = (await w.issuedPolicy({ productId: altProductId })).policy.id;
  // No invoice job runs: these writings are the whole data set.
  // Term life (the world's product):
  //   A  +310.00 written 20 Feb, covering 1–31 Mar (31 days): 10.00 a day.
  //   B  +100.00 written 10 Mar, covering 16 Mar–14 Apr (30 days): 3.33 a day, the last day 100.00 − 29 × 3.33 = 3.43.
  //   C   −50.00 written 1 Apr (returned), covering 1–10 Apr (10 days): −5.00 a day.
  // Zeta term:
  //   D  +365.00 written 5 Mar, covering 5 Mar 2027–3 Mar 2028 (365 days): 1.00 a day.
  await write(termPolicy, 31_000, '2027-02-20', '2027-03-01', '2027-03-31');
  await write(termPolicy, 10_000, '2027-03-10', '2027-03-16', '2027-04-14');
  await write(termPolicy, -5_000, '2027-04-01', '2027-04-01', '2027-04-10');
  await write(altPolicy, 36_500, '2027-03-05', '2027-03-05', '2028-03-03');
  // The earning job, down until 30 April, catches up from 1 March.
  w.t.clock.set('2027-04-30T10:00:00Z');
  await new EarningService(w.t.db, w.t.clock, w.ledger, w.t.services.billing).earnDue();
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const register = async (query: string): Promise<Body> =>
  (
    await request(w.t.app)
      .get(`/api/finance/premium-register?${query}`)
      .set((await w.as('finance')).auth)
      .expect(200)
  ).body;
const figures = (row: Body) => [row.month, row.product.name, row.written, row.earned, row.unearned];

describe('the premium register', () => {
  it('written, earned and unearned per product and month, as computed by hand', async () => {
    const body = await register('from=2027-02&to=2027-04');
    const termName = (
      await w.t
        .db('products as p')
        .join('product_versions as v', 'v.product_id', 'p.id')
        .join('billing_policies as b', 'b.product_version_id', 'v.id')
        .where('b.policy_id', termPolicy)
        .first('p.name')
    ).name;
    expect(body.rows.map(figures)).toEqual(
      expect.arrayContaining([
        // February: A written; nothing covered yet.
        ['2027-02', termName, 31_000, 0, 31_000],
        // March: B written; earned A 31 × 10.00 = 310.00 and B 16 × 3.33 = 53.28 → 363.28; unearned 310.00 + 100.00 − 363.28 = 46.72.
        ['2027-03', termName, 10_000, 36_328, 4_672],
        // April: C returned; earned B 13 × 3.33 + 3.43 = 46.72 and C 10 × −5.00 = −50.00 → −3.28; unearned 46.72 − 50.00 + 3.28 = 0.
        ['2027-04', termName, -5_000, -328, 0],
        // Zeta: D written in March; earned 27 days (5–31 Mar) × 1.00 = 27.00 → unearned 338.00; April 30 × 1.00 = 30.00 → 308.00.
        ['2027-03', 'Zeta term', 36_500, 2_700, 33_800],
        ['2027-04', 'Zeta term', 0, 3_000, 30_800],
      ]),
    );
    // Zeta had nothing in February: no row.
    expect(body.rows).toHaveLength(5);
    expect(body.rows.map((r: Body) => r.month)).toEqual(['2027-02', '2027-03', '2027-03', '2027-04', '2027-04']);
    expect(body.totals).toEqual([
      { month: '2027-02', currency: 'USD', written: 31_000, earned: 0, unearned: 31_000 },
      { month: '2027-03', currency: 'USD', written: 46_500, earned: 39_028, unearned: 38_472 },
      { month: '2027-04', currency: 'USD', written: -5_000, earned: 2_672, unearned: 30_800 },
    ]);
    // The reserve at April's end is the trial balance's unearned premium; earned is premium income.
    const trial = (
      await request(w.t.app)
        .get('/api/finance/trial-balance?asOf=2027-04-30')
        .set((await w.as('finance')).auth)
        .expect(200)
    ).body;
    expect(trial.accounts.find((a: Body) => a.kind === 'unearned_premium').balance).toBe(30_800);
    expect(trial.accounts.find((a: Body) => a.kind === 'premium_income').balance).toBe(39_028 + 2_672);
    // March's statement: "Premium earned" from the earning entries.
    const march = (
      await request(w.t.app)
        .get('/api/finance/statement?month=2027-03')
        .set((await w.as('finance')).auth)
        .expect(200)
    ).body;
    expect(march.income).toEqual([expect.objectContaining({ kind: 'premium_income', description: 'Premium earned', amount: 39_028 })]);
  });

  it('a later range starts from the reserve carried over; months without movement still show what is unearned', async () => {
    const body = await register('from=2027-05&to=2027-05');
    expect(body.rows.map(figures)).toEqual([['2027-05', 'Zeta term', 0, 0, 30_800]]);
  });

  it('each figure drills down to the journal entries behind it', async () => {
    const body = await register('from=2027-03&to=2027-03');
    const term = body.rows.find((r: Body) => r.product.name !== 'Zeta term');
    const session = await w.as('finance');
    const all = async (url: string) => {
      const items: Body[] = [];
      for (let next: string | null = `${url}&limit=100`; next;) {
        const page: Body = (await request(w.t.app).get(next).set(session.auth).expect(200)).body;
        items.push(...page.items);
        next = page.nextCursor ? `${url}&limit=100&cursor=${encodeURIComponent(page.nextCursor)}` : null;
      }
      return items;
    };
    // Written in March: B only (not the earning entries that also move the reserve, nor Zeta's D).
    const written = await all(term.entries.written);
    expect(written.map((e) => e.effectiveDate)).toEqual(['2027-03-10']);
    // Earned in March: one entry a day, 1–31 March, adding up to the figure.
    const earned = await all(term.entries.earned);
    expect(earned).toHaveLength(31);
    const net = earned.flatMap((e) => e.postings).filter((p: Body) => p.accountKind === 'premium_income');
    expect(net.reduce((s: number, p: Body) => s + (p.direction === 'credit' ? p.amount : -p.amount), 0)).toBe(36_328);
  });

  it('is finance’s: agents are refused, and a range backwards or too long is a 400', async () => {
    await request(w.t.app)
      .get('/api/finance/premium-register?from=2027-02&to=2027-04')
      .set((await w.as('agent')).auth)
      .expect(403);
    const session = await w.as('finance_manager');
    expect((await request(w.t.app).get('/api/finance/premium-register?from=2027-04&to=2027-02').set(session.auth).expect(400)).body.errors[0].path).toBe('query.to');
    expect((await request(w.t.app).get('/api/finance/premium-register?from=2020-01&to=2027-02').set(session.auth).expect(400)).body.errors[0].path).toBe('query.to');
    expect((await request(w.t.app).get('/api/finance/premium-register?from=2027-13&to=2027-14').set(session.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
