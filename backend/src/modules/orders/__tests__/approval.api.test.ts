// Approval issues the policy. Approval limits are one global table, so this file works on a
// database of its own where it can set them.
import Decimal from 'decimal.js';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { type Session, sessionAs } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { ORDER_TRANSITIONS, type OrderAction } from '../order-status';
import { orderFixtures } from './order-fixtures';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';

let t: TestApp;
let url: string;
const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
let agent: Session;
let underwriter: Session;
let manager: Session;
let branch: string;
let productId: string;
let f: ReturnType<typeof orderFixtures>;

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl, 'policydesk_approval');
  t = createTestApp({ env: { DATABASE_URL: url } });
  f = orderFixtures(t);
  ({ branch, agent, underwriter, productId } = await f.team());
  manager = await sessionAs(t, 'manager', branch);
  await t.db('approval_limits').insert([
    { role: 'underwriter', kind: 'order_sum_insured', currency: 'USD', max_amount: 350_000_00, revision: 1, updated_at: new Date() },
    { role: 'manager', kind: 'order_sum_insured', currency: 'USD', max_amount: 5_000_000_00, revision: 1, updated_at: new Date() },
  ]);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await t.close();
  await dropDatabase(adminUrl, url);
});

const modest = [
  { code: 'DEATH', sumInsured: 250_000_00 },
  { code: 'ADB', sumInsured: 50_000_00 },
];

