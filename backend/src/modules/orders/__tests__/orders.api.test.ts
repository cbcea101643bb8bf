import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, type Session, sessionAs } from '../../../../test/support/factories';
import { allAnswers, completion, orderFixtures } from './order-fixtures';

const t = appForFile();
let agent: Session;
let underwriter: Session;
let branch: string;
let productId: string;

beforeAll(async () => {
  ({ branch, agent, underwriter, productId } = await orderFixtures(t).team());
});
afterEach(() => t.clock.reset());

/** After moving the clock, earlier tokens have expired: a new colleague in the branch logs in. */
const fresh = async (role: 'agent' | 'underwriter') => (await loggedIn(t.app, t.db, { role, branchId: branch })).session;
const f = () => orderFixtures(t);
const yearsAgo = (years: number) => f().yearsAgo(years);
const savedQuote = (session = agent, branchId = branch) => f().savedQuote(session, branchId, productId);
const draft = () => f().draft(agent, branch, productId);
const submitted = () => f().submitted(agent, branch, productId);
const patch = (id: string, version: number, body: object, session = agent) => f().patch(session, id, version, body);
const step = (id: string, action: string, version: number, body: object = {}, session = agent) => f().step(session, id, action, version, body);

describe('orders from quotes', () => {
  it('starts a draft from a saved quote for its customer: O- number, the quote’s terms, history and audit', async () => {
    const { customer, quote, order } = await draft();
    expect(order).toMatchObject({
      orderNumber: expect.stringMatching(/^O-\d{6,}$/),
      status: 'draft',
      quoteId: quote.id,
      customer: { id: customer.id },
      product: { id: productId, category: 'life', versionId: quote.productVersionId },
      sumInsured: 400_000_00,
      termYears: 20,
      paymentFrequency: 'monthly',
      annualPremium: quote.price.annualPremium,
      requirements: quote.requirements,
      history: [{ fromStatus: null, toStatus: 'draft', reason: `From quote ${quote.quoteNumber}` }],
    });
    const audit = await t.db('audit_log').where({ entity_type: 'order', entity_id: order.id });
    expect(audit.map((a) => a.action)).toEqual(['order.create']);
    // One live application per quote.
    expect((await request(t.app).post('/api/orders').set(agent.auth).send({ quoteId: quote.id }).expect(409)).body.code).toBe('ORDER_EXISTS');
  });

  it('refuses an expired quote, a quote for someone not on file, and another branch’s quote (404)', async () => {
    const { quote } = await savedQuote();
    t.clock.advance(31 * 86_400_000);
    expect(
      (
        await request(t.app)
          .post('/api/orders')
          .set((await fresh('agent')).auth)
          .send({ quoteId: quote.id })
          .expect(409)
      ).body.code,
    ).toBe('QUOTE_EXPIRED');
    t.clock.reset();
    const anonymous = (
      await request(t.app)
        .post('/api/quotes')
        .set(agent.auth)
        .send({
          applicant: { dateOfBirth: yearsAgo(30), gender: 'male', smoker: false, region: 'TX', occupationClass: 1 },
          productId,
          coverages: [{ code: 'DEATH', sumInsured: 100_000_00 }],
          termYears: 10,
          paymentFrequency: 'annual',
          save: true,
        })
        .expect(201)
    ).body;
    expect((await request(t.app).post('/api/orders').set(agent.auth).send({ quoteId: anonymous.id }).expect(409)).body.code).toBe('QUOTE_WITHOUT_CUSTOMER');
    const outsider = await sessionAs(t, 'agent');
    await request(t.app).post('/api/orders').set(outsider.auth).send({ quoteId: quote.id }).expect(404);
  });

  it('fills the draft with If-Match: beneficiaries per tier summing to 100, declarations of the product, a card kept masked', async () => {
    const { order } = await draft();
    await request(t.app).patch(`/api/orders/${order.id}`).set(agent.auth).send({ requestedStartDate: null }).expect(428);
    const shares = await patch(order.id, order.version, {
      beneficiaries: [
        { name: 'A', relationship: 'spouse', share: 60, tier: 'primary' },
        { name: 'B', relationship: 'child', share: 30.5, tier: 'primary' },
      ],
    }).expect(400);
    expect(shares.body.errors).toEqual([{ path: 'beneficiaries', message: 'The primary shares add up to 90.5%, not 100%' }]);
    const unknown = await patch(order.id, order.version, { declarations: { FAVOURITE_COLOUR: { answer: 'blue' }, TOBACCO: { answer: 3 } } }).expect(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['declarations.FAVOURITE_COLOUR', 'declarations.TOBACCO.answer']);
    const badCard = await patch(order.id, order.version, { paymentMethod: { ...completion.paymentMethod, cardNumber: '4111 1111 1111 1112' } }).expect(400);
    expect(badCard.body.errors).toEqual([{ path: 'paymentMethod.cardNumber', message: 'This is not a valid card number' }]);

    const dates = await patch(order.id, order.version, {
      beneficiaries: [{ name: 'A', relationship: 'child', dateOfBirth: '2999-01-01', share: 100, tier: 'primary' }],
      requestedStartDate: '2000-01-01',
    }).expect(400);
    expect(dates.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['beneficiaries.0.dateOfBirth', 'requestedStartDate']);
    const saved = (await patch(order.id, order.version, completion).expect(200)).body;
    expect(saved.version).toBe(order.version + 1);
    expect(saved.paymentMethod).toEqual({ type: 'card', token: expect.stringMatching(/^tok_/), brand: 'visa', last4: '1111', expiry: '12/2031', holderName: 'Ana Rivera' });
    const raw = await t.db.raw(`SELECT o::text AS row FROM orders o WHERE id = ?`, [order.id]);
    expect(raw.rows[0].row).not.toContain('4111111111111111');
    expect(raw.rows[0].row).not.toContain('4111 1111 1111 1111');
    expect((await patch(order.id, order.version, { requestedStartDate: null }).expect(412)).body.currentVersion).toBe(saved.version);
  });

  it('refuses to submit an incomplete application, listing what is missing', async () => {
    const { order } = await draft();
    const res = await step(order.id, 'submit', order.version).expect(409);
    expect(res.body.code).toBe('ORDER_INCOMPLETE');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['beneficiaries', 'declarations.MEDICAL_HISTORY', 'paymentMethod']));
    const yes = (await patch(order.id, order.version, { ...completion, declarations: { ...allAnswers, MEDICAL_HISTORY: { answer: true } } }).expect(200)).body;
    expect((await step(order.id, 'submit', yes.version).expect(409)).body.errors).toEqual([{ path: 'declarations.MEDICAL_HISTORY.details', message: 'Give details of a "yes"' }]);
  });

  it('walks the status machine: submit → start-review → request-info → resubmit → start-review → decline, with history, audit and processing days', async () => {
    const { order } = await submitted();
    expect(order.status).toBe('submitted');
    await step(order.id, 'start-review', order.version, {}, agent).expect(403);
    const reviewing = (await step(order.id, 'start-review', order.version, {}, underwriter).expect(200)).body;
    expect(reviewing.status).toBe('in_underwriting');
    const asked = (await step(order.id, 'request-info', reviewing.version, { reason: 'Latest blood pressure readings' }, underwriter).expect(200)).body;
    expect(asked).toMatchObject({ status: 'info_requested', infoRequest: 'Latest blood pressure readings' });
    const again = (await step(order.id, 'submit', asked.version, { response: 'Readings attached: 120/80' }).expect(200)).body;
    expect(again).toMatchObject({ status: 'submitted', infoRequest: null });
    const review2 = (await step(order.id, 'start-review', again.version, {}, underwriter).expect(200)).body;
    t.clock.advance(3 * 86_400_000);
    const declined = (await step(order.id, 'decline', review2.version, { reasonCode: 'medical', note: 'Uncontrolled hypertension' }, await fresh('underwriter')).expect(200)).body;
    expect(declined).toMatchObject({
      status: 'declined',
      declineReason: 'medical',
      decisionNote: 'Uncontrolled hypertension',
      decidedBy: { id: expect.any(String) },
      underwriter: { id: expect.any(String), name: expect.any(String) },
    });
    // Three calendar days later: 1 to 3 business days, depending on the weekday today.
    expect(declined.processingBusinessDays).toBeGreaterThanOrEqual(1);
    expect(declined.processingBusinessDays).toBeLessThanOrEqual(3);
    expect(declined.history.map((h: { fromStatus: string | null; toStatus: string }) => `${h.fromStatus}→${h.toStatus}`)).toEqual([
      'null→draft',
      'draft→submitted',
      'submitted→in_underwriting',
      'in_underwriting→info_requested',
      'info_requested→submitted',
      'submitted→in_underwriting',
      'in_underwriting→declined',
    ]);
    expect(declined.history[4].reason).toBe('Readings attached: 120/80');
    const actions = (await t.db('audit_log').where({ entity_type: 'order', entity_id: order.id }).orderBy('id')).map((a) => a.action);
    expect(actions).toEqual(['order.create', 'order.update', 'order.submit', 'order.start_review', 'order.request_info', 'order.submit', 'order.start_review', 'order.decline']);
  });

  it('answers illegal transitions with 409 and the current state, and a stale version with 412', async () => {
    const { order } = await draft();
    const early = await step(order.id, 'start-review', order.version, {}, underwriter).expect(409);
    expect(early.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'draft' });
    await step(order.id, 'decline', order.version, { reasonCode: 'other', note: 'nope' }, underwriter).expect(409);
    await step(order.id, 'withdraw', order.version + 5, { reason: 'Customer changed their mind' }).expect(412);
    const withdrawn = (await step(order.id, 'withdraw', order.version, { reason: 'Customer changed their mind' }).expect(200)).body;
    expect(withdrawn.status).toBe('withdrawn');
    expect((await step(order.id, 'submit', withdrawn.version).expect(409)).body.currentStatus).toBe('withdrawn');
    expect((await patch(order.id, withdrawn.version, { requestedStartDate: null }).expect(409)).body.code).toBe('ORDER_NOT_EDITABLE');
    // A withdrawn application frees its quote for a new one.
    await request(t.app).post('/api/orders').set(agent.auth).send({ quoteId: order.quoteId }).expect(201);
  });

  it('re-checks the quote’s expiry at submission', async () => {
    const { order } = await draft();
    const filled = (await patch(order.id, order.version, completion).expect(200)).body;
    await f().uploadAll(agent, order);
    t.clock.advance(31 * 86_400_000);
    expect((await step(order.id, 'submit', filled.version, {}, await fresh('agent')).expect(409)).body.code).toBe('QUOTE_EXPIRED');
  });

  it('lists orders in scope with filters, and shows them in the customer’s 360° view', async () => {
    const { customer, order } = await submitted();
    const mine = (await request(t.app).get(`/api/orders?customerId=${customer.id}`).set(agent.auth).expect(200)).body;
    expect(mine.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    const byStatus = (await request(t.app).get(`/api/orders?status=submitted&branchId=${branch}&limit=100`).set(underwriter.auth).expect(200)).body;
    expect(byStatus.items.every((o: { status: string }) => o.status === 'submitted')).toBe(true);
    expect(byStatus.items.map((o: { id: string }) => o.id)).toContain(order.id);
    const outsider = await sessionAs(t, 'agent');
    expect((await request(t.app).get(`/api/orders?customerId=${customer.id}`).set(outsider.auth).expect(200)).body.items).toEqual([]);
    await request(t.app).get(`/api/orders/${order.id}`).set(outsider.auth).expect(404);
    const overview = (await request(t.app).get(`/api/customers/${customer.id}/overview`).set(agent.auth).expect(200)).body;
    expect(overview.sections.applications).toMatchObject({ count: 1, items: [{ id: order.id, orderNumber: order.orderNumber, status: 'submitted' }] });
  });

  it('the underwriting queue: high priority (referrals) first, then the oldest; filters; underwriters only', async () => {
    const queueBranch = (await makeBranch(t.db)).id;
    const seller = await sessionAs(t, 'agent', queueBranch);
    const normal = await f().submitted(seller, queueBranch, productId);
    t.clock.advance(86_400_000);
    // A day later the first agent's token has expired: a colleague sells the second.
    const colleague = await sessionAs(t, 'agent', queueBranch);
    const referred = await f().submitted(colleague, queueBranch, productId, { customer: { occupationClass: 4 } });
    const uw = await sessionAs(t, 'underwriter', queueBranch);
    const queue = (await request(t.app).get(`/api/underwriting/queue?branchId=${queueBranch}`).set(uw.auth).expect(200)).body.items;
    expect(queue.map((o: { id: string; priority: string }) => `${o.id}:${o.priority}`)).toEqual([`${referred.order.id}:high`, `${normal.order.id}:normal`]);
    expect(queue[0].version).toBe(referred.order.version);
    expect(queue[0].referrals).toEqual([{ code: 'HAZARDOUS_OCCUPATION', message: expect.any(String) }]);
    expect(queue[1].ageBusinessDays).toBeGreaterThanOrEqual(0);
    const byReason = (await request(t.app).get(`/api/underwriting/queue?branchId=${queueBranch}&referralReason=HAZARDOUS_OCCUPATION`).set(uw.auth).expect(200)).body.items;
    expect(byReason.map((o: { id: string }) => o.id)).toEqual([referred.order.id]);
    await f().step(uw, normal.order.id, 'start-review', normal.order.version).expect(200);
    const reviewing = (await request(t.app).get(`/api/underwriting/queue?branchId=${queueBranch}&status=in_underwriting`).set(uw.auth).expect(200)).body.items;
    expect(reviewing).toEqual([expect.objectContaining({ id: normal.order.id, underwriter: { id: expect.any(String), name: expect.any(String) } })]);
    await request(t.app).get('/api/underwriting/queue').set(colleague.auth).expect(403);
  });
});
