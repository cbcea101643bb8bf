// Collections through HTTP on PostgreSQL, on one timeline: policies issued the same day, their first
// invoices raised and marked overdue by billing's own jobs, a dunning plan (reminder by email at 3
// days, by text at 10, a call task at 15, a final notice at 25) run by the dunning job — two workers
// at once — with promises to pay taken, kept early and broken, and the collections worklist.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { addDays } from '../../../platform/calendar';
import { createLogger } from '../../../platform/logger';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { InvoiceService } from '../../billing/invoices.service';
import { DunningService } from '../dunning.service';
import { DunningPlansService } from '../plans.service';

let w: BillingWorld;
let invoices: InvoiceService;
let plans: DunningPlansService;
/** pA runs the plan until paid; pB promises and pays early; pC promises and breaks it; pD owes most; pO is another branch's. */
let pA: IssuedPolicy, pB: IssuedPolicy, pC: IssuedPolicy, pD: IssuedPolicy, pO: IssuedPolicy;
const inv: Record<string, { id: string; due_date: string }> = {};
let due: string;

const PLAN = [
  { key: 'first-reminder', days: 3, action: 'reminder', channel: 'email', template: 'dunning-reminder' },
  { key: 'second-reminder', days: 10, action: 'reminder', channel: 'sms', template: 'dunning-reminder' },
  { key: 'call', days: 15, action: 'call_task' },
  { key: 'final', days: 25, action: 'final_notice', template: 'dunning-final-notice' },
];

const worker = () =>
  new DunningService(
    w.t.db,
    w.t.clock,
    createLogger('silent'),
    w.t.services.audit,
    w.t.services.billing,
    plans,
    w.t.services.notifications,
    w.t.services.customerProfiles,
    w.t.services.tasks,
  );
const at = (day: string, time = '10:00:00') => w.t.clock.set(`${day}T${time}Z`);
const promise = (session: Session, invoiceId: string, body: object) => request(w.t.app).post(`/api/collections/invoices/${invoiceId}/promises`).set(session.auth).send(body);
const runsOf = async (invoiceId: string) => (await w.t.db('collections_dunning_runs').where({ invoice_id: invoiceId }).orderBy('created_at')).map((r) => r.step_key);
const openOf = async (p: IssuedPolicy) => (await w.billingOf(await w.as('agent', p.policy.branchId), p.policy.id)).overdueAmount as number;

beforeAll(async () => {
  w = await billingWorld('policydesk_collections', { startAt: '2027-01-10T10:00:00Z' });
  invoices = new InvoiceService(w.t.db, w.t.clock, w.ledger, w.t.services.audit, w.t.services.customerProfiles, 14);
  plans = new DunningPlansService(w.t.db, w.t.clock, w.t.services.audit, w.t.services.quotes, w.t.services.notifications);
  const versionId = (await w.t.db('product_versions').where({ product_id: w.productId }).first('id')).id;
  await request(w.t.app)
    .put(`/api/collections/dunning-plans/${versionId}`)
    .set((await w.as('finance_manager')).auth)
    .set('If-Match', '"0"')
    .send({ steps: PLAN })
    .expect(200);
  pA = await w.issuedPolicy();
  pB = await w.issuedPolicy();
  pC = await w.issuedPolicy();
  pD = await w.issuedPolicy({
    coverages: [
      { code: 'DEATH', sumInsured: 300_000_00 },
      { code: 'ADB', sumInsured: 50_000_00 },
    ],
  });
  pO = await w.issuedPolicy({ branchId: w.otherBranch });
  await invoices.raiseDue();
  for (const [name, p] of Object.entries({ pA, pB, pC, pD, pO }))
    inv[name] = await w.t.db('invoices').where({ policy_id: p.policy.id }).orderBy('due_date').first('id', w.t.db.raw(`to_char(due_date, 'YYYY-MM-DD') AS due_date`));
  due = inv.pA!.due_date;
  expect(Object.values(inv).every((i) => i.due_date === due)).toBe(true);
}, PROCESS_TEST_TIMEOUT_MS * 3);
afterAll(() => w.close());

