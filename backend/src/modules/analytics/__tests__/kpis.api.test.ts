// The KPI figures (issue 18, first step) on a real PostgreSQL, against a small data set whose figures
// are worked out by hand below: CSAT and first-contact resolution (service desk), claims processing
// time (claims), application processing time (orders), the renewal rate (policies) and the loss
// ratio (the ledger), for each reader's scope — an agent their own work, a
// manager their branches, an admin every branch — with the period's edges in the company's time zone,
// the branch, product and agent filters, and 404 for a branch, product or agent outside the reader's.
import crypto from 'node:crypto';
import request from 'supertest';
import { publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { RAISE_INVOICES_JOB } from '../../billing';
import { EARN_PREMIUM_JOB } from '../../finance';
import { termLife } from '../../products/rating/__tests__/fixtures';

type Body = request.Response['body'];
let w: BillingWorld;
let agentA: { session: Session; userId: string };
let agentB: { session: Session; userId: string };
let agentC: { session: Session; userId: string };
let manager: Session;
let admin: Session;
let north: IssuedPolicy;
let south: IssuedPolicy;

// The company's time zone is America/New_York here: March 2027 runs from 2027-03-01T05:00Z to 2027-04-01T04:00Z.
const MARCH = { from: '2027-03-01', to: '2027-03-31' };

beforeAll(async () => {
  w = await billingWorld('policydesk_kpis', { startAt: '2027-07-01T15:00:00Z', env: { BUSINESS_TIMEZONE: 'America/New_York' } });
  agentA = await w.userAs('agent');
  agentB = await w.userAs('agent');
  agentC = await w.userAs('agent', w.otherBranch);
  manager = await w.as('manager');
  admin = await w.as('admin');
  north = await w.issuedPolicy();
  south = await w.issuedPolicy({ branchId: w.otherBranch });

  // Contacts (unknown callers: each in its agent's branch). In March: A 4 inbound, 3 resolved first time
  // (+1 outbound, not counted); B 2 inbound, 1 resolved; C (South) 2 inbound, none resolved. Outside March:
  // A's at 2027-03-01T04:59Z (still 28 February in New York) and 2027-04-01T04:00Z (1 April), both resolved.
  const contact = (who: Session, occurredAt: string, resolved: boolean, channel = 'phone_inbound') =>
    request(w.t.app)
      .post('/api/interactions')
      .set(who.auth)
      .send({ channel, contactPhone: '+12125550100', subject: 'A question', occurredAt, resolvedOnFirstContact: resolved })
      .expect(201);
  for (const [at, resolved] of [
    ['2027-03-01T05:00:00Z', true],
    ['2027-03-10T15:00:00Z', true],
    ['2027-03-20T15:00:00Z', true],
    ['2027-03-31T23:00:00Z', false],
  ] as const)
    await contact(agentA.session, at, resolved);
  await contact(agentA.session, '2027-03-12T15:00:00Z', true, 'phone_outbound');
  await contact(agentA.session, '2027-03-01T04:59:00Z', true);
  await contact(agentA.session, '2027-04-01T04:00:00Z', true);
  await contact(agentB.session, '2027-03-05T15:00:00Z', true);
  await contact(agentB.session, '2027-03-06T15:00:00Z', false);
  await contact(agentC.session, '2027-03-07T15:00:00Z', false);
  await contact(agentC.session, '2027-03-08T15:00:00Z', false);

  // CSAT answers (the survey flow itself is tested with the service desk): A 5, 4, 5; B 3; C (South) 1;
  // and one of A's answered in February, not counted.
  const survey = async (who: { session: Session; userId: string }, branchId: string, score: number, answeredAt: string) => {
    const kase = (await request(w.t.app).post('/api/cases').set(who.session.auth).send({ type: 'question', subject: 'Pack never came' }).expect(201)).body;
    await w.t.db('service_surveys').insert({
      kind: 'csat',
      source_key: `csat:${kase.id}:${answeredAt}`,
      case_id: kase.id,
      branch_id: branchId,
      agent_id: who.userId,
      token: crypto.randomBytes(24).toString('hex'),
      sent_at: new Date('2027-02-20T15:00:00Z'),
      expires_at: new Date('2027-05-20T15:00:00Z'),
      score,
      answered_at: new Date(answeredAt),
      answered_via: 'link',
    });
  };
  await survey(agentA, w.branch, 5, '2027-03-02T15:00:00Z');
  await survey(agentA, w.branch, 4, '2027-03-15T15:00:00Z');
  await survey(agentA, w.branch, 5, '2027-03-30T15:00:00Z');
  await survey(agentA, w.branch, 1, '2027-02-27T15:00:00Z');
  await survey(agentB, w.branch, 3, '2027-03-03T15:00:00Z');
  await survey(agentC, w.otherBranch, 1, '2027-03-04T15:00:00Z');

  // The ledger in June 2027, where nothing else posts: North premium 1,000.00, claims paid 300.00 and
  // 50.00 more held in reserve; South premium 500.00, claims paid 400.00.
  await w.t.db.transaction(async (trx) => {
    const post = (p: IssuedPolicy, n: number, debit: { kind: string; owner: string }, credit: { kind: string; owner: string }, amount: number) =>
      w.ledger.post(trx, {
        externalId: `kpi-test:${p.policy.id}:${n}`,
        effectiveDate: '2027-06-15',
        sourceType: 'invoice',
        description: `KPI data set ${n}`,
        createdBy: null,
        policyId: p.policy.id,
        customerId: p.customer.id,
        branchId: p === north ? w.branch : w.otherBranch,
        postings: [
          { account: { ...debit, currency: 'USD' }, direction: 'debit', amount },
          { account: { ...credit, currency: 'USD' }, direction: 'credit', amount },
        ],
      } as Parameters<typeof w.ledger.post>[1]);
    const company = (kind: string) => ({ kind, owner: 'company' });
    await post(north, 1, { kind: 'premium_receivable', owner: north.policy.id }, company('premium_income'), 1_000_00);
    await post(north, 2, company('claims_paid'), { kind: 'cash_clearing', owner: 'bank_transfer' }, 300_00);
    await post(north, 3, company('claims_incurred'), company('claims_reserve'), 50_00);
    await post(south, 1, { kind: 'premium_receivable', owner: south.policy.id }, company('premium_income'), 500_00);
    await post(south, 2, company('claims_paid'), { kind: 'cash_clearing', owner: 'bank_transfer' }, 400_00);
  });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const kpis = (session: Session, query: Record<string, string>) => request(w.t.app).get('/api/analytics/kpis').set(session.auth).query(query);
const figure = (body: Body, key: string) => body.items.find((k: Body) => k.key === key);

it('an agent sees their own CSAT and first-contact resolution, in March as the company’s clock reads it', async () => {
  const res = await kpis(agentA.session, MARCH).expect(200);
  expect(res.body.scope).toEqual({ agentId: agentA.userId, branchId: null, productId: null });
  // CSAT: (5 + 4 + 5) ÷ 3 = 4.6667, above the target of 4.5.
  expect(figure(res.body, 'service.csat')).toMatchObject({
    value: 4.6667,
    numerator: 14,
    denominator: 3,
    target: { comparison: 'above', value: 4.5 },
    met: true,
    unit: 'score',
    formula: expect.stringContaining('÷'),
  });
  // First-contact resolution: 3 ÷ 4 inbound = 0.75 (the outbound call and the two contacts outside March do not count), below 85%.
  expect(figure(res.body, 'service.first-contact-resolution')).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, met: false });
  // The loss ratio has no agent: an agent, who sees only their own work, is not shown it (nor may they read the ledger).
  expect(figure(res.body, 'billing.loss-ratio')).toBeUndefined();
});

it('a manager sees the branch, or one agent of it; an admin every branch, or one', async () => {
  const branch = (await kpis(manager, MARCH).expect(200)).body;
  // CSAT: (5 + 4 + 5 + 3) ÷ 4 = 4.25, below 4.5. FCR: (3 + 1) ÷ (4 + 2) = 0.6667.
  expect(figure(branch, 'service.csat')).toMatchObject({ value: 4.25, numerator: 17, denominator: 4, met: false });
  expect(figure(branch, 'service.first-contact-resolution')).toMatchObject({ value: 0.6667, numerator: 4, denominator: 6 });
  const agentB_ = (await kpis(manager, { ...MARCH, agentId: agentB.userId }).expect(200)).body;
  expect(agentB_.scope.agentId).toBe(agentB.userId);
  expect(figure(agentB_, 'service.first-contact-resolution')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });

  // Everyone: CSAT (17 + 1) ÷ 5 = 3.6; FCR 4 ÷ 8 = 0.5.
  const all = (await kpis(admin, MARCH).expect(200)).body;
  expect(figure(all, 'service.csat')).toMatchObject({ value: 3.6, numerator: 18, denominator: 5 });
  expect(figure(all, 'service.first-contact-resolution')).toMatchObject({ value: 0.5, numerator: 4, denominator: 8 });
  const south_ = (await kpis(admin, { ...MARCH, branchId: w.otherBranch }).expect(200)).body;
  expect(figure(south_, 'service.csat')).toMatchObject({ value: 1, denominator: 1 });
  // A month without answers has no figure, and no verdict on the target.
  expect(figure((await kpis(admin, { from: '2027-05-01', to: '2027-05-31' }).expect(200)).body, 'service.csat')).toMatchObject({ value: null, denominator: 0, met: null });
});

