// Grace → lapse → reinstatement on a real PostgreSQL, by moving the Clock and running the daily jobs
// as the scheduler would: an overdue premium puts a policy in grace (once, however often the job
// runs), paying the arrears brings it back, the end of grace lapses it through a lapse transaction
// (billing stops, the arrears stay owed), a pending change sends it to a manager instead, and a
// reinstatement needs the arrears paid (and, after 90 days, an underwriter) — with the ledger
// balanced and other branches kept out throughout.
import request from 'supertest';
import { login, TEST_PASSWORD, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { addDays } from '../../../platform/calendar';
import { MARK_OVERDUE_JOB, RAISE_INVOICES_JOB } from '../../billing';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { REVIEW_STANDING_JOB } from '..';

let w: BillingWorld;
type Body = request.Response['body'];

beforeAll(async () => {
  w = await billingWorld('policydesk_standing', { startAt: '2027-01-11T10:00:00Z' });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const today = () => w.t.clock.businessDate();
/** Moves the business date to `date` (10:00 UTC) and runs the nightly jobs in their order. */
async function nightOf(date: string) {
  w.t.clock.set(`${date}T10:00:00Z`);
  for (const job of [RAISE_INVOICES_JOB, MARK_OVERDUE_JOB, REVIEW_STANDING_JOB]) await w.t.jobs.runNow(job, {});
}
const policyOf = async (session: Session, id: string): Promise<Body> => (await request(w.t.app).get(`/api/policies/${id}`).set(session.auth).expect(200)).body;
const worklist = async (session: Session, list: string): Promise<Body[]> =>
  (await request(w.t.app).get(`/api/policies/standing?list=${list}`).set(session.auth).expect(200)).body.items;
const quote = (session: Session, policyId: string, body: object) => request(w.t.app).post(`/api/policies/${policyId}/transactions`).set(session.auth).send(body);
const issue = (session: Session, tx: { id: string; version: number }) =>
  request(w.t.app).post(`/api/policy-transactions/${tx.id}/issue`).set(session.auth).set('If-Match', `"${tx.version}"`).send({});
const reinstatement = (extra: object = {}) => ({ type: 'reinstatement', requestedBy: 'policyholder', reason: 'Customer paid and asked to restore cover', ...extra });
const payToCustomer = (session: Session, customerId: string, amount: number) =>
  w.pay(session, { customerId, method: 'bank_transfer', reference: `BT-${amount}-${Date.now()}`, amount, currency: 'USD' }).expect(201);

/** The tasks servicing gave the agent about a customer's policy (the service desk's one task list). */
const policyTasks = async (session: Session, customerId: string): Promise<Body[]> =>
  (await request(w.t.app).get(`/api/tasks?customerId=${customerId}`).set(session.auth).expect(200)).body.items.filter((t: Body) => t.source === 'policies');

async function expectLedgerBalanced() {
  for (const row of await w.trialTotals()) expect(row.debits).toBe(row.credits);
}

describe('grace, lapse and reinstatement', () => {
  let paidUp: IssuedPolicy;
  let lapsing: IssuedPolicy;
  let pending: IssuedPolicy;
  let elsewhere: IssuedPolicy;
  let claimed: IssuedPolicy;
  let claim: Body;
  let graceEndsOn: string;

  beforeAll(async () => {
    [paidUp, lapsing, pending] = [await w.issuedPolicy(), await w.issuedPolicy(), await w.issuedPolicy()];
    elsewhere = await w.issuedPolicy({ branchId: w.otherBranch });
    claimed = await w.issuedPolicy();
  });

  it('an overdue premium puts an active policy in grace once, however often the job runs', async () => {
    await nightOf(today()); // the first installments are invoiced (due today, the start date)
    await nightOf(addDays(today(), 1));
    await w.t.jobs.runNow(REVIEW_STANDING_JOB, {}); // again: nothing more happens
    const agent = await w.as('agent');
    const policy = await policyOf(agent, lapsing.policy.id);
    const since = lapsing.policy.startDate;
    graceEndsOn = addDays(since, 31); // monthly premiums: 31 days of grace after the due date
    expect(policy.status).toBe('grace');
    expect(policy.standing).toEqual({ graceSince: since, graceEndsOn, lapsedOn: null, reinstatableUntil: null, lapseReview: null });
    expect(policy.history.map((h: Body) => [h.fromStatus, h.toStatus, h.changedBy])).toEqual([
      [null, 'active', expect.objectContaining({ id: expect.any(String) })],
      ['active', 'grace', null],
    ]);
    const notices = (await request(w.t.app).get(`/api/policies/${lapsing.policy.id}/notices`).set(agent.auth).expect(200)).body.items;
    expect(notices.map((n: Body) => n.kind)).toEqual(['grace_started']);
    expect(await w.t.db('audit_log').where({ entity_id: lapsing.policy.id, action: 'policy.grace_start' })).toHaveLength(1);
    // The customer is told once, on their preferred channel, through the outbox.
    const told = await w.t.db('notification_outbox').where({ customer_id: lapsing.customer.id, template_key: 'grace-notice' });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ idempotency_key: `policy:${lapsing.policy.id}:grace:${since}`, purpose: 'service' });
    expect(told[0].data).toMatchObject({ policyNumber: lapsing.policy.policyNumber, dueDate: since, graceEndsOn });
    // The agent is asked to call, once, by the end of the third day (sooner than the end of grace).
    const tasks = await policyTasks(agent, lapsing.customer.id);
    expect(tasks).toEqual([
      expect.objectContaining({
        title: `Call about the overdue premium of ${lapsing.policy.policyNumber}`,
        status: 'open',
        priority: 'normal',
        assignee: expect.objectContaining({ id: lapsing.policy.agent.id }),
        links: expect.arrayContaining([{ kind: 'policy', id: lapsing.policy.id }]),
      }),
    ]);
    expect(tasks[0].dueAt.slice(0, 10)).toBe(addDays(today(), 3));
    // …in the policy's agent's own queue.
    const policyAgent = await w.t.db('users').where({ id: lapsing.policy.agent.id }).first('email');
    const own = await login(w.t.app, { email: policyAgent.email, password: TEST_PASSWORD });
    const myWork = (await request(w.t.app).get('/api/my-work').set(own.auth).expect(200)).body.items;
    expect(myWork.some((i: Body) => i.kind === 'task' && i.task.id === tasks[0].id)).toBe(true);

    // The grace worklist shows the branch's policies, lapsing first; another branch sees only its own.
    const inGrace = await worklist(agent, 'grace');
    expect(inGrace.map((i) => i.policyNumber)).toEqual(expect.arrayContaining([paidUp.policy.policyNumber, lapsing.policy.policyNumber, pending.policy.policyNumber]));
    expect(inGrace.map((i) => i.policyNumber)).not.toContain(elsewhere.policy.policyNumber);
    expect(inGrace.find((i) => i.policyId === lapsing.policy.id)).toMatchObject({ status: 'grace', standing: { graceEndsOn }, customer: { id: lapsing.customer.id } });
    const other = await w.as('agent', w.otherBranch);
    expect((await worklist(other, 'grace')).map((i) => i.policyNumber)).toEqual([elsewhere.policy.policyNumber]);
    await request(w.t.app).get(`/api/policies/${lapsing.policy.id}/notices`).set(other.auth).expect(404);
    // The customer's 360° view has a line for it.
    const overview = (await request(w.t.app).get(`/api/customers/${lapsing.customer.id}/overview`).set(agent.auth).expect(200)).body;
    const section = overview.sections.policyNotices;
    expect(section.items[0].notice).toMatch(/grace period/);
  });

  it('a claim can be reported on a policy in grace (it will keep it from lapsing unattended)', async () => {
    const agent = await w.as('agent');
    claim = (
      await request(w.t.app)
        .post('/api/claims')
        .set(agent.auth)
        .send({
          policyId: claimed.policy.id,
          lossDate: today(),
          lossType: 'death',
          description: 'The insured died at home',
          location: 'At home, Springfield',
          reporter: { kind: 'beneficiary', name: 'Sam Heir', phone: '(555) 123-4567' },
        })
    ).body;
    expect(claim.errors ?? []).toEqual([]);
    expect(claim.claimNumber).toMatch(/^CL-\d{6}$/);
  });

  it('paying the arrears brings the policy back to active', async () => {
    const agent = await w.as('agent');
    const billing = await w.billingOf(agent, paidUp.policy.id);
    await w.pay(agent, { policyId: paidUp.policy.id, method: 'bank_transfer', reference: 'BT-ARREARS-1', amount: billing.overdueAmount, currency: 'USD' }).expect(201);
    await w.t.jobs.runNow(REVIEW_STANDING_JOB, {});
    const policy = await policyOf(agent, paidUp.policy.id);
    expect(policy.status).toBe('active');
    expect(policy.standing).toBeNull();
    expect(policy.history.at(-1)).toMatchObject({ fromStatus: 'grace', toStatus: 'active', reason: 'Overdue premium paid', changedBy: null });
    // Nothing left to chase: the call is done by itself, with why.
    expect(await policyTasks(agent, paidUp.customer.id)).toEqual([
      expect.objectContaining({ status: 'done', outcome: 'The overdue premium was paid: the policy is active again', completedBy: null }),
    ]);
  });

  it('a pending change keeps the policy from lapsing on its own: a manager decides', async () => {
    const agent = await w.as('agent');
    await quote(agent, pending.policy.id, {
      type: 'endorsement',
      effectiveDate: today(),
      requestedBy: 'policyholder',
      reason: 'Lower the accident cover',
      changes: { coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }] },
    }).expect(201);
    // Seven days before the end of grace: a warning, once.
    await nightOf(addDays(graceEndsOn, -7));
    await w.t.jobs.runNow(REVIEW_STANDING_JOB, {});
    const notices = (
      await request(w.t.app)
        .get(`/api/policies/${lapsing.policy.id}/notices`)
        .set((await w.as('agent')).auth)
        .expect(200)
    ).body.items;
    expect(notices.map((n: Body) => n.kind)).toEqual(['lapse_warning', 'grace_started']);
    const warned = await w.t.db('notification_outbox').where({ customer_id: lapsing.customer.id, template_key: 'lapse-warning' });
    expect(warned.map((m) => m.data)).toEqual([expect.objectContaining({ policyNumber: lapsing.policy.policyNumber, graceEndsOn, daysLeft: 7 })]);
    // The last call before the lapse: urgent-ish, due on the last day of grace.
    const warning = (await policyTasks(await w.as('agent'), lapsing.customer.id)).find((t) => t.title === `${lapsing.policy.policyNumber} lapses after ${graceEndsOn}`);
    expect(warning).toMatchObject({ status: 'open', priority: 'high' });
    expect(warning.dueAt.slice(0, 10)).toBe(graceEndsOn);

    await nightOf(addDays(graceEndsOn, 1));
    const held = await policyOf(await w.as('agent'), pending.policy.id);
    expect(held.status).toBe('grace');
    // So does an open claim.
    const withClaim = await policyOf(await w.as('agent'), claimed.policy.id);
    expect(withClaim.status).toBe('grace');
    expect(withClaim.standing.lapseReview.reasons).toEqual([`${claim.claimNumber}: an open claim (${claim.status.replaceAll('_', ' ')})`]);
    expect(held.standing.lapseReview).toEqual({ id: expect.any(String), reasons: [expect.stringMatching(/^PT-\d+: a pending endorsement \(quoted\)$/)], version: 1 });
    const manager = await w.as('manager');
    expect((await worklist(manager, 'review')).map((i) => i.policyId).sort()).toEqual([pending.policy.id, claimed.policy.id].sort());

    const decide = (session: Session, version: number, body: object) =>
      request(w.t.app).post(`/api/policies/${pending.policy.id}/lapse-review`).set(session.auth).set('If-Match', `"${version}"`).send(body);
    await decide(await w.as('agent'), 1, { decision: 'lapse', note: 'No' }).expect(403);
    const tooLate = await decide(manager, 1, { decision: 'extend', note: 'Customer promised to pay', extendTo: addDays(graceEndsOn, 91) }).expect(400);
    expect(tooLate.body.errors[0].path).toBe('extendTo');
    await decide(manager, 7, { decision: 'extend', note: 'Customer promised to pay', extendTo: addDays(graceEndsOn, 10) }).expect(412);
    const extended = (await decide(manager, 1, { decision: 'extend', note: 'Customer promised to pay', extendTo: addDays(graceEndsOn, 10) }).expect(200)).body;
    expect(extended).toMatchObject({ graceEndsOn: addDays(graceEndsOn, 10), lapseReview: null });
    expect((await decide(manager, 1, { decision: 'lapse', note: 'Twice' }).expect(409)).body.code).toBe('LAPSE_REVIEW_DECIDED');

    // The extended grace ends unpaid, the change is still pending: a new review, and this time the manager lapses it.
    await nightOf(addDays(graceEndsOn, 11));
    const again = await policyOf(await w.as('manager'), pending.policy.id);
    expect(again.standing.lapseReview).toMatchObject({ version: 1 });
    const lapsed = (await decide(await w.as('manager'), 1, { decision: 'lapse', note: 'Promise broken' }).expect(200)).body;
    expect(lapsed).toMatchObject({ lapsedOn: addDays(graceEndsOn, 11), lapseReview: null });
    expect(await w.t.db('audit_log').where({ entity_id: pending.policy.id, action: 'policy.lapse_review_decide' })).toHaveLength(2);
  });

  it('at the end of grace the job lapses the policy: a lapse transaction, billing stops, the arrears stay owed', async () => {
    const agent = await w.as('agent');
    const policy = await policyOf(agent, lapsing.policy.id);
    const lapsedOn = addDays(graceEndsOn, 1);
    expect(policy.status).toBe('lapsed');
    const notified = await w.t.db('notification_outbox').where({ customer_id: lapsing.customer.id, template_key: 'lapse-notice' });
    expect(notified.map((m) => m.data)).toEqual([expect.objectContaining({ policyNumber: lapsing.policy.policyNumber, lapsedOn })]);
    expect(policy.standing).toMatchObject({ lapsedOn, reinstatableUntil: addDays(lapsedOn, 730) });
    const txs = (await request(w.t.app).get(`/api/policies/${lapsing.policy.id}/transactions`).set(agent.auth).expect(200)).body.items;
    const lapse = txs.find((t: Body) => t.type === 'lapse');
    expect(lapse).toMatchObject({
      status: 'issued',
      effectiveDate: lapsedOn,
      createdBy: null,
      issuedBy: null,
      changes: { graceSince: lapsing.policy.startDate, graceEndedOn: graceEndsOn },
    });
    expect(lapse.billingEffect.description).toMatch(/Billing stopped from/);
    // Its grace calls are closed: not paid, lapsed.
    const calls = await policyTasks(agent, lapsing.customer.id);
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(call).toMatchObject({ status: 'done', outcome: `Not paid: the policy lapsed on ${lapsedOn}` });
    expect((await w.t.db('billing_policies').where({ policy_id: lapsing.policy.id }).first()).ended_on).toBe(lapsedOn);
    // No installment due after the lapse is invoiced, however many nights pass.
    const invoicesBefore = (await w.billingOf(agent, lapsing.policy.id)).invoices.length;
    await nightOf(addDays(lapsedOn, 40));
    expect((await w.billingOf(await w.as('agent'), lapsing.policy.id)).invoices.length).toBe(invoicesBefore);
    expect((await worklist(await w.as('agent'), 'lapsed')).map((i) => i.policyId)).toEqual(expect.arrayContaining([lapsing.policy.id, pending.policy.id]));
    await expectLedgerBalanced();
    // Claims check cover with the lapse: nothing in the gap; in grace, still covered.
    const check = async (lossDate: string) =>
      (
        await request(w.t.app)
          .post('/api/claims/coverage-check')
          .set((await w.as('agent')).auth)
          .send({ policyId: lapsing.policy.id, lossDate, lossType: 'death' })
          .expect(200)
      ).body.checks.find((c: Body) => c.code === 'POLICY_IN_FORCE');
    expect(await check(addDays(lapsedOn, 3))).toMatchObject({ passed: false, detail: expect.stringMatching(new RegExp(`had lapsed on ${lapsedOn}`)) });
    expect(await check(addDays(graceEndsOn, -3))).toMatchObject({ passed: true, detail: expect.stringMatching(/grace period/) });
  });

  it('reinstating needs the arrears paid first; then cover resumes on the original terms and the gap stays on record', async () => {
    const agent = await w.as('agent');
    const before = await policyOf(agent, lapsing.policy.id);
    const quoted = (await quote(agent, lapsing.policy.id, reinstatement()).expect(201)).body;
    const arrears = quoted.quote.reinstatement.arrears;
    expect(quoted).toMatchObject({ type: 'reinstatement', status: 'quoted', effectiveDate: today(), changes: { healthDeclaration: null } });
    expect(quoted.quote.reinstatement).toMatchObject({ lapsedOn: before.standing.lapsedOn, needsUnderwriting: false });
    expect(arrears.unpaidInvoices).toBeGreaterThan(0);
    expect(arrears.missedInstallments).toBeGreaterThan(0); // installments fell due while it was lapsed
    expect(arrears.total).toBe(arrears.unpaidInvoices + arrears.missedInstallments + arrears.reinstatementFee);

    // Not paid: 409, and nothing of it stays (billing still stopped, no invoice raised).
    const invoicesBefore = (await w.billingOf(agent, lapsing.policy.id)).invoices.length;
    const refused = (await issue(agent, quoted).expect(409)).body;
    expect(refused).toMatchObject({ code: 'REINSTATEMENT_ARREARS_UNPAID', amountDue: arrears.toPay, currency: 'USD' });
    expect((await policyOf(agent, lapsing.policy.id)).status).toBe('lapsed');
    expect((await w.billingOf(agent, lapsing.policy.id)).invoices.length).toBe(invoicesBefore);
    expect((await w.t.db('billing_policies').where({ policy_id: lapsing.policy.id }).first()).ended_on).not.toBeNull();

    await payToCustomer(agent, lapsing.customer.id, arrears.toPay);
    const done = (await issue(agent, quoted).expect(200)).body;
    expect(done).toMatchObject({ status: 'issued', resultTermsVersion: before.terms.version });
    const after = await policyOf(agent, lapsing.policy.id);
    expect(after).toMatchObject({ status: 'active', standing: null, annualPremium: before.annualPremium, terms: { version: before.terms.version } });
    expect(after.history.at(-1).reason).toMatch(new RegExp(`no cover from ${before.standing.lapsedOn} to ${addDays(today(), -1)}`));
    const billing = await w.billingOf(agent, lapsing.policy.id);
    expect(billing.overdueAmount).toBe(0);
    expect(billing.invoices.filter((i: Body) => i.dueDate <= today()).every((i: Body) => i.openAmount === 0)).toBe(true);
    const gap = await w.t.db('policy_lapses').where({ policy_id: lapsing.policy.id }).first();
    expect(gap).toMatchObject({ lapsed_on: before.standing.lapsedOn, reinstated_on: today(), reinstatement_transaction_id: quoted.id });
    expect((await w.t.db('billing_policies').where({ policy_id: lapsing.policy.id }).first()).ended_on).toBeNull();
    await expectLedgerBalanced();
    // An active policy cannot be reinstated.
    expect((await quote(agent, lapsing.policy.id, reinstatement()).expect(409)).body.code).toBe('POLICY_NOT_SERVICEABLE');
  });

  it('after 90 days a reinstatement needs a health declaration and an underwriter; after the window, none is possible', async () => {
    const lapsedOn = (await policyOf(await w.as('agent'), pending.policy.id)).standing.lapsedOn;
    w.t.clock.set(`${addDays(lapsedOn, 91)}T10:00:00Z`);
    const agent = await w.as('agent');
    const missing = (await quote(agent, pending.policy.id, reinstatement()).expect(400)).body;
    expect(missing.errors[0].path).toBe('healthDeclaration');
    const draft = (await quote(agent, pending.policy.id, reinstatement({ healthDeclaration: { inGoodHealth: true, changesSinceLapse: 'none' } })).expect(201)).body;
    expect(draft).toMatchObject({ status: 'draft', referral: { status: 'pending', referrals: [{ code: 'REINSTATEMENT_AFTER_LONG_LAPSE' }] } });
    expect((await issue(agent, draft).expect(409)).body.code).toBe('POLICY_TRANSACTION_REFERRED');
    const underwriter = await w.as('underwriter');
    const accepted = (
      await request(w.t.app)
        .post(`/api/policy-transactions/${draft.id}/referral`)
        .set(underwriter.auth)
        .set('If-Match', `"${draft.version}"`)
        .send({ decision: 'accept', note: 'Declaration reviewed: good health' })
        .expect(200)
    ).body;
    expect(accepted.status).toBe('quoted');
    await payToCustomer(agent, pending.customer.id, accepted.quote.reinstatement.arrears.toPay);
    expect((await issue(agent, accepted).expect(200)).body.status).toBe('issued');
    expect((await policyOf(agent, pending.policy.id)).status).toBe('active');
    await expectLedgerBalanced();

    // The other branch's lapsed-then-reinstatable policy: never visible here; past its 2-year window, closed.
    const other = await w.as('agent', w.otherBranch);
    const elsewherePolicy = await policyOf(other, elsewhere.policy.id);
    expect(elsewherePolicy.status).toBe('lapsed');
    await quote(agent, elsewhere.policy.id, reinstatement()).expect(404);
    w.t.clock.set(`${addDays(elsewherePolicy.standing.reinstatableUntil, 1)}T10:00:00Z`);
    const late = (
      await quote(await w.as('agent', w.otherBranch), elsewhere.policy.id, reinstatement({ healthDeclaration: { inGoodHealth: true, changesSinceLapse: 'none' } })).expect(409)
    ).body;
    expect(late).toMatchObject({ code: 'REINSTATEMENT_WINDOW_CLOSED', reinstatableUntil: elsewherePolicy.standing.reinstatableUntil });
  });
});
