// The renewals due and lapsed report (`policies.renewals`) exported through the reports module's API:
// along one timeline, one-year policies offered their renewal by the daily job and a term policy left
// unpaid until it lapses; the report lists the renewals by renewal date and the lapse by its date,
// scoped (a South agent's export holds nothing of North); the outcomes in words are unit-tested.
import request from 'supertest';
import { publishProduct, type Session } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, startJobSender } from '../../../../test/support/report-exports';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { MARK_OVERDUE_JOB, RAISE_INVOICES_JOB } from '../../billing';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { REVIEW_STANDING_JOB } from '..';
import { PREPARE_RENEWALS_JOB } from '../renewals.service';
import { renewalOutcome } from '../renewals-report';

let w: BillingWorld;
/** One-year health, North and South: offered their renewal. */
let a: IssuedPolicy;
let b: IssuedPolicy;
/** The world's 20-year term life, North, never paid: lapses. */
let c: IssuedPolicy;
let northManager: Session;
let southAgent: Session;

/** A one-year product built from the term-life fixture (its TERM table priced for one year). */
const oneYear = {
  ...termLife,
  termYears: [1],
  factorTables: termLife.factorTables.map((t) => (t.code === 'TERM' ? { ...t, rows: [{ from: 1, to: 1, factor: '1.00' }] } : t)),
};

beforeAll(async () => {
  w = await billingWorld('policydesk_renewals_report', { startAt: '2027-01-11T10:00:00Z', env: exportTestEnv('renewals') });
  await startJobSender(w.t);
  const healthId = (await publishProduct(w.t, w.admin, { code: 'RRH', name: 'Yearly health', category: 'health', definition: oneYear })).id;
  a = await w.issuedPolicy({ productId: healthId, termYears: 1, age: 39 });
  b = await w.issuedPolicy({ productId: healthId, termYears: 1, age: 39, branchId: w.otherBranch });
  c = await w.issuedPolicy({ age: 39 });
  // 60 days before the renewal date (11 Jan 2028): the job offers both one-year renewals.
  w.t.clock.set('2027-11-12T10:00:00Z');
  await w.t.jobs.runNow(PREPARE_RENEWALS_JOB, {});
  // Nothing was ever paid: grace, then (for the policy with no pending change) the lapse.
  for (let run = 0; run < 2; run++) for (const job of [RAISE_INVOICES_JOB, MARK_OVERDUE_JOB, REVIEW_STANDING_JOB]) await w.t.jobs.runNow(job, {});
  northManager = await w.as('manager');
  southAgent = await w.as('agent', w.otherBranch);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await w.t.jobs.stop(1_000);
  await w.close();
});

const csvOf = async (session: Session, params: Record<string, unknown>) => {
  const { file } = await exportReport(w.t, session.auth, 'policies.renewals', { format: 'csv', params });
  return parseCsv(file.toString('utf8'));
};
const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

describe('renewals due and lapsed', () => {
  it('lists the lapse by its date and the renewal by its renewal date, with outcome and premiums', async () => {
    const lapse = await w.t.db('policy_transactions').where({ policy_id: c.policy.id, type: 'lapse' }).first();
    const renewal = await w.t.db('policy_transactions').where({ policy_id: a.policy.id, type: 'renewal' }).first();
    expect(lapse).toBeDefined();
    expect(renewal).toMatchObject({ status: 'quoted' });
    const lapseDate: string = lapse.effective_date;

    const rows = await csvOf(northManager, { from: '2027-01-01', to: '2028-12-31' });
    expect(rows[0]).toEqual([
      'Date',
      'Kind',
      'Outcome',
      'Non-renewal reason',
      'Transaction',
      'Policy',
      'Product',
      'Customer',
      'Customer name',
      'Agent',
      'Annual premium before',
      'Annual premium after',
      'Currency',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      [lapseDate, 'lapse', 'lapsed', c.policy.policyNumber],
      ['2028-01-11', 'renewal', 'offered', a.policy.policyNumber],
    ]);
    const offered = rows[2]!;
    expect(offered[4]).toBe(renewal.transaction_number);
    expect(offered[6]).toBe('Yearly health');
    expect(offered.slice(10)).toEqual([money(Number(renewal.old_annual_premium)), money(Number(renewal.new_annual_premium)), 'USD']);

    // The period: only the renewal in January 2028.
    expect((await csvOf(northManager, { from: '2028-01-01', to: '2028-01-31' })).slice(1).map((r) => r[5])).toEqual([a.policy.policyNumber]);
  });

  it('keeps a South agent’s export to South', async () => {
    expect((await csvOf(southAgent, { from: '2027-01-01', to: '2028-12-31' })).slice(1).map((r) => [r[1], r[5]])).toEqual([['renewal', b.policy.policyNumber]]);
    await request(w.t.app)
      .post('/api/reports/policies.renewals/exports')
      .set(southAgent.auth)
      .send({ format: 'csv', params: { from: '2028-01-01' } })
      .expect(400);
  });

  it('names outcomes: offered, renewed, not renewed, lapsed', () => {
    expect(
      [
        { type: 'renewal', status: 'draft' },
        { type: 'renewal', status: 'quoted' },
        { type: 'renewal', status: 'issued' },
        { type: 'renewal', status: 'discarded' },
        { type: 'lapse', status: 'issued' },
      ].map((r) => renewalOutcome(r as never)),
    ).toEqual(['offered', 'offered', 'renewed', 'not renewed', 'lapsed']);
  });
});