it('reads the loss ratio from the ledger: incurred ÷ earned, by branch and product', async () => {
  const JUNE = { from: '2027-06-01', to: '2027-06-30' };
  // Every branch: (300 + 50 + 400) ÷ (1,000 + 500) = 0.5 — below the 65% target.
  expect(figure((await kpis(admin, JUNE).expect(200)).body, 'billing.loss-ratio')).toMatchObject({
    value: 0.5,
    numerator: 750_00,
    denominator: 1_500_00,
    met: true,
    basisUnit: 'money',
    currency: 'USD',
    dimensions: ['branch', 'product'],
  });
  // The manager's branch (North): (300 + 50) ÷ 1,000 = 0.35.
  expect(figure((await kpis(manager, JUNE).expect(200)).body, 'billing.loss-ratio')).toMatchObject({ value: 0.35, numerator: 350_00, denominator: 1_000_00 });
  // The product both policies were sold on: the same 0.5; a product with no version is not found.
  const { product_id: productId } = await w.t
    .db('policies as p')
    .join('product_versions as v', 'v.id', 'p.product_version_id')
    .where('p.id', north.policy.id)
    .first('v.product_id');
  expect(figure((await kpis(admin, { ...JUNE, productId }).expect(200)).body, 'billing.loss-ratio').value).toBe(0.5);
  await kpis(admin, { ...JUNE, productId: crypto.randomUUID() }).expect(404);
});