describe('promises to pay', () => {
  it('refuses a promise on an invoice not yet overdue (409 PROMISE_INVOICE_NOT_OVERDUE)', async () => {
    at(due);
    await invoices.markOverdue();
    const res = await promise(await w.as('agent'), inv.pA!.id, { amount: 100, promisedFor: addDays(due, 2), channel: 'phone' }).expect(409);
    expect(res.body.code).toBe('PROMISE_INVOICE_NOT_OVERDUE');
  });

  it('refuses a date in the past or too far ahead (400 PROMISE_DATE_INVALID), more than is due (409 PROMISE_EXCEEDS_AMOUNT_DUE), nothing written', async () => {
    at(addDays(due, 1));
    await invoices.markOverdue();
    const agent = await w.as('agent');
    const open = await openOf(pA);
    expect(open).toBeGreaterThan(0);
    const past = await promise(agent, inv.pA!.id, { amount: 100, promisedFor: due, channel: 'phone' }).expect(400);
    expect(past.body).toMatchObject({ code: 'PROMISE_DATE_INVALID', errors: [{ path: 'promisedFor' }] });
    expect((await promise(agent, inv.pA!.id, { amount: 100, promisedFor: addDays(due, 62), channel: 'phone' }).expect(400)).body.code).toBe('PROMISE_DATE_INVALID');
    const above = await promise(agent, inv.pA!.id, { amount: open + 1, promisedFor: addDays(due, 3), channel: 'phone' }).expect(409);
    expect(above.body).toMatchObject({ code: 'PROMISE_EXCEEDS_AMOUNT_DUE', openAmount: open });
    expect((await promise(agent, inv.pA!.id, { amount: 0, promisedFor: addDays(due, 3), channel: 'phone' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(await w.t.db('collections_promises')).toHaveLength(0);
  });

  it('is taken by agents of the branch: another branch’s agent gets 404, an underwriter or a finance clerk 403', async () => {
    const body = { amount: 100, promisedFor: addDays(due, 3), channel: 'phone' };
    expect((await promise(await w.as('agent', w.otherBranch), inv.pA!.id, body).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await promise(await w.as('underwriter'), inv.pA!.id, body).expect(403)).body.code).toBe('PERMISSION_DENIED');
    expect((await promise(await w.as('finance'), inv.pA!.id, body).expect(403)).body.code).toBe('PERMISSION_DENIED');
    await request(w.t.app)
      .get(`/api/collections/invoices/${inv.pA!.id}`)
      .set((await w.as('agent', w.otherBranch)).auth)
      .expect(404);
    expect(await w.t.db('collections_promises')).toHaveLength(0);
  });

  it('records a promise (201) with its history and audit; a second open promise on the invoice is 409 PROMISE_ALREADY_OPEN', async () => {
    const { session, userId } = await w.userAs('agent');
    const openB = await openOf(pB);
    const res = await promise(session, inv.pB!.id, { amount: openB, promisedFor: addDays(due, 4), channel: 'phone', note: 'Pays on Friday' }).expect(201);
    expect(res.body).toMatchObject({
      invoiceId: inv.pB!.id,
      amount: openB,
      openAmountAtPromise: openB,
      status: 'open',
      channel: 'phone',
      takenBy: { id: userId },
      promisedFor: addDays(due, 4),
    });
    expect((await promise(session, inv.pB!.id, { amount: 100, promisedFor: addDays(due, 4), channel: 'sms' }).expect(409)).body.code).toBe('PROMISE_ALREADY_OPEN');
    expect(await w.t.db('collections_promise_history').where({ promise_id: res.body.id })).toMatchObject([{ from_status: null, to_status: 'open', changed_by: userId }]);
    expect(await w.t.db('audit_log').where({ action: 'promise.create', entity_id: res.body.id })).toHaveLength(1);

    const openC = await openOf(pC);
    await promise(session, inv.pC!.id, { amount: Math.floor(openC / 2), promisedFor: addDays(due, 4), channel: 'phone' }).expect(201);
    const record = (await request(w.t.app).get(`/api/collections/invoices/${inv.pB!.id}`).set(session.auth).expect(200)).body;
    expect(record.promises).toHaveLength(1);
    expect(record.runs).toEqual([]);
  });
});

describe('the dunning job', () => {
  it('runs each due step once per invoice with two workers at once; a promise pauses the plan', async () => {
    at(addDays(due, 3));
    const reports = await Promise.all([worker().runDue(), worker().runDue()]);
    // pA, pD and pO are due for their first reminder; pB and pC are paused by their promises.
    expect(reports.reduce((s, r) => s + r.steps, 0)).toBe(3);
    for (const name of ['pA', 'pD', 'pO']) expect(await runsOf(inv[name]!.id)).toEqual(['first-reminder']);
    for (const name of ['pB', 'pC']) expect(await runsOf(inv[name]!.id)).toEqual([]);
    const messages = await w.t.db('notification_outbox').where('idempotency_key', 'like', 'dunning:%');
    expect(messages).toHaveLength(3);
    const toA = messages.find((m) => m.idempotency_key === `dunning:${inv.pA!.id}:first-reminder`);
    expect(toA).toMatchObject({ channel: 'email', template_key: 'dunning-reminder', customer_id: pA.customer.id });
    expect(toA.data).toMatchObject({ invoiceNumber: expect.any(String), policyNumber: pA.policy.policyNumber, daysPastDue: 3, dueDate: due });

    // Again, the same day, two workers: nothing more.
    const again = await Promise.all([worker().runDue(), worker().runDue()]);
    expect(again.reduce((s, r) => s + r.steps, 0)).toBe(0);
    expect(await w.t.db('notification_outbox').where('idempotency_key', 'like', 'dunning:%')).toHaveLength(3);
    // The database itself refuses a second row for the same (invoice, step).
    const [run] = await w.t.db('collections_dunning_runs').where({ invoice_id: inv.pA!.id });
    const { id: _id, ...copy } = run;
    await expect(w.t.db('collections_dunning_runs').insert(copy)).rejects.toMatchObject({ code: '23505' });
  });

  it('a promise paid before its date is kept and closed; the paid invoice gets no step', async () => {
    at(addDays(due, 3), '12:00:00');
    await w.pay(await w.as('agent'), { policyId: pB.policy.id, method: 'cash', amount: await openOf(pB), currency: 'USD' }).expect(201);
    const report = await worker().runDue();
    expect(report).toMatchObject({ promisesKept: 1, promisesBroken: 0, steps: 0 });
    const [kept] = await w.t.db('collections_promises').where({ invoice_id: inv.pB!.id });
    expect(kept.status).toBe('kept');
    expect(await w.t.db('audit_log').where({ action: 'promise.kept', entity_id: kept.id })).toHaveLength(1);
  });

  it('a broken promise (its date passed, not paid) raises a task and resumes the plan at the next step', async () => {
    at(addDays(due, 4));
    expect((await worker().runDue()).promisesBroken).toBe(0); // the promised day itself: still open
    // (pA, pD and pO have run their day-3 step; nothing else is due yet.)
    at(addDays(due, 5));
    const report = await worker().runDue();
    expect(report.promisesBroken).toBe(1);
    const [broken] = await w.t.db('collections_promises').where({ invoice_id: inv.pC!.id });
    expect(broken.status).toBe('broken');
    const tasks = await w.t.db('service_tasks').where({ source: 'collections', source_key: `promise-broken:${broken.id}` });
    expect(tasks).toMatchObject([{ branch_id: w.branch, priority: 'high', status: 'open' }]);
    // The plan resumes at its next step: pC's first reminder (day 3) runs now; nobody else's step is due.
    expect(report.steps).toBe(1);
    expect(await runsOf(inv.pC!.id)).toEqual(['first-reminder']);
    expect((await worker().runDue()).steps).toBe(0);
  });

  it('a text step queued in quiet hours waits for 08:00 (the outbox’s rule)', async () => {
    at(addDays(due, 10), '22:30:00');
    await worker().runDue();
    for (const name of ['pA', 'pC', 'pD', 'pO']) expect(await runsOf(inv[name]!.id)).toEqual(['first-reminder', 'second-reminder']);
    const text = await w.t
      .db('notification_outbox')
      .where({ idempotency_key: `dunning:${inv.pA!.id}:second-reminder` })
      .first();
    expect(text.channel).toBe('sms');
    expect(text.next_attempt_at.toISOString()).toBe(`${addDays(due, 11)}T08:00:00.000Z`);
  });

  it('stops the moment the invoice is paid: no call task for pA; pC and pD get theirs', async () => {
    at(addDays(due, 15), '09:00:00');
    await w.pay(await w.as('agent'), { policyId: pA.policy.id, method: 'cash', amount: await openOf(pA), currency: 'USD' }).expect(201);
    at(addDays(due, 15));
    await worker().runDue();
    expect(await runsOf(inv.pA!.id)).toEqual(['first-reminder', 'second-reminder']);
    expect(await runsOf(inv.pB!.id)).toEqual([]);
    expect(await runsOf(inv.pC!.id)).toEqual(['first-reminder', 'second-reminder', 'call']);
    const call = await w.t.db('service_tasks').where({ source: 'collections', source_key: `dunning:${inv.pC!.id}:call` });
    expect(call).toMatchObject([{ branch_id: w.branch, status: 'open' }]);
    const record = (
      await request(w.t.app)
        .get(`/api/collections/invoices/${inv.pC!.id}`)
        .set((await w.as('agent')).auth)
        .expect(200)
    ).body;
    expect(record.runs.map((r: { stepKey: string; outcome: string }) => [r.stepKey, r.outcome])).toEqual([
      ['first-reminder', 'message_queued'],
      ['second-reminder', 'message_queued'],
      ['call', 'task_created'],
    ]);
    expect(record.promises.map((p: { status: string }) => p.status)).toEqual(['broken']);
  });
});

describe('the collections worklist', () => {
  it('ranks the branch’s overdue accounts by amount × days, with the last step and promises; other branches never appear', async () => {
    at(addDays(due, 16));
    const openD = await openOf(pD);
    const openC = await openOf(pC);
    // pD owes the most: it comes first.
    expect(openD).toBeGreaterThan(openC);
    const agent = await w.as('agent');
    const res = await request(w.t.app).get('/api/collections/worklist').set(agent.auth).expect(200);
    expect(res.body.asOf).toBe(addDays(due, 16));
    expect(res.body.items.map((r: { policyId: string }) => r.policyId)).toEqual([pD.policy.id, pC.policy.id]);
    expect(res.body.items[0]).toMatchObject({
      overdueAmount: openD,
      daysPastDue: 16,
      overdueSince: due,
      priority: (openD / 100) * 16,
      lastStep: { stepKey: 'call' },
      openPromise: null,
    });
    expect(res.body.items[1]).toMatchObject({ overdueAmount: openC, customer: { id: pC.customer.id } });

    // A new promise shows on its row.
    await promise(agent, inv.pD!.id, { amount: 1000, promisedFor: addDays(due, 20), channel: 'phone' }).expect(201);
    const withPromise = (await request(w.t.app).get('/api/collections/worklist').set(agent.auth).expect(200)).body.items[0];
    expect(withPromise.openPromise).toMatchObject({ amount: 1000, status: 'open', invoiceId: inv.pD!.id });

    // Branch scope: another branch named is empty; that branch's agent sees only its own; an admin both.
    expect((await request(w.t.app).get('/api/collections/worklist').query({ branchId: w.otherBranch }).set(agent.auth).expect(200)).body.items).toEqual([]);
    const other = (
      await request(w.t.app)
        .get('/api/collections/worklist')
        .set((await w.as('agent', w.otherBranch)).auth)
        .expect(200)
    ).body.items;
    expect(other.map((r: { policyId: string }) => r.policyId)).toEqual([pO.policy.id]);
    const all = (
      await request(w.t.app)
        .get('/api/collections/worklist')
        .set((await w.as('admin')).auth)
        .expect(200)
    ).body.items;
    expect(all.map((r: { policyId: string }) => r.policyId).sort()).toEqual([pC.policy.id, pD.policy.id, pO.policy.id].sort());
    // Finance reads every branch; underwriters may not read it.
    expect(
      (
        await request(w.t.app)
          .get('/api/collections/worklist')
          .set((await w.as('finance')).auth)
          .expect(200)
      ).body.items,
    ).toHaveLength(3);
    expect(
      (
        await request(w.t.app)
          .get('/api/collections/worklist')
          .set((await w.as('underwriter')).auth)
          .expect(403)
      ).body.code,
    ).toBe('PERMISSION_DENIED');
  });
});

describe('collection figures', () => {
  it('days sales outstanding, cure rate and promises kept for the branch; other branches apart; bad periods 400', async () => {
    at(addDays(due, 16));
    const agent = await w.as('agent');
    const from = addDays(due, -30);
    const to = addDays(due, 16);
    const res = await request(w.t.app).get('/api/collections/figures').query({ from, to }).set(agent.auth).expect(200);
    const branchInvoices = [inv.pA!, inv.pB!, inv.pC!, inv.pD!].map((i) => i.id);
    const billed = Number((await w.t.db('invoice_lines').whereIn('invoice_id', branchInvoices).whereNull('waived_at').sum('amount as s').first())!.s);
    const receivable = (await openOf(pC)) + (await openOf(pD));
    const [usd] = res.body.currencies;
    // pA and pB were paid (cured), pC and pD were not: 2 of 4.
    expect(usd).toEqual({
      currency: 'USD',
      billed,
      receivable,
      daysSalesOutstanding: Math.round((receivable / billed) * 47 * 10) / 10,
      wentOverdue: 4,
      cured: 2,
      cureRate: 50,
    });
    // pB's promise kept, pC's broken, pD's still open.
    expect(res.body.promises).toEqual({ kept: 1, broken: 1, keptRate: 50, open: 1 });

    const other = (
      await request(w.t.app)
        .get('/api/collections/figures')
        .query({ from, to })
        .set((await w.as('agent', w.otherBranch)).auth)
        .expect(200)
    ).body;
    expect(other.currencies).toMatchObject([{ wentOverdue: 1, cured: 0, receivable: await openOf(pO) }]);
    expect(other.promises).toEqual({ kept: 0, broken: 0, keptRate: null, open: 0 });
    // Naming a branch outside yours gives nothing of it.
    const foreign = (await request(w.t.app).get('/api/collections/figures').query({ from, to, branchId: w.otherBranch }).set(agent.auth).expect(200)).body;
    expect(foreign.currencies).toEqual([]);
    const finance = (
      await request(w.t.app)
        .get('/api/collections/figures')
        .query({ from, to })
        .set((await w.as('finance')).auth)
        .expect(200)
    ).body;
    expect(finance.currencies[0].wentOverdue).toBe(5);

    expect((await request(w.t.app).get('/api/collections/figures').query({ from: to, to: from }).set(agent.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await request(w.t.app).get('/api/collections/figures').query({ from: '2025-01-01', to }).set(agent.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(
      (
        await request(w.t.app)
          .get('/api/collections/figures')
          .query({ from, to })
          .set((await w.as('underwriter')).auth)
          .expect(403)
      ).body.code,
    ).toBe('PERMISSION_DENIED');
  });
});

describe('the final notice', () => {
  it('goes on the customer’s preferred channel: a text to the customer who prefers texts, an email to the other', async () => {
    // pC's customer now prefers texts (changed through the customers API).
    const agent = await w.as('agent');
    const customer = (await request(w.t.app).get(`/api/customers/${pC.customer.id}`).set(agent.auth).expect(200)).body;
    await request(w.t.app).patch(`/api/customers/${pC.customer.id}`).set(agent.auth).set('If-Match', `"${customer.version}"`).send({ preferredChannel: 'sms' }).expect(200);
    at(addDays(due, 25), '12:00:00');
    await worker().runDue();
    expect(await runsOf(inv.pC!.id)).toEqual(['first-reminder', 'second-reminder', 'call', 'final']);
    const toC = await w.t
      .db('notification_outbox')
      .where({ idempotency_key: `dunning:${inv.pC!.id}:final` })
      .first();
    const toD = await w.t
      .db('notification_outbox')
      .where({ idempotency_key: `dunning:${inv.pD!.id}:final` })
      .first();
    expect([toC.channel, toC.template_key]).toEqual(['sms', 'dunning-final-notice']);
    expect([toD.channel, toD.template_key]).toEqual(['email', 'dunning-final-notice']);
  });
});
