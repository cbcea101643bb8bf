// The new business report (`policies.new-business`) exported through the reports module's API: the
// policies issued on the business dates asked for, in the order issued, with the figures they were
// issued with; a South agent's export holds nothing of North; the period is checked.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, startJobSender } from '../../../../test/support/report-exports';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';

let w: BillingWorld;
/** North, 11 Jan; South, 11 Jan; North, 20 Jan. */
let a: IssuedPolicy;
let b: IssuedPolicy;
let c: IssuedPolicy;
let northManager: Session;
let southAgent: Session;
let northBranchName: string;

beforeAll(async () => {
  w = await billingWorld('policydesk_new_business', { startAt: '2027-01-11T15:00:00Z', env: exportTestEnv('new-business') });
  await startJobSender(w.t);
  a = await w.issuedPolicy();
  b = await w.issuedPolicy({ branchId: w.otherBranch });
  w.t.clock.set('2027-01-20T15:00:00Z');
  c = await w.issuedPolicy({ termYears: 10 });
  northManager = await w.as('manager');
  southAgent = await w.as('agent', w.otherBranch);
  northBranchName = (await w.t.db('branches').where({ id: w.branch }).first()).name;
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await w.t.jobs.stop(1_000);
  await w.close();
});

const csvOf = async (session: Session, params: Record<string, unknown>) => {
  const { file } = await exportReport(w.t, session.auth, 'policies.new-business', { format: 'csv', params });
  return parseCsv(file.toString('utf8'));
};
const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

describe('new business', () => {
  it('lists the policies issued in the period, in the order issued, with the figures they were issued with', async () => {
    const rows = await csvOf(northManager, { from: '2027-01-01', to: '2027-01-31' });
    expect(rows[0]).toEqual([
      'Policy',
      'Issued',
      'Starts',
      'Product',
      'Customer',
      'Customer name',
      'Branch',
      'Agent',
      'Paid',
      'Term (years)',
      'Sum insured',
      'Annual premium',
      'Currency',
      'Status now',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([a.policy.policyNumber, c.policy.policyNumber]);
    const p = a.policy as unknown as {
      customer: { customerNumber: string; name: string };
      product: { name: string };
      agent: { name: string };
      sumInsured: number;
      annualPremium: number;
      termYears: number;
    };
    expect(rows[1]).toEqual([
      a.policy.policyNumber,
      '2027-01-11',
      a.policy.startDate,
      p.product.name,
      p.customer.customerNumber,
      p.customer.name,
      northBranchName,
      p.agent.name,
      'monthly',
      String(p.termYears),
      money(p.sumInsured), // 250,000 + 50,000 of cover
      money(p.annualPremium),
      'USD',
      'active',
    ]);
    expect(p.sumInsured).toBe(300_000_00);
    expect(rows[2]!.slice(1, 2)).toEqual(['2027-01-20']);
    expect(rows[2]![9]).toBe('10');
  });

  it('takes the period by business date, and keeps a South agent’s export to South', async () => {
    expect((await csvOf(northManager, { from: '2027-01-11', to: '2027-01-11' })).slice(1).map((r) => r[0])).toEqual([a.policy.policyNumber]);
    expect((await csvOf(northManager, { from: '2027-01-12', to: '2027-01-19' })).slice(1)).toEqual([]);
    expect((await csvOf(southAgent, { from: '2027-01-01', to: '2027-01-31' })).slice(1).map((r) => r[0])).toEqual([b.policy.policyNumber]);
  });

  it('needs a period that ends on or after it starts', async () => {
    const post = (params: object) => request(w.t.app).post('/api/reports/policies.new-business/exports').set(southAgent.auth).send({ format: 'xlsx', params });
    expect((await post({}).expect(400)).body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['params.from', 'params.to']);
    expect((await post({ from: '2027-01-31', to: '2027-01-01' }).expect(400)).body.errors).toEqual([{ path: 'params.to', message: 'Must be on or after the start date' }]);
  });
});