it('takes claims processing time from the claims decided in the period, per adjuster and product', async () => {
  const adjuster = await w.userAs('claims_adjuster');
  const definition = { ...termLife, claims: { lossTypes: [{ lossType: 'death', coverages: ['DEATH'] }] } };
  const productId = (await publishProduct(w.t, admin, { code: 'KPI', name: 'KPI term life', category: 'life', definition })).id;
  const insured = await w.issuedPolicy({ productId });
  // The decision itself is the claims module's (tested there): here only its outcome on the claim, written as it writes it.
  const claim = async (days: number, decidedAt: string, assignee: string | null) => {
    const draft = (
      await request(w.t.app)
        .post('/api/claims')
        .set(agentA.session.auth)
        .send({
          policyId: insured.policy.id,
          lossDate: '2027-07-01',
          lossType: 'death',
          description: 'The insured died',
          location: 'Home',
          reporter: { kind: 'beneficiary', name: 'Sam', email: 'sam@example.test' },
        })
        .expect(201)
    ).body;
    await w.t
      .db('claims')
      .where({ id: draft.id })
      .update({ status: 'rejected', decided_at: new Date(decidedAt), processing_business_days: days, assignee_id: assignee });
  };
  await claim(6, '2027-03-10T15:00:00Z', adjuster.userId);
  await claim(13, '2027-03-20T15:00:00Z', adjuster.userId);
  await claim(2, '2027-03-21T15:00:00Z', null);
  await claim(30, '2027-04-02T15:00:00Z', adjuster.userId); // April: not counted
  // The branch: (6 + 13 + 2) ÷ 3 = 7 business days, within the 10-day target.
  expect(figure((await kpis(manager, MARCH).expect(200)).body, 'claims.processing-time')).toMatchObject({
    value: 7,
    numerator: 21,
    denominator: 3,
    met: true,
    unit: 'business_days',
  });
  // The adjuster's own: (6 + 13) ÷ 2 = 9.5.
  expect(figure((await kpis(adjuster.session, MARCH).expect(200)).body, 'claims.processing-time')).toMatchObject({ value: 9.5, numerator: 19, denominator: 2 });
  // The product: the same three; another product (the world's term life, no claims) has none.
  expect(figure((await kpis(manager, { ...MARCH, productId }).expect(200)).body, 'claims.processing-time')).toMatchObject({ value: 7, denominator: 3 });
  expect(figure((await kpis(manager, { ...MARCH, productId: w.productId }).expect(200)).body, 'claims.processing-time')).toMatchObject({ value: null, denominator: 0 });
});

