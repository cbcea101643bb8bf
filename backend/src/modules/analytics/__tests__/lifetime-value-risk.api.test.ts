// Customer lifetime value and portfolio risk by region (issue 18) against a small data set worked out
// by hand: premiums paid less claims paid from the ledger, per customer who paid, to the period's last
// day; the high-risk share of customers (and of sums insured) in force, by the region of the customer's
// address — for a manager's branch, every branch, and one region.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';

type Body = request.Response['body'];
let w: BillingWorld;
let manager: Session;
let admin: Session;
let a: IssuedPolicy;
let b: IssuedPolicy;
let c: IssuedPolicy;

beforeAll(async () => {
  w = await billingWorld('policydesk_kpis_ltv', { startAt: '2027-07-01T15:00:00Z' });
  manager = await w.as('manager');
  admin = await w.as('admin');
  // North: A (California, high risk) and B (New York, low risk); South: C (New York, high risk).
  a = await w.issuedPolicy();
  b = await w.issuedPolicy();
  c = await w.issuedPolicy({ branchId: w.otherBranch });
  const set = (p: IssuedPolicy, region: string, risk: string) => w.t.db('customers').where({ id: p.customer.id }).update({ region, risk_level: risk });
  await set(a, 'CA', 'high');
  await set(b, 'NY', 'low');
  await set(c, 'NY', 'high');

  // The ledger: premiums paid (payments allocated to premium receivable) and claims paid, in June 2027:
  // A paid 1,200.00 and was paid a claim of 200.00; B paid 300.00; C paid 500.00 and was paid 900.00.
  // A's 100.00 on 5 July is after June.
  await w.t.db.transaction(async (trx) => {
    let n = 0;
    const post = (p: IssuedPolicy, date: string, kind: 'premium' | 'claim', amount: number) =>
      w.ledger.post(trx, {
        externalId: `ltv-test:${++n}`,
        effectiveDate: date,
        sourceType: kind === 'premium' ? 'allocation' : 'claim_payment',
        description: `LTV data set ${n}`,
        createdBy: null,
        policyId: p.policy.id,
        customerId: p.customer.id,
        branchId: p === c ? w.otherBranch : w.branch,
        postings:
          kind === 'premium'
            ? [
                { account: { kind: 'cash_clearing', owner: 'bank_transfer', currency: 'USD' }, direction: 'debit', amount },
                { account: { kind: 'premium_receivable', owner: p.policy.id, currency: 'USD' }, direction: 'credit', amount },
              ]
            : [
                { account: { kind: 'claims_paid', owner: 'company', currency: 'USD' }, direction: 'debit', amount },
                { account: { kind: 'cash_clearing', owner: 'bank_transfer', currency: 'USD' }, direction: 'credit', amount },
              ],
      } as Parameters<typeof w.ledger.post>[1]);
    await post(a, '2027-06-10', 'premium', 1_200_00);
    await post(a, '2027-06-20', 'claim', 200_00);
    await post(b, '2027-06-12', 'premium', 300_00);
    await post(c, '2027-06-14', 'premium', 500_00);
    await post(c, '2027-06-25', 'claim', 900_00);
    await post(a, '2027-07-05', 'premium', 100_00);
  });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const kpis = (session: Session, query: Record<string, string>) => request(w.t.app).get('/api/analytics/kpis').set(session.auth).query(query);
const figure = (body: Body, key: string) => body.items.find((k: Body) => k.key === key);
const JUNE = { from: '2027-06-01', to: '2027-06-30' };
const JULY = { from: '2027-07-01', to: '2027-07-31' };

it('customer lifetime value: premiums paid less claims paid to the period’s last day, per customer who paid', async () => {
  // Every branch: (1,200 + 300 + 500 − 200 − 900) ÷ 3 customers = 900.00 ÷ 3 = 300.00.
  expect(figure((await kpis(admin, JUNE).expect(200)).body, 'billing.customer-lifetime-value')).toMatchObject({
    value: 300_00,
    numerator: 900_00,
    denominator: 3,
    unit: 'money',
    currency: 'USD',
    dimensions: ['branch', 'product', 'region'],
  });
  // North (the manager's branch): (1,200 + 300 − 200) ÷ 2 = 650.00.
  expect(figure((await kpis(manager, JUNE).expect(200)).body, 'billing.customer-lifetime-value')).toMatchObject({ value: 650_00, numerator: 1_300_00, denominator: 2 });
  // New York (B and C): (300 + 500 − 900) ÷ 2 = −50.00.
  expect(figure((await kpis(admin, { ...JUNE, region: 'NY' }).expect(200)).body, 'billing.customer-lifetime-value')).toMatchObject({
    value: -50_00,
    numerator: -100_00,
    denominator: 2,
  });
  // To date: through July, A's 100.00 more → (900 + 100) ÷ 3 = 333.33.
  expect(figure((await kpis(admin, JULY).expect(200)).body, 'billing.customer-lifetime-value')).toMatchObject({ value: 333_33, numerator: 1_000_00, denominator: 3 });
  // Up to 12 June only A's 1,200 and B's 300: 1,500 ÷ 2 = 750.00.
  expect(figure((await kpis(admin, { from: '2027-06-01', to: '2027-06-12' }).expect(200)).body, 'billing.customer-lifetime-value')).toMatchObject({
    value: 750_00,
    denominator: 2,
  });
});

it('portfolio risk by region: the high-risk share of customers and of sums insured in force', async () => {
  // On 31 July all three policies are in force. Customers: A and C of A, B, C are high risk → 2 ÷ 3.
  const all = (await kpis(admin, JULY).expect(200)).body;
  expect(figure(all, 'policies.high-risk-customers')).toMatchObject({ value: 0.6667, numerator: 2, denominator: 3, dimensions: ['branch', 'product', 'agent', 'region'] });
  // New York: B (low) and C (high) → 1 ÷ 2; their sums insured are equal, so half of New York's too.
  const ny = (await kpis(admin, { ...JULY, region: 'NY' }).expect(200)).body;
  expect(figure(ny, 'policies.high-risk-customers')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
  expect(figure(ny, 'policies.high-risk-share')).toMatchObject({ value: 0.5 });
  // California: A alone, high → 1.
  expect(figure((await kpis(admin, { ...JULY, region: 'CA' }).expect(200)).body, 'policies.high-risk-customers')).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
  // North's manager in New York: B only, low → 0.
  expect(figure((await kpis(manager, { ...JULY, region: 'NY' }).expect(200)).body, 'policies.high-risk-customers')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
  // A region with nobody: no figure.
  expect(figure((await kpis(admin, { ...JULY, region: 'TX' }).expect(200)).body, 'policies.high-risk-customers')).toMatchObject({ value: null, denominator: 0 });
});
