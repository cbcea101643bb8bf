// The claims register report (`claims.register`) exported through the reports module's API: its rows
// against a small hand-made book of claims, its filters, and branch scope — a South agent's export
// holds nothing of North, a North manager's nothing of South.
import request from 'supertest';
import { publishProduct, type Session } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, startJobSender } from '../../../../test/support/report-exports';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { withReferralCleared } from './claim-fixtures';

let w: BillingWorld;
let north: IssuedPolicy;
let south: IssuedPolicy;
let northAgent: Session;
let southAgent: Session;
let northManager: Session;
let northBranchName: string;
const claims: Record<string, { claimNumber: string; id: string }> = {};

// 2027-01-11 is a Monday: the policies issued today start today.
const START = '2027-01-11';

const fnol = (policy: IssuedPolicy, overrides: object = {}) => ({
  policyId: policy.policy.id,
  lossDate: START,
  lossTime: '14:30',
  lossType: 'death',
  description: 'The insured died in hospital',
  location: 'Springfield General Hospital',
  reporter: { kind: 'policyholder', name: 'Pat Holder', phone: '(555) 123-4567' },
  ...overrides,
});

beforeAll(async () => {
  w = await billingWorld('policydesk_claims_register', { startAt: `${START}T10:00:00Z`, env: exportTestEnv('claims-register') });
  await startJobSender(w.t);
  const definition = { ...termLife, claims: { lossTypes: [{ lossType: 'death', coverages: ['DEATH', 'ADB'] }] } };
  const productId = (await publishProduct(w.t, w.admin, { code: 'CRG', name: 'Claims register term life', category: 'life', definition })).id;
  north = await w.issuedPolicy({ productId });
  south = await w.issuedPolicy({ productId, branchId: w.otherBranch });
  northAgent = await w.as('agent');
  southAgent = await w.as('agent', w.otherBranch);
  northManager = await w.as('manager');
  northBranchName = (await w.t.db('branches').where({ id: w.branch }).first()).name;

  const create = async (agent: Session, body: object) => (await request(w.t.app).post('/api/claims').set(agent.auth).send(body).expect(201)).body;
  // North: a draft with a claimed amount, then a submitted one without; South: one draft.
  const n1 = await create(northAgent, fnol(north, { claimedAmount: 1_500_00 }));
  w.t.clock.advance(60_000);
  let n2 = await create(northAgent, fnol(north, { lossType: 'death', description: 'A second notice' }));
  n2 = (await request(w.t.app).post(`/api/claims/${n2.id}/submit`).set(northAgent.auth).set('If-Match', `"${n2.version}"`).send({}).expect(200)).body;
  n2 = await withReferralCleared(w.t.app, northManager, n2);
  w.t.clock.advance(60_000);
  const s1 = await create(southAgent, fnol(south, { claimedAmount: 99_00 }));
  Object.assign(claims, { n1, n2, s1 });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await w.t.jobs.stop(1_000);
  await w.close();
});

const HEADER = [
  'Claim',
  'Status',
  'Branch',
  'Policy',
  'Customer',
  'Customer name',
  'Loss type',
  'Loss date',
  'Submitted',
  'Claimed',
  'Assessed',
  'Approved',
  'Paid',
  'Currency',
  'Adjuster',
  'Decided',
  'Business days to decision',
];

const csvOf = async (session: Session, params: Record<string, unknown> = {}) => {
  const { file } = await exportReport(w.t, session.auth, 'claims.register', { format: 'csv', params });
  return parseCsv(file.toString('utf8'));
};

describe('claims register', () => {
  it('writes each claim in the reader’s branches with its policy, customer, loss and amounts, in the order recorded', async () => {
    const rows = await csvOf(northManager);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual([claims.n1!.claimNumber, claims.n2!.claimNumber]);
    const customer = north.customer as unknown as { customerNumber: string; firstName: string; lastName: string };
    const [n1, n2] = [rows[1]!, rows[2]!];
    expect(n1).toEqual([
      claims.n1!.claimNumber,
      'draft',
      northBranchName,
      north.policy.policyNumber,
      customer.customerNumber,
      `${customer.firstName} ${customer.lastName}`,
      'death',
      START,
      '', // a draft is not submitted
      '1500.00', // 1_500_00 minor units
      '',
      '',
      '0.00',
      'USD',
      '',
      '',
      '',
    ]);
    expect(n2.slice(0, 2)).toEqual([claims.n2!.claimNumber, 'submitted']);
    expect(n2[8]).toMatch(/^2027-01-11T10:01:\d{2}\.\d{3}Z$/); // submitted a minute after the first notice
    expect(n2[9]).toBe(''); // nothing claimed
  });

  it('keeps a South agent’s export to South, and a North agent’s to North', async () => {
    const south = await csvOf(southAgent);
    expect(south.slice(1).map((r) => r[0])).toEqual([claims.s1!.claimNumber]);
    expect(south.slice(1)[0]![9]).toBe('99.00');
    expect((await csvOf(northAgent)).slice(1).map((r) => r[0])).toEqual([claims.n1!.claimNumber, claims.n2!.claimNumber]);
  });

  it('filters by status and loss dates; refuses a period that ends before it starts', async () => {
    expect((await csvOf(northManager, { status: 'submitted' })).slice(1).map((r) => r[0])).toEqual([claims.n2!.claimNumber]);
    expect(await csvOf(northManager, { lossFrom: '2027-01-12' })).toEqual([HEADER]);
    expect((await csvOf(northManager, { lossFrom: START, lossTo: START })).length).toBe(3);
    const bad = await request(w.t.app)
      .post('/api/reports/claims.register/exports')
      .set(northManager.auth)
      .send({ format: 'csv', params: { lossFrom: '2027-01-12', lossTo: '2027-01-11', status: 'lost' } })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['params.status']);
    const reversed = await request(w.t.app)
      .post('/api/reports/claims.register/exports')
      .set(northManager.auth)
      .send({ format: 'csv', params: { lossFrom: '2027-01-12', lossTo: '2027-01-11' } })
      .expect(400);
    expect(reversed.body.errors).toEqual([{ path: 'params.lossTo', message: 'Must be on or after the start date' }]);
  });

  it('is audited as personal data: the request and the completion with the row count', async () => {
    const { export: done } = await exportReport(w.t, northManager.auth, 'claims.register', { format: 'xlsx', params: {} });
    const audits = await w.t.db('audit_log').where({ entity_type: 'report_export', entity_id: done.id }).orderBy('occurred_at');
    expect(audits.map((a) => a.action)).toEqual(['report_export.request', 'report_export.complete']);
    expect(audits[1].metadata).toMatchObject({ report: 'claims.register', format: 'xlsx', rows: 2 });
  });
});