it('takes application processing time from the applications decided in the period, and the renewal rate from the renewals due', async () => {
  // The decisions are the orders module's (tested there); here their outcome on the two applications, in August.
  const orderOf = async (p: IssuedPolicy) => (await w.t.db('policies').where({ id: p.policy.id }).first()).order_id as string;
  await w.t
    .db('orders')
    .where({ id: await orderOf(north) })
    .update({ decided_at: new Date('2027-08-10T15:00:00Z'), processing_business_days: 3 });
  await w.t
    .db('orders')
    .where({ id: await orderOf(south) })
    .update({ decided_at: new Date('2027-08-12T15:00:00Z'), processing_business_days: 8 });
  const AUGUST = { from: '2027-08-01', to: '2027-08-31' };
  // Every branch: (3 + 8) ÷ 2 = 5.5 business days, over the 5-day target; North alone: 3.
  expect(figure((await kpis(admin, AUGUST).expect(200)).body, 'orders.processing-time')).toMatchObject({ value: 5.5, numerator: 11, denominator: 2, met: false });
  expect(figure((await kpis(manager, AUGUST).expect(200)).body, 'orders.processing-time')).toMatchObject({ value: 3, denominator: 1, met: true });

  // Renewals due in September: North's on the 1st (issued) and the 20th (declined), South's on the 5th (issued).
  const renewal = async (p: IssuedPolicy, branchId: string, effectiveDate: string, status: 'issued' | 'discarded') =>
    w.t.db('policy_transactions').insert({
      transaction_number: `PT-KPI-${effectiveDate}-${branchId.slice(0, 4)}`,
      policy_id: p.policy.id,
      branch_id: branchId,
      type: 'renewal',
      status,
      effective_date: effectiveDate,
      requested_by: 'insurer',
      reason: 'Annual renewal',
      changes: JSON.stringify({}),
      base_terms_version: 1,
      new_annual_premium: 1_000_00,
      result_terms_version: status === 'issued' ? 2 : null,
      issued_at: status === 'issued' ? new Date(`${effectiveDate}T12:00:00Z`) : null,
      created_by: agentA.userId,
      created_at: new Date('2027-07-01T15:00:00Z'),
      updated_at: new Date('2027-07-01T15:00:00Z'),
    });
  await renewal(north, w.branch, '2027-09-01', 'issued');
  await renewal(north, w.branch, '2027-09-20', 'discarded');
  await renewal(south, w.otherBranch, '2027-09-05', 'issued');
  const SEPTEMBER = { from: '2027-09-01', to: '2027-09-30' };
  // Every branch: 2 issued ÷ 3 due = 0.6667, under the 90% target; North: 1 ÷ 2 = 0.5.
  expect(figure((await kpis(admin, SEPTEMBER).expect(200)).body, 'policies.renewal-rate')).toMatchObject({ value: 0.6667, numerator: 2, denominator: 3, met: false });
  expect(figure((await kpis(manager, SEPTEMBER).expect(200)).body, 'policies.renewal-rate')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
  // An agent may not read the renewal rate (a manager's figure).
  expect(figure((await kpis(agentA.session, SEPTEMBER).expect(200)).body, 'policies.renewal-rate')).toBeUndefined();
});

it('refuses a branch, agent or product outside the reader’s, and bad periods, with field errors', async () => {
  await kpis(manager, { ...MARCH, branchId: w.otherBranch }).expect(404);
  await kpis(agentA.session, { ...MARCH, agentId: agentB.userId }).expect(404);
  const checks: [Record<string, string>, string][] = [
    [{ from: '2027-03-31', to: '2027-03-01' }, 'to'],
    [{ from: '2025-01-01', to: '2027-03-01' }, 'to'],
    [{ from: '0000-01-01', to: '2027-03-01' }, 'from'],
    [{ from: '2027-02-30', to: '2027-03-01' }, 'from'],
    [{ ...MARCH, branchId: 'north' }, 'branchId'],
  ];
  for (const [query, path] of checks) {
    const res = await kpis(admin, query).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: Body) => e.path)).toContain(`query.${path}`);
  }
  await kpis(admin, { ...MARCH, from: 'a\u0000b' }).expect(400);
});

