// The new business report (`policies.new-business`) exported through the reports module's API: the
// policies issued on the business dates asked for, in the order issued, with the figures they were
// issued with (a trip with its days and single premium, never a term in years or an annual premium);
// a South agent's export holds nothing of North; the period is checked.
import request from 'supertest';
import { singleTripTravel } from '../../../../../seeds/reference/catalog/travel';
import { makeCustomer, publishProduct, type Session } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, startJobSender } from '../../../../test/support/report-exports';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';

let w: BillingWorld;
/** North, 11 Jan; South, 11 Jan; North, 20 Jan. */
let a: IssuedPolicy;
let b: IssuedPolicy;
let c: IssuedPolicy;
/** North, 20 Jan, an hour after c: a 15-day trip. */
let trip: { policyNumber: string; annualPremium: number };
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
  // The test clock stands still: issued at the same instant, c and the trip would tie on issued_at.
  w.t.clock.set('2027-01-20T16:00:00Z');
  trip = await issuedTrip();
  northManager = await w.as('manager');
  southAgent = await w.as('agent', w.otherBranch);
  northBranchName = (await w.t.db('branches').where({ id: w.branch }).first()).name;
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await w.t.jobs.stop(1_000);
  await w.close();
});

/** A single-trip travel policy (20 Feb – 6 Mar 2027, 15 days) issued through the real approval in the world's branch. */
async function issuedTrip() {
  const product = (await publishProduct(w.t, await w.as('admin'), { code: 'TRIP', name: 'Trip travel', category: 'travel', definition: singleTripTravel })).id;
  const agent = await w.as('agent');
  const underwriter = await w.as('underwriter');
  const { customer } = await makeCustomer(w.t.app, agent, w.branch, { dateOfBirth: w.f.yearsAgo(35) });
  const quote = (
    await request(w.t.app)
      .post('/api/quotes')
      .set(agent.auth)
      .send({
        customerId: customer.id,
        productId: product,
        coverages: [{ code: 'MEDICAL', sumInsured: 100_000_00 }],
        trip: { departureDate: '2027-02-20', returnDate: '2027-03-06', destinationZone: 'europe' },
        paymentFrequency: 'single',
        save: true,
      })
      .expect(201)
  ).body;
  const draft = (await request(w.t.app).post('/api/orders').set(agent.auth).send({ quoteId: quote.id }).expect(201)).body;
  await w.f.uploadAll(agent, draft);
  const declarations = Object.fromEntries(
    singleTripTravel.declarationQuestions.map((q) => [q.code, { answer: q.answerType === 'yes_no' ? false : q.answerType === 'number' ? 0 : 'none' }]),
  );
  const card = { type: 'card', cardNumber: '4111 1111 1111 1111', expiryMonth: 12, expiryYear: 2031, holderName: 'Ana Rivera' };
  const filled = (await w.f.patch(agent, draft.id, draft.version, { beneficiaries: [], declarations, paymentMethod: card }).expect(200)).body;
  const submitted = (await w.f.step(agent, filled.id, 'submit', filled.version).expect(200)).body;
  const reviewing = (await w.f.step(underwriter, submitted.id, 'start-review', submitted.version).expect(200)).body;
  const order = await w.f.verifyAll(underwriter, reviewing);
  const approved = (await w.f.step(underwriter, order.id, 'approve', order.version).expect(200)).body;
  const policy = (await request(w.t.app).get(`/api/policies/${approved.policyId}`).set(agent.auth).expect(200)).body;
  expect(policy).toMatchObject({ termYears: null, paymentFrequency: 'single', trip: { days: 15 } });
  return { policyNumber: policy.policyNumber as string, annualPremium: policy.annualPremium as number };
}

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
      'Trip (days)',
      'Sum insured',
      'Annual premium',
      'Single premium',
      'Currency',
      'Status now',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([a.policy.policyNumber, c.policy.policyNumber, trip.policyNumber]);
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
      '',
      money(p.sumInsured), // 250,000 + 50,000 of cover
      money(p.annualPremium),
      '',
      'USD',
      'active',
    ]);
    expect(p.sumInsured).toBe(300_000_00);
    expect(rows[2]!.slice(1, 2)).toEqual(['2027-01-20']);
    expect(rows[2]![9]).toBe('10');
    // A trip: its days, no term in years; its one single premium, no annual premium.
    const [, , , , , , , , paid, termYears, tripDays, sumInsured, annualPremium, singlePremium] = rows[3]!;
    expect({ paid, termYears, tripDays, sumInsured, annualPremium, singlePremium }).toEqual({
      paid: 'single',
      termYears: '',
      tripDays: '15',
      sumInsured: money(100_000_00),
      annualPremium: '',
      singlePremium: money(trip.annualPremium),
    });
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
