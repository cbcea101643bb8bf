// The policies module's KPIs on a real PostgreSQL (GET /api/analytics/kpis), against a small book
// worked out by hand: persistency at 13 and 25 months by count and by premium, and customer
// retention — for an admin (every branch) and a North manager.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';

type Body = request.Response['body'];
let w: BillingWorld;
let manager: Session;
let admin: Session;
let agentId: string;
let a: IssuedPolicy, b: IssuedPolicy, c: IssuedPolicy, d: IssuedPolicy, e: IssuedPolicy, f: IssuedPolicy;

const kpis = (session: Session, query: Record<string, string>) => request(w.t.app).get('/api/analytics/kpis').set(session.auth).query(query);
const figure = async (session: Session, query: Record<string, string>, key: string) =>
  ((await kpis(session, query).expect(200)).body as Body).items.find((k: Body) => k.key === key);

// Six term policies, each its own customer, at different ages (so premiums of different age bands). Five
// North, one South; started 10 May 2027 (13 months: 10 June 2028; 25 months: 10 June 2029) unless said:
//   a North: nothing happens (a lapse drafted and discarded does not count)  → in force throughout
//   b North: lapsed 1 March 2028                                             → out from then
//   c North: lapsed 1 February 2028, reinstated 1 March 2028                 → out in February only
//   d North: cancelled from 1 September 2028                                 → out from then
//   e South: started 31 May 2027 (13 months: 30 June 2028)                   → in force throughout
//   f North: started 30 April 2027 (13 months: 30 May 2028)                  → in force throughout
beforeAll(async () => {
  w = await billingWorld('policydesk_policy_kpis', { startAt: '2027-07-01T15:00:00Z' });
  manager = await w.as('manager');
  admin = await w.as('admin');
  const agent = await w.userAs('agent');
  agentId = agent.userId;
  const issued: IssuedPolicy[] = [];
  for (const age of [30, 34, 38, 42, 46]) issued.push(await w.issuedPolicy({ age }));
  [a, b, c, d, f] = issued as [IssuedPolicy, IssuedPolicy, IssuedPolicy, IssuedPolicy, IssuedPolicy];
  e = await w.issuedPolicy({ age: 26, branchId: w.otherBranch });
  const start = (p: IssuedPolicy, date: string) => w.t.db('policies').where({ id: p.policy.id }).update({ start_date: date });
  for (const p of [a, b, c, d]) await start(p, '2027-05-10');
  await start(e, '2027-05-31');
  await start(f, '2027-04-30');
  let n = 0;
  const transaction = async (p: IssuedPolicy, type: string, effectiveDate: string, status: 'issued' | 'discarded' = 'issued') =>
    w.t.db('policy_transactions').insert({
      transaction_number: `PT-KPI-${++n}`,
      policy_id: p.policy.id,
      branch_id: w.branch,
      type,
      status,
      effective_date: effectiveDate,
      requested_by: 'insurer',
      reason: 'KPI data set',
      changes: JSON.stringify({}),
      base_terms_version: 1,
      new_annual_premium: 0,
      result_terms_version: status === 'issued' ? 1 : null,
      issued_at: status === 'issued' ? new Date(`${effectiveDate}T12:00:00Z`) : null,
      created_by: agentId,
      created_at: new Date('2027-07-01T15:00:00Z'),
      updated_at: new Date('2027-07-01T15:00:00Z'),
    });
  await transaction(a, 'lapse', '2028-01-01', 'discarded');
  await transaction(b, 'lapse', '2028-03-01');
  await transaction(c, 'lapse', '2028-02-01');
  await transaction(c, 'reinstatement', '2028-03-01');
  await transaction(d, 'cancellation', '2028-09-01');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

it('gives persistency at 13 and 25 months by count and by premium: the policies reaching the mark in the period still in force that day', async () => {
  const premium = async (p: IssuedPolicy) => Number((await w.t.db('policies').where({ id: p.policy.id }).first()).annual_premium);
  const [pa, pb, pc, pd, pe] = await Promise.all([a, b, c, d, e].map(premium));
  const JUNE_2028 = { from: '2028-06-01', to: '2028-06-30' };
  const JUNE_2029 = { from: '2029-06-01', to: '2029-06-30' };
  const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
  // The premium basis really weighs differently from the count (premiums rise with the age band).
  expect(round4((pa + pc + pd + pe) / (pa + pb + pc + pd + pe))).not.toBe(0.8);

  // Every branch at 13 months (June 2028: a–e; f reached it in May): a, c, d, e = 4 ÷ 5; by premium (pa + pc + pd + pe) ÷ (pa + … + pe).
  expect(await figure(admin, JUNE_2028, 'policies.persistency-13-count')).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
  expect(await figure(admin, JUNE_2028, 'policies.persistency-13-premium')).toMatchObject({
    value: round4((pa + pc + pd + pe) / (pa + pb + pc + pd + pe)),
    numerator: pa + pc + pd + pe,
    denominator: pa + pb + pc + pd + pe,
  });
  // The manager's North: a, c, d of a–d = 3 ÷ 4.
  expect(await figure(manager, JUNE_2028, 'policies.persistency-13-count')).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
  // At 25 months: a, c, e of five = 3 ÷ 5; North a, c of four = 2 ÷ 4; by premium (pa + pc + pe) ÷ all.
  expect(await figure(admin, JUNE_2029, 'policies.persistency-25-count')).toMatchObject({ value: 0.6, numerator: 3, denominator: 5 });
  expect(await figure(admin, JUNE_2029, 'policies.persistency-25-premium')).toMatchObject({ numerator: pa + pc + pe, denominator: pa + pb + pc + pd + pe });
  expect(await figure(manager, JUNE_2029, 'policies.persistency-25-count')).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
  // f reaches 13 months in May: only it, in force.
  expect(await figure(admin, { from: '2028-05-01', to: '2028-05-31' }, 'policies.persistency-13-count')).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
});

it('gives customer retention: of the customers with a policy in force on the first day, those with one on the last', async () => {
  // 15 January → 15 June 2028: all six in force on the first day; b lapsed on the last → 5 ÷ 6, under the 95% target. North: 4 ÷ 5.
  const firstHalf = { from: '2028-01-15', to: '2028-06-15' };
  expect(await figure(admin, firstHalf, 'policies.customer-retention')).toMatchObject({
    value: 0.8333,
    numerator: 5,
    denominator: 6,
    target: { comparison: 'above', value: 0.95 },
    met: false,
  });
  expect(await figure(manager, firstHalf, 'policies.customer-retention')).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
  // 15–20 February: c is lapsed on both days (not a customer at the start); b is still in force → 5 ÷ 5.
  expect(await figure(admin, { from: '2028-02-15', to: '2028-02-20' }, 'policies.customer-retention')).toMatchObject({ value: 1, numerator: 5, denominator: 5, met: true });
  // 1 May 2027 → 1 May 2028: f is the only one started on the first day, and still in force.
  expect(await figure(admin, { from: '2027-05-01', to: '2028-04-30' }, 'policies.customer-retention')).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
  // The selling agent's figure is theirs only: the world's agent sold none of these.
  expect(await figure(admin, { ...firstHalf, agentId }, 'policies.customer-retention')).toMatchObject({ value: null, denominator: 0 });
});

it('gives product performance and portfolio risk: new business count and premium, sums insured in force and their high-risk share', async () => {
  const terms = async (p: IssuedPolicy) =>
    (await w.t.db('policies').where({ id: p.policy.id }).first('annual_premium', 'sum_insured', 'customer_id')) as {
      annual_premium: string;
      sum_insured: string;
      customer_id: string;
    };
  const [ta, tb, tc, td, te, tf] = await Promise.all([a, b, c, d, e, f].map(terms));
  const premium = (...ts: { annual_premium: string }[]) => ts.reduce((sum, t) => sum + Number(t.annual_premium), 0);
  const insured = (...ts: { sum_insured: string }[]) => ts.reduce((sum, t) => sum + Number(t.sum_insured), 0);

  // All six were issued on 1 July 2027 (the world's clock): North five, South one.
  const JULY_2027 = { from: '2027-07-01', to: '2027-07-31' };
  expect(await figure(admin, JULY_2027, 'policies.new-business-count')).toMatchObject({ unit: 'count', value: 6 });
  expect(await figure(manager, JULY_2027, 'policies.new-business-count')).toMatchObject({ value: 5 });
  expect(await figure(admin, JULY_2027, 'policies.new-business-premium')).toMatchObject({ unit: 'money', currency: 'USD', value: premium(ta!, tb!, tc!, td!, te!, tf!) });
  // Trips count at their one single premium: the figure never calls it annual.
  const newBusinessPremium = await figure(admin, JULY_2027, 'policies.new-business-premium');
  expect([newBusinessPremium.title, newBusinessPremium.formula, newBusinessPremium.source].join(' ')).not.toMatch(/annual premiums? of the policies|\(annual premium\)/i);
  expect(newBusinessPremium.formula).toMatch(/single premium of a trip/);
  expect(await figure(manager, JULY_2027, 'policies.new-business-premium')).toMatchObject({ value: premium(ta!, tb!, tc!, td!, tf!) });
  expect(await figure(admin, { from: '2027-08-01', to: '2027-08-31' }, 'policies.new-business-count')).toMatchObject({ value: 0 });

  // Risk levels: a's and e's customers high, b's high too (lapsed by June 2028), the others low or unrated.
  await w.t.db('customers').whereIn('id', [ta!.customer_id, tb!.customer_id, te!.customer_id]).update({ risk_level: 'high' });
  await w.t.db('customers').whereIn('id', [tc!.customer_id, td!.customer_id]).update({ risk_level: 'low' });
  // On 15 June 2028 a, c, d, e and f are in force (b lapsed in March).
  const toMidJune = { from: '2028-06-01', to: '2028-06-15' };
  expect(await figure(admin, toMidJune, 'policies.sum-insured-in-force')).toMatchObject({ value: insured(ta!, tc!, td!, te!, tf!) });
  expect(await figure(manager, toMidJune, 'policies.sum-insured-in-force')).toMatchObject({ value: insured(ta!, tc!, td!, tf!) });
  // High risk: a and e of the five; North: a of four.
  expect(await figure(admin, toMidJune, 'policies.high-risk-share')).toMatchObject({ numerator: insured(ta!, te!), denominator: insured(ta!, tc!, td!, te!, tf!) });
  expect(await figure(manager, toMidJune, 'policies.high-risk-share')).toMatchObject({ numerator: insured(ta!), denominator: insured(ta!, tc!, td!, tf!) });
  // In February c was lapsed: a, b, d, e, f in force, a, b and e high.
  expect(await figure(admin, { from: '2028-02-01', to: '2028-02-15' }, 'policies.high-risk-share')).toMatchObject({
    numerator: insured(ta!, tb!, te!),
    denominator: insured(ta!, tb!, td!, te!, tf!),
  });
});