it('gives the monthly recurring premium: installments due in the period per month touched, without an ended policy’s', async () => {
  // Every policy here pays monthly: one installment in each month of Q4 2027. South's policy ends on
  // 15 October (written as a cancellation writes it), so its November and December installments drop out.
  await w.t.db('billing_policies').where({ policy_id: south.policy.id }).update({ ended_on: '2027-10-15' });
  const due = async (policyIds: string[], from: string, to: string) =>
    Number((await w.t.db('billing_installments').whereIn('policy_id', policyIds).whereBetween('due_date', [from, to]).sum('amount as s').first())!.s ?? 0);
  const northPolicies: string[] = await w.t.db('billing_policies').where({ branch_id: w.branch }).pluck('policy_id'); // north, and the claims test's
  const northQuarter = await due(northPolicies, '2027-10-01', '2027-12-31');
  const southOctober = await due([south.policy.id], '2027-10-01', '2027-10-31');
  expect(northQuarter).toBeGreaterThan(0);
  expect(southOctober).toBeGreaterThan(0);
  // The manager's branch (North) over the quarter: its installments ÷ 3 months.
  expect(figure((await kpis(manager, { from: '2027-10-01', to: '2027-12-31' }).expect(200)).body, 'billing.monthly-recurring-premium')).toMatchObject({
    value: Math.round(northQuarter / 3),
    numerator: northQuarter,
    denominator: 3,
    unit: 'money',
    currency: 'USD',
    target: null,
    met: null,
  });
  // Every branch: South counts only in October.
  expect(figure((await kpis(admin, { from: '2027-10-01', to: '2027-12-31' }).expect(200)).body, 'billing.monthly-recurring-premium')).toMatchObject({
    numerator: northQuarter + southOctober,
    denominator: 3,
  });
  // A period inside one month touches one month.
  expect(figure((await kpis(admin, { from: '2027-10-10', to: '2027-10-20' }).expect(200)).body, 'billing.monthly-recurring-premium').denominator).toBe(1);
});