describe('approval and policy issuance', () => {
  it('approves as quoted and issues the policy in the same transaction; the prospect becomes an active customer', async () => {
    const { customer, quote, order } = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    const approved = (await f.step(underwriter, order.id, 'approve', order.version, { note: 'Standard risk' }).expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', approvedAnnualPremium: quote.price.annualPremium, extraPremiumPercent: null, policyId: expect.any(String) });
    expect(approved.history.at(-1)).toMatchObject({ fromStatus: 'in_underwriting', toStatus: 'approved', reason: 'Standard risk' });

    const policy = (await request(t.app).get(`/api/policies/${approved.policyId}`).set(agent.auth).expect(200)).body;
    const today = t.clock.businessDate();
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const end = new Date(Date.UTC(y + 20, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
    expect(policy).toMatchObject({
      policyNumber: expect.stringMatching(/^P-\d{6,}$/),
      status: 'active',
      order: { id: order.id, orderNumber: order.orderNumber },
      customer: { id: customer.id },
      product: { id: productId, versionId: quote.productVersionId },
      coverages: modest,
      sumInsured: 300_000_00,
      annualPremium: quote.price.annualPremium,
      installments: quote.price.installments,
      paymentFrequency: 'monthly',
      startDate: today,
      endDate: end,
      beneficiaries: expect.arrayContaining([expect.objectContaining({ name: 'Ana Rivera', share: 60 })]),
      paymentMethod: { last4: '1111' },
      history: [{ fromStatus: null, toStatus: 'active', reason: `Issued from order ${order.orderNumber}` }],
    });
    const c = (await request(t.app).get(`/api/customers/${customer.id}`).set(agent.auth).expect(200)).body;
    expect(c.status).toBe('active');
    const overview = (await request(t.app).get(`/api/customers/${customer.id}/overview`).set(agent.auth).expect(200)).body;
    // Lifetime value picks up the premiums the policy will still bring (the first installment is due today).
    expect(overview.lifetimeValue.expectedFuturePremiums).toBe(policy.installments.amount * (policy.installments.count * 20 - 1));
    expect(overview.sections.policies).toMatchObject({ count: 1, items: [{ id: policy.id, policyNumber: policy.policyNumber, status: 'active' }] });
    expect((await request(t.app).get(`/api/customers/${customer.id}/policies`).set(agent.auth).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([policy.id]);
    const actions = (await t.db('audit_log').whereIn('entity_id', [order.id, policy.id, customer.id]).orderBy('id'))
      .map((a) => a.action)
      .filter((a) => a !== 'customer.sensitive_read');
    expect(actions.slice(-3)).toEqual(['policy.issue', 'customer.status_change', 'order.approve']);
    // Another branch sees neither the policy nor the customer's policies.
    const outsider = await sessionAs(t, 'agent');
    await request(t.app).get(`/api/policies/${policy.id}`).set(outsider.auth).expect(404);
    expect((await request(t.app).get('/api/policies?limit=100').set(outsider.auth).expect(200)).body.items).toEqual([]);
  });

  it('previews and approves with a rating: extra premium on the worksheet, exclusions on the policy', async () => {
    const { quote, order } = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    const preview = (await request(t.app).post(`/api/orders/${order.id}/rating-preview`).set(underwriter.auth).send({ extraPremiumPercent: 50 }).expect(200)).body;
    expect(preview.worksheet.find((s: { kind: string }) => s.kind === 'underwriting_rating')).toMatchObject({
      label: 'Underwriting rating +50% on the risk premium',
      value: '0.5',
    });
    // The risk premium is loaded, not the fee: more than the quote, less than 1.5 × the quote.
    expect(preview.annualPremium).toBeGreaterThan(quote.price.annualPremium);
    expect(preview.annualPremium).toBeLessThan(quote.price.annualPremium * 1.5);
    expect(preview.worksheet.reduce((sum: Decimal, s: { amount: string }) => sum.plus(s.amount), new Decimal(0)).toString()).toBe(String(preview.annualPremium));
    const approved = (await f.step(underwriter, order.id, 'approve', order.version, { extraPremiumPercent: 50, exclusions: ['Motor racing'] }).expect(200)).body;
    expect(approved).toMatchObject({ approvedAnnualPremium: preview.annualPremium, extraPremiumPercent: 50, exclusions: ['Motor racing'] });
    const policy = (await request(t.app).get(`/api/policies/${approved.policyId}`).set(underwriter.auth).expect(200)).body;
    expect(policy).toMatchObject({ annualPremium: preview.annualPremium, installments: preview.installments, extraPremiumPercent: 50, exclusions: ['Motor racing'] });
    // The customer's applications list shows the premium the policy was issued with.
    const overview = (await request(t.app).get(`/api/customers/${policy.customer.id}/overview`).set(agent.auth).expect(200)).body;
    expect(overview.sections.applications.items[0]).toMatchObject({ id: order.id, annualPremium: preview.annualPremium });
  });

  it('refuses the submitter as approver (FOUR_EYES) and an approver whose limit is below the sum insured', async () => {
    // A manager may both sell and underwrite, but not approve what they submitted.
    const own = await f.inReview(manager, underwriter, branch, productId, { coverages: modest });
    expect((await f.step(manager, own.order.id, 'approve', own.order.version).expect(409)).body.code).toBe('FOUR_EYES');
    // 400,000 is above the underwriter's 350,000 limit; a manager (5,000,000) may approve it.
    const big = await f.inReview(agent, underwriter, branch, productId);
    const refused = await f.step(underwriter, big.order.id, 'approve', big.order.version).expect(403);
    expect(refused.body).toMatchObject({ code: 'APPROVAL_LIMIT_EXCEEDED', limit: 350_000_00, amount: 400_000_00 });
    expect((await request(t.app).get(`/api/orders/${big.order.id}`).set(agent.auth).expect(200)).body.status).toBe('in_underwriting');
    await f.step(manager, big.order.id, 'approve', big.order.version).expect(200);
  });

  it('is refused while an exam is neither results_received nor waived (EXAMS_OUTSTANDING)', async () => {
    const { order } = await f.inReview(agent, underwriter, branch, productId, { coverages: modest, age: 55 });
    const refused = await f.step(underwriter, order.id, 'approve', order.version).expect(409);
    expect(refused.body.code).toBe('EXAMS_OUTSTANDING');
    expect(refused.body.exams.map((e: { examType: string }) => e.examType).sort()).toEqual(['blood_panel', 'paramedical', 'urinalysis']);
    for (const e of order.exams)
      await request(t.app).post(`/api/exams/${e.id}/waive`).set(underwriter.auth).set('If-Match', `"${e.version}"`).send({ reason: 'Tele-interview instead' }).expect(200);
    await f.step(underwriter, order.id, 'approve', order.version).expect(200);
    // Once the order is decided, its exams are closed.
    const [first] = (await request(t.app).get(`/api/orders/${order.id}`).set(agent.auth).expect(200)).body.exams;
    expect(
      (
        await request(t.app)
          .post(`/api/exams/${first.id}/order`)
          .set(agent.auth)
          .set('If-Match', `"${first.version}"`)
          .send({ labPartner: 'Labcorp', labOrderReference: 'LC-9' })
          .expect(409)
      ).body.code,
    ).toBe('ORDER_CLOSED');
  });

  it('twenty concurrent approvals of one order: exactly one succeeds, the others get 409, one policy exists', async () => {
    const { order } = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    const results = await Promise.all(Array.from({ length: 20 }, () => f.step(underwriter, order.id, 'approve', order.version)));
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'ILLEGAL_TRANSITION' && r.body.currentStatus === 'approved')).toBe(true);
    expect(await t.db('policies').where({ order_id: order.id }).select('id')).toHaveLength(1);
  });

  it('when the policy cannot be created, the approval fails with it: the order stays in underwriting, no policy, no audit', async () => {
    const { customer, order } = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    await t.ownerDb.raw(`
      CREATE FUNCTION fail_policy_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'forced failure'; END $$;
      CREATE TRIGGER fail_policy_for_test BEFORE INSERT ON policy_status_history FOR EACH ROW WHEN (NEW.reason = 'Issued from order ${order.orderNumber}') EXECUTE FUNCTION fail_policy_for_test();
    `);
    try {
      await f.step(underwriter, order.id, 'approve', order.version).expect(500);
    } finally {
      await t.ownerDb.raw('DROP TRIGGER fail_policy_for_test ON policy_status_history; DROP FUNCTION fail_policy_for_test();');
    }
    const after = (await request(t.app).get(`/api/orders/${order.id}`).set(agent.auth).expect(200)).body;
    expect(after).toMatchObject({ status: 'in_underwriting', version: order.version, policyId: null });
    expect(await t.db('policies').where({ order_id: order.id }).first()).toBeUndefined();
    expect(await t.db('audit_log').whereIn('action', ['order.approve', 'policy.issue']).where({ entity_id: order.id }).first()).toBeUndefined();
    expect((await request(t.app).get(`/api/customers/${customer.id}`).set(agent.auth).expect(200)).body.status).toBe('prospect');
    // Once the fault is gone the same approval goes through.
    await f.step(underwriter, order.id, 'approve', order.version).expect(200);
  });

  it('refuses every illegal transition from every state with 409 and the current state', async () => {
    // One order in each state.
    const inState: Record<string, { id: string; version: number }> = {};
    const keep = (o: { id: string; version: number; status: string }) => (inState[o.status] = { id: o.id, version: o.version });
    keep((await f.draft(agent, branch, productId, { coverages: modest })).order);
    keep((await f.submitted(agent, branch, productId, { coverages: modest })).order);
    const review = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    keep(review.order);
    const asked = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    keep((await f.step(underwriter, asked.order.id, 'request-info', asked.order.version, { reason: 'Latest payslip' }).expect(200)).body);
    const toApprove = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    keep((await f.step(underwriter, toApprove.order.id, 'approve', toApprove.order.version).expect(200)).body);
    const toDecline = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    keep((await f.step(underwriter, toDecline.order.id, 'decline', toDecline.order.version, { reasonCode: 'other', note: 'Test' }).expect(200)).body);
    const toWithdraw = await f.draft(agent, branch, productId, { coverages: modest });
    keep((await f.step(agent, toWithdraw.order.id, 'withdraw', toWithdraw.order.version, { reason: 'Changed their mind' }).expect(200)).body);
    expect(Object.keys(inState).sort()).toEqual(['approved', 'declined', 'draft', 'in_underwriting', 'info_requested', 'submitted', 'withdrawn']);

    const bodies: Record<OrderAction, object> = {
      submit: {},
      withdraw: { reason: 'Test reason' },
      start_review: {},
      request_info: { reason: 'Test reason' },
      approve: {},
      decline: { reasonCode: 'other', note: 'Test' },
    };
    const illegal: string[] = [];
    for (const [action, rule] of Object.entries(ORDER_TRANSITIONS) as [OrderAction, (typeof ORDER_TRANSITIONS)[OrderAction]][]) {
      const session = rule.permission === 'orders:underwrite' ? manager : agent;
      for (const [status, order] of Object.entries(inState)) {
        if (rule.from.includes(status as never)) continue;
        const res = await f.step(session, order.id, action.replace('_', '-'), order.version, bodies[action]);
        if (res.status !== 409 || res.body.code !== 'ILLEGAL_TRANSITION' || res.body.currentStatus !== status)
          illegal.push(`${action} from ${status} → ${res.status} ${res.body.code}`);
      }
    }
    expect(illegal).toEqual([]);
  });
});