it('counts the premium the earning job earned in the loss ratio, each share on the product it was earned on', async () => {
  // The policies here were issued on 1 July: their first invoices are raised (billing), and the job
  // earns that day's share of them (finance), posting per branch and product version with no policy on the entry.
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  await w.t.jobs.runNow(EARN_PREMIUM_JOB, {});
  const DAY = { from: '2027-07-01', to: '2027-07-01' };
  const denominator = async (query: Record<string, string>) => figure((await kpis(admin, { ...DAY, ...query }).expect(200)).body, 'billing.loss-ratio').denominator as number;
  const products: string[] = await w.t.db('policies as p').join('product_versions as v', 'v.id', 'p.product_version_id').distinct('v.product_id').pluck('v.product_id');
  expect(products.length).toBe(2); // the world's term life and the claims test's
  const all = await denominator({});
  const byProduct = await Promise.all(products.map((productId) => denominator({ productId })));
  expect(all).toBeGreaterThan(0);
  for (const earned of byProduct) expect(earned).toBeGreaterThan(0);
  expect(byProduct.reduce((a, b) => a + b, 0)).toBe(all);
});

it('gives agent productivity: applications first submitted per business day per agent who submitted', async () => {
  // The week of Monday 4 October 2027 (5 business days): North's agent submitted three applications (the
  // 4th, 6th and 7th), South's one (the 5th); one of North's re-submitted on the 8th counts on its first day.
  const orderOf = async (p: IssuedPolicy) => (await w.t.db('policies').where({ id: p.policy.id }).first()).order_id as string;
  const more = [await w.issuedPolicy(), await w.issuedPolicy()];
  // Each application the world issues is sold by a new agent of the branch: these two by North's first.
  const northAgent = (
    await w.t
      .db('orders')
      .where({ id: await orderOf(north) })
      .first()
  ).agent_id as string;
  const submitted = async (p: IssuedPolicy, first: string, last = first) =>
    w.t
      .db('orders')
      .where({ id: await orderOf(p) })
      .update({ first_submitted_at: new Date(first), submitted_at: new Date(last), ...(more.includes(p) ? { agent_id: northAgent } : {}) });
  await submitted(north, '2027-10-04T15:00:00Z', '2027-10-08T15:00:00Z');
  await submitted(south, '2027-10-05T15:00:00Z');
  await submitted(more[0]!, '2027-10-06T15:00:00Z');
  await submitted(more[1]!, '2027-10-07T15:00:00Z');
  const WEEK = { from: '2027-10-04', to: '2027-10-08' };
  // Every branch: 4 ÷ (5 days × 2 agents) = 0.4; North: 3 ÷ (5 × 1) = 0.6.
  expect(figure((await kpis(admin, WEEK).expect(200)).body, 'orders.agent-productivity')).toMatchObject({ unit: 'per_agent_day', value: 0.4, numerator: 4, denominator: 10 });
  expect(figure((await kpis(manager, WEEK).expect(200)).body, 'orders.agent-productivity')).toMatchObject({ value: 0.6, numerator: 3, denominator: 5 });
  // The weekend after: nothing submitted, no business day — no figure.
  expect(figure((await kpis(admin, { from: '2027-10-09', to: '2027-10-10' }).expect(200)).body, 'orders.agent-productivity')).toMatchObject({ value: null });
  // A fortnight with the weekend in it: 10 business days; North 3 ÷ 10.
  expect(figure((await kpis(manager, { from: '2027-10-04', to: '2027-10-17' }).expect(200)).body, 'orders.agent-productivity')).toMatchObject({ value: 0.3, denominator: 10 });
});

it('gives one KPI month by month, each month clipped to the period, with its target — for the reader’s scope', async () => {
  const trend = (session: Session, key: string, query: Record<string, string>) => request(w.t.app).get(`/api/analytics/kpis/${key}/trend`).set(session.auth).query(query);
  const period = { from: '2027-02-15', to: '2027-04-10' };
  // CSAT: 27 February A's 1; March A 5, 4, 5, B 3, C (South) 1; nothing in April.
  const every = (await trend(admin, 'service.csat', period).expect(200)).body;
  expect(every).toMatchObject({ key: 'service.csat', unit: 'score', target: { comparison: 'above', value: 4.5 } });
  expect(every.points).toEqual([
    { month: '2027-02', from: '2027-02-15', to: '2027-02-28', value: 1, numerator: 1, denominator: 1, met: false },
    { month: '2027-03', from: '2027-03-01', to: '2027-03-31', value: 3.6, numerator: 18, denominator: 5, met: false },
    { month: '2027-04', from: '2027-04-01', to: '2027-04-10', value: null, numerator: 0, denominator: 0, met: null },
  ]);
  // The manager's North: March (5 + 4 + 5 + 3) ÷ 4 = 4.25; Agent A's own: 14 ÷ 3.
  expect((await trend(manager, 'service.csat', period).expect(200)).body.points[1]).toMatchObject({ value: 4.25, denominator: 4 });
  expect((await trend(agentA.session, 'service.csat', period).expect(200)).body.points[1]).toMatchObject({ value: 4.6667, numerator: 14, denominator: 3, met: true });
  // A KPI the reader may not see (agents: the loss ratio has no agent dimension), an unknown one, a period over a year.
  expect((await trend(agentA.session, 'billing.loss-ratio', period).expect(404)).body.code).toBe('NOT_FOUND');
  await trend(admin, 'service.nothing', period).expect(404);
  expect((await trend(admin, 'service.csat', { from: '2026-01-01', to: '2027-03-01' }).expect(400)).body.errors).toEqual([
    expect.objectContaining({ path: 'query.to', message: 'At most a year' }),
  ]);
  // A single day is one point.
  expect((await trend(admin, 'service.csat', { from: '2027-03-02', to: '2027-03-02' }).expect(200)).body.points).toEqual([
    { month: '2027-03', from: '2027-03-02', to: '2027-03-02', value: 5, numerator: 5, denominator: 1, met: true },
  ]);
});

it('compares each figure with the period just before, or the same dates a year earlier', async () => {
  // March 2027 (31 days) against 29 January – 28 February: CSAT March 18 ÷ 5 = 3.6; before, A's 1 on 27 February.
  const previous = (await kpis(admin, { ...MARCH, compare: 'previous_period' }).expect(200)).body;
  expect(previous.comparedWith).toEqual({ from: '2027-01-29', to: '2027-02-28' });
  expect(figure(previous, 'service.csat')).toMatchObject({ value: 3.6, compared: { value: 1, numerator: 1, denominator: 1 } });
  // The manager's North: 4.25 against 1.
  expect(figure((await kpis(manager, { ...MARCH, compare: 'previous_period' }).expect(200)).body, 'service.csat')).toMatchObject({ value: 4.25, compared: { value: 1 } });
  // March 2026: nothing counted.
  const lastYear = (await kpis(admin, { ...MARCH, compare: 'previous_year' }).expect(200)).body;
  expect(lastYear.comparedWith).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  expect(figure(lastYear, 'service.csat')).toMatchObject({ value: 3.6, compared: { value: null, denominator: 0 } });
  // Without compare: no comparison; an unknown comparison is refused by its field.
  const plain = (await kpis(admin, MARCH).expect(200)).body;
  expect(plain.comparedWith).toBeNull();
  expect(figure(plain, 'service.csat')).not.toHaveProperty('compared');
  expect((await kpis(admin, { ...MARCH, compare: 'last_week' }).expect(400)).body.errors).toEqual([expect.objectContaining({ path: 'query.compare' })]);
});
