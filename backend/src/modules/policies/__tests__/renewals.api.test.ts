// Renewals end to end on a real PostgreSQL, along one timeline moved by the test Clock: the daily job
// offers a renewal 60 days before the renewal date (re-priced at the insured's new age on the product
// version in force then), never twice (run twice, or after a gap of days: caught up at 30 days); an
// agent accepts it (the next term: version, end date, billing's schedule of the new year that the
// invoice job bills, ledger balanced) or records the customer's non-renewal (the policy expires the
// day after its end date); the job renews by itself under the premium-rise limit and not over it;
// trips' and term life's policy years are not renewals; another branch's renewals are invisible.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { makeCustomer, publishNewVersion, publishProduct } from '../../../../test/support/factories';
import { singleTripTravel } from '../../../../../seeds/reference/catalog/travel';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { addDays, addMonthsClamped } from '../../../platform/calendar';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { RAISE_INVOICES_JOB } from '../../billing';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { ratingRequest } from '../policy-terms';
import { PREPARE_RENEWALS_JOB } from '../renewals.service';

let w: BillingWorld;
type Body = request.Response['body'];

/** A one-year product built from the term-life fixture (its TERM table priced for one year). */
const oneYear = (extra: object = {}) => ({
  ...termLife,
  termYears: [1],
  factorTables: termLife.factorTables.map((t) => (t.code === 'TERM' ? { ...t, rows: [{ from: 1, to: 1, factor: '1.00' }] } : t)),
  ...extra,
});

let healthId: string;
let homeAutoId: string;
/** Offered (health, 39 → 40: the AGE band changes), accepted by the agent. */
let A: IssuedPolicy;
/** The same product in the other branch. */
let B: IssuedPolicy;
/** Auto-renewing home product, 35 → 36: same premium, renews by itself. */
let C: IssuedPolicy;
/** Auto-renewing home product, 39 → 40: the rise is over the limit, not renewed by itself; expires. */
let D: IssuedPolicy;
/** The world's 20-year term life: its first policy year's end is not a renewal. */
let E: IssuedPolicy;
/** Health, declined by the customer: expires after its end date. */
let F: IssuedPolicy;
/** Health, issued 75 days later: its 60-day run is missed, caught up at 30 days. */
let G: IssuedPolicy;
let R: string;

const today = () => w.t.clock.businessDate();
const at = (date: string) => w.t.clock.set(`${date}T10:00:00Z`);
const runJob = () => w.t.jobs.runNow(PREPARE_RENEWALS_JOB, {});
const renewalsOf = (policyId: string) => w.t.db('policy_transactions').where({ policy_id: policyId, type: 'renewal' }).orderBy('created_at');
const get = async (session: Session, path: string, status = 200): Promise<Body> => (await request(w.t.app).get(`/api${path}`).set(session.auth).expect(status)).body;
/** The tasks servicing gave about a policy (the service desk's one task list). */
const tasksOf = (policyId: string) =>
  w.t
    .db('service_tasks')
    .where({ source: 'policies' })
    .whereRaw('links @> ?::jsonb', [JSON.stringify([{ kind: 'policy', id: policyId }])])
    .orderBy('created_at');
const act = (session: Session, tx: { id: string; version: number }, action: string, body: object = {}) =>
  request(w.t.app).post(`/api/policy-transactions/${tx.id}/${action}`).set(session.auth).set('If-Match', `"${tx.version}"`).send(body);

beforeAll(async () => {
  w = await billingWorld('policydesk_renew', { startAt: '2027-01-11T10:00:00Z' });
  healthId = (await publishProduct(w.t, w.admin, { code: 'RNH', name: 'Yearly health', category: 'health', definition: oneYear() })).id;
  homeAutoId = (await publishProduct(w.t, w.admin, { code: 'RNA', name: 'Yearly home', category: 'home', definition: oneYear({ renewal: { renewable: true, autoRenew: true } }) }))
    .id;
  A = await w.issuedPolicy({ productId: healthId, termYears: 1, age: 39 });
  B = await w.issuedPolicy({ productId: healthId, termYears: 1, age: 39, branchId: w.otherBranch });
  C = await w.issuedPolicy({ productId: homeAutoId, termYears: 1, age: 35 });
  D = await w.issuedPolicy({ productId: homeAutoId, termYears: 1, age: 39 });
  E = await w.issuedPolicy({ age: 39 });
  F = await w.issuedPolicy({ productId: healthId, termYears: 1, age: 36 });
  R = addDays(A.policy.endDate, 1);
  at(addDays(today(), 75));
  G = await w.issuedPolicy({ productId: healthId, termYears: 1, age: 36 });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

describe('preparing renewals', () => {
  let offered: Body;

  it('offers nothing 61 days before; at 60 days offers the one-year policies, once, priced at the new age on the version in force on the renewal date', async () => {
    expect(R).toBe('2028-01-11');
    at(addDays(R, -61));
    await runJob();
    expect(await renewalsOf(A.policy.id)).toHaveLength(0);

    // The catalog's current version changes before the renewal: a higher policy fee.
    const admin = await w.as('admin');
    await publishNewVersion(w.t, admin, healthId, oneYear({ policyFee: 40_00 }));
    const v2 = await w.t.db('product_versions').where({ product_id: healthId, version_number: 2 }).first();

    at(addDays(R, -60));
    await runJob();
    await runJob();
    const rows = await renewalsOf(A.policy.id);
    expect(rows).toHaveLength(1);
    const agent = await w.as('agent');
    offered = await get(agent, `/policy-transactions/${rows[0].id}`);
    // The offer goes to the customer once (the job ran twice), with the new premium.
    const offers = await w.t.db('notification_outbox').where({ idempotency_key: `policy:${A.policy.id}:renewal-offer:${R}` });
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ template_key: 'renewal-offer', customer_id: A.policy.customer.id });
    expect(offers[0].data).toMatchObject({ policyNumber: A.policy.policyNumber, renewalDate: R, premium: expect.stringMatching(/^[\d,]+\.\d\d USD a year$/) });
    expect(offered).toMatchObject({ type: 'renewal', status: 'quoted', effectiveDate: R, requestedBy: 'insurer', baseTermsVersion: 1, resultTermsVersion: null });
    expect(offered.history.map((h: Body) => h.toStatus)).toEqual(['draft', 'quoted']);
    expect(offered.changes).toEqual({ renewalDate: R, newEndDate: '2029-01-10', productVersionId: v2.id, nonRenewal: null });
    const r = offered.quote.renewal;
    expect(r).toMatchObject({ renewalDate: R, newEndDate: '2029-01-10', noticeDays: 60, oldAge: 39, newAge: 40, newProductVersion: { id: v2.id, versionNumber: 2 } });
    expect(r.oldProductVersion.versionNumber).toBe(1);
    expect(r.autoRenew).toEqual({ productAllows: false, maxIncreasePercent: 10, applies: false });

    // Side by side: the old worksheet at 39 on version 1, the new one at 40 on version 2.
    const factor = (steps: Body[], table: string) => steps.find((s) => s.table === table)?.value;
    expect(factor(r.oldWorksheet, 'AGE')).toBe('1.00');
    expect(factor(offered.quote.worksheet, 'AGE')).toBe('1.70');
    expect(offered.quote.worksheet.find((s: Body) => s.kind === 'fee').amount).toBe('4000');
    expect(r.oldWorksheet.find((s: Body) => s.kind === 'fee').amount).toBe('2500');
    const policy = await get(agent, `/policies/${A.policy.id}`);
    expect(offered.quote.oldAnnualPremium).toBe(policy.annualPremium);
    const inputs = (await w.t.db('policy_versions').where({ policy_id: A.policy.id, version_number: 1 }).first()).rating_inputs;
    const expected = await w.t.services.quotes.priceOnVersion(
      w.t.db,
      v2.id,
      ratingRequest({ ...inputs, applicant: { ...inputs.applicant, entryAge: 40 } }, policy.coverages, policy.paymentFrequency),
    );
    expect(offered.quote.newAnnualPremium).toBe(expected.price!.annualPremium);
    expect(offered.newTerms).toMatchObject({ annualPremium: expected.price!.annualPremium, installments: expected.price!.installments, sumInsured: policy.sumInsured });
    expect(Number(r.changePercent)).toBeGreaterThan(10);

    // Nothing changes on the policy until it is accepted.
    expect(policy).toMatchObject({ endDate: A.policy.endDate, terms: { version: 1 } });
    const audit = await w.t.db('audit_log').where({ entity_id: A.policy.id, action: 'policy.renewal_offer' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: null, metadata: expect.objectContaining({ noticeDays: 60, offered: true }) });

    // The policy's agent is asked, once, to take the customer's instruction within two weeks.
    const tasks = await tasksOf(A.policy.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: `Renewal of ${A.policy.policyNumber} from ${R}`, status: 'open', assignee_id: A.policy.agent.id, customer_id: A.customer.id });
    expect(tasks[0].description).toContain(`${offered.transactionNumber} offers the next term at +${r.changePercent}% premium`);
    expect(tasks[0].due_at.toISOString().slice(0, 10)).toBe(addDays(today(), 14));
  });

  it('offers the auto-renewing product with whether it will renew by itself; not term life at the end of a policy year', async () => {
    const [c] = await renewalsOf(C.policy.id);
    expect(c.worksheet.renewal).toMatchObject({ oldAge: 35, newAge: 36, changePercent: '0.0', autoRenew: { productAllows: true, applies: true } });
    const [d] = await renewalsOf(D.policy.id);
    expect(d.worksheet.renewal.autoRenew).toEqual({ productAllows: true, maxIncreasePercent: 10, applies: false });
    expect(await renewalsOf(E.policy.id)).toHaveLength(0);
    // Not yet due: G's renewal is 135 days away.
    expect(await renewalsOf(G.policy.id)).toHaveLength(0);
  });

  it('lists the renewals due in the branch (not another branch’s), with old and new premium and the change', async () => {
    const agent = await w.as('agent');
    const page = await get(agent, '/policies/renewals?dueWithin=60');
    const mine = page.items.map((i: Body) => i.policy.id);
    expect(mine).toEqual(expect.arrayContaining([A.policy.id, C.policy.id, D.policy.id, F.policy.id]));
    expect(mine).not.toContain(B.policy.id);
    const a = page.items.find((i: Body) => i.policy.id === A.policy.id);
    expect(a).toMatchObject({
      transactionId: offered.id,
      status: 'offered',
      renewalDate: R,
      oldAnnualPremium: offered.quote.oldAnnualPremium,
      newAnnualPremium: offered.quote.newAnnualPremium,
      changePercent: offered.quote.renewal.changePercent,
      customer: { id: A.customer.id },
      nonRenewalReason: null,
    });
    expect((await get(agent, '/policies/renewals?dueWithin=59')).items).toHaveLength(0);
    // Cursor pagination, soonest first.
    const first = await get(agent, '/policies/renewals?dueWithin=60&limit=2');
    expect(first.items).toHaveLength(2);
    const second = await get(agent, `/policies/renewals?dueWithin=60&limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((i: Body) => i.transactionId)).toEqual(page.items.map((i: Body) => i.transactionId));
    await get(agent, '/policies/renewals?dueWithin=400', 400);

    const other = await w.as('agent', w.otherBranch);
    const theirs = (await get(other, '/policies/renewals')).items;
    expect(theirs.map((i: Body) => i.policy.id)).toEqual([B.policy.id]);
    await get(agent, `/policy-transactions/${theirs[0].transactionId}`, 404);
    await act(agent, { id: theirs[0].transactionId, version: theirs[0].version }, 'issue').expect(404);
    await act(agent, { id: theirs[0].transactionId, version: theirs[0].version }, 'decline-renewal', { requestedBy: 'policyholder', reasonCode: 'other' }).expect(404);
  });
});

describe('accepting a renewal', () => {
  it('refuses a stale If-Match; issued, it makes the next term: a new version from the renewal date, the end date moved, the schedule PDF', async () => {
    const agent = await w.as('agent');
    const [row] = await renewalsOf(A.policy.id);
    await act(agent, { id: row.id, version: row.version + 1 }, 'issue').expect(412);
    const done = (await act(agent, row, 'issue').expect(200)).body;
    expect(done).toMatchObject({ status: 'issued', resultTermsVersion: 2, billingEffect: { kind: 'none', amount: 0, newInstallmentsFrom: R } });
    expect(done.history.map((h: Body) => h.toStatus)).toEqual(['draft', 'quoted', 'issued']);
    const policy = await get(agent, `/policies/${A.policy.id}`);
    expect(policy).toMatchObject({
      status: 'active',
      endDate: '2029-01-10',
      annualPremium: done.quote.newAnnualPremium,
      terms: { version: 2, effectiveFrom: R, latestVersion: 2 },
      product: { versionNumber: 2 },
    });
    // The old terms are still those in force until the renewal date.
    expect(await get(agent, `/policies/${A.policy.id}?asOf=${addDays(R, -1)}`)).toMatchObject({ annualPremium: done.quote.oldAnnualPremium, terms: { version: 1 } });
    const schedules = (await get(agent, `/policies/${A.policy.id}/schedules`)).items;
    expect(schedules.map((s: Body) => s.version)).toEqual([2, 1]);
    expect((await act(agent, done, 'issue').expect(409)).body.code).toBe('POLICY_TRANSACTION_NOT_OPEN');
    const audit = await w.t.db('audit_log').where({ entity_id: A.policy.id, action: 'policy.transaction_issue' });
    expect(audit).toHaveLength(1);
    expect(audit[0].metadata).toMatchObject({ type: 'renewal', automatic: false, transactionId: done.id });
    expect(await tasksOf(A.policy.id)).toEqual([expect.objectContaining({ status: 'done', outcome: 'Renewed to 2029-01-10', completed_by: null })]);
  });

  it('billing schedules the new year at the new premium; the invoice job bills it; the ledger balances', async () => {
    const [row] = await renewalsOf(A.policy.id);
    const year2 = await w.t.db('billing_installments').where({ policy_id: A.policy.id, policy_year: 2 }).orderBy('sequence');
    expect(year2).toHaveLength(12);
    expect(year2[0].due_date).toBe(R);
    expect(year2.reduce((s, i) => s + Number(i.amount), 0)).toBe(Number(row.new_annual_premium));
    expect(await w.t.db('billing_policies').where({ policy_id: A.policy.id }).first()).toMatchObject({ end_date: '2029-01-10' });

    at(addDays(R, -14));
    await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
    const billing = await w.billingOf(await w.as('agent'), A.policy.id);
    const invoiced = await w.t.db('billing_installments').where({ policy_id: A.policy.id, policy_year: 2, sequence: 1 }).first();
    expect(invoiced.invoice_id).not.toBeNull();
    expect(billing.invoices.find((i: Body) => i.id === invoiced.invoice_id)).toMatchObject({ dueDate: R, openAmount: Number(invoiced.amount) });
    for (const t of await w.trialTotals()) expect(t.debits).toBe(t.credits);
  });
});

describe('non-renewal and expiry; automatic renewal', () => {
  it('records the customer’s reason (not a plain discard); the reason must be theirs; it cannot be declined twice', async () => {
    const agent = await w.as('agent');
    const [row] = await renewalsOf(F.policy.id);
    expect((await act(agent, row, 'discard', { reason: 'Not wanted' }).expect(409)).body.code).toBe('POLICY_TRANSACTION_IS_RENEWAL');
    expect((await act(agent, row, 'decline-renewal', { requestedBy: 'policyholder', reasonCode: 'claims_experience' }).expect(400)).body.errors[0].path).toBe('reasonCode');
    await act(agent, { id: row.id, version: row.version + 1 }, 'decline-renewal', { requestedBy: 'policyholder', reasonCode: 'premium_too_high' }).expect(412);
    const declined = (await act(agent, row, 'decline-renewal', { requestedBy: 'policyholder', reasonCode: 'premium_too_high', note: 'Found cheaper' }).expect(200)).body;
    expect(declined).toMatchObject({ status: 'discarded', changes: { nonRenewal: { requestedBy: 'policyholder', reasonCode: 'premium_too_high', note: 'Found cheaper' } } });
    expect((await act(agent, declined, 'decline-renewal', { requestedBy: 'policyholder', reasonCode: 'other' }).expect(409)).body.code).toBe('POLICY_TRANSACTION_NOT_OPEN');
    const endorsementLike = (await act(agent, declined, 'issue').expect(409)).body.code;
    expect(endorsementLike).toBe('POLICY_TRANSACTION_NOT_OPEN');
    expect((await get(agent, `/policies/${F.policy.id}`)).status).toBe('active');
    const page = await get(agent, '/policies/renewals?status=declined');
    expect(page.items.find((i: Body) => i.policy.id === F.policy.id)).toMatchObject({ status: 'declined', nonRenewalReason: 'premium_too_high' });
    expect(await tasksOf(F.policy.id)).toEqual([expect.objectContaining({ status: 'done', outcome: 'Not renewed (the customer): premium too high' })]);
  });

  it('on the renewal date: renews by itself under the limit, not over it; policies not renewed expire the day after their end date', async () => {
    at(addDays(R, -1));
    await runJob();
    expect((await w.t.db('policies').where({ id: F.policy.id }).first()).status).toBe('active');
    expect((await renewalsOf(C.policy.id))[0].status).toBe('quoted');

    at(R);
    await runJob();
    const agent = await w.as('agent');
    const [c] = await renewalsOf(C.policy.id);
    expect(c).toMatchObject({ status: 'issued', result_terms_version: 2 });
    const cTx = await get(agent, `/policy-transactions/${c.id}`);
    expect(cTx.history.at(-1).reason).toMatch(/automatically/);
    expect(await get(agent, `/policies/${C.policy.id}`)).toMatchObject({ status: 'active', endDate: '2029-01-10', terms: { version: 2 } });
    const cAudit = await w.t.db('audit_log').where({ entity_id: C.policy.id, action: 'policy.transaction_issue' }).first();
    expect(cAudit).toMatchObject({ actor_user_id: null, metadata: expect.objectContaining({ type: 'renewal', automatic: true }) });
    expect(await w.t.db('billing_installments').where({ policy_id: C.policy.id, policy_year: 2 })).toHaveLength(12);

    // Over the limit: not renewed by itself; unanswered, it lapses into expiry with the policy.
    const [d] = await renewalsOf(D.policy.id);
    expect(d).toMatchObject({ status: 'discarded', changes: expect.objectContaining({ nonRenewal: expect.objectContaining({ reasonCode: 'no_response' }) }) });
    for (const p of [D, F]) {
      const policy = await get(agent, `/policies/${p.policy.id}`);
      expect(policy.status).toBe('expired');
      expect(policy.history.at(-1)).toMatchObject({ fromStatus: 'active', toStatus: 'expired' });
    }
    expect(await w.t.db('audit_log').where({ entity_id: F.policy.id, action: 'policy.expire' })).toHaveLength(1);
    // Their tasks closed by themselves.
    expect(await tasksOf(C.policy.id)).toEqual([expect.objectContaining({ status: 'done', outcome: 'Renewed automatically to 2029-01-10' })]);
    expect(await tasksOf(D.policy.id)).toEqual([expect.objectContaining({ status: 'done', outcome: 'Not renewed: no response by the renewal date' })]);
    // Renewed ones and term life stay active; running again changes nothing.
    for (const p of [A, C, E]) expect((await get(agent, `/policies/${p.policy.id}`)).status).toBe('active');
    await runJob();
    expect(await w.t.db('audit_log').where({ entity_id: F.policy.id, action: 'policy.expire' })).toHaveLength(1);
    expect(await renewalsOf(C.policy.id)).toHaveLength(1);
  });

  it('the renewal rate per month: renewed ÷ due, managers only, in their branches', async () => {
    const manager = await w.as('manager');
    const rate = await get(manager, '/policies/renewal-rate?from=2027-12&to=2028-01');
    expect(rate.months).toEqual([
      { month: '2027-12', due: 0, renewed: 0, declined: 0, open: 0, rate: null },
      { month: '2028-01', due: 4, renewed: 2, declined: 2, open: 0, rate: '0.5000' },
    ]);
    await get(await w.as('agent'), '/policies/renewal-rate?from=2027-12&to=2028-01', 403);
    await get(manager, '/policies/renewal-rate?from=2028-02&to=2028-01', 400);
  });
});

describe('after a gap of days', () => {
  it('a renewal whose 60-day run was missed is offered at 30 days, and only once however often the job runs', async () => {
    const renewal = addDays((await w.t.db('policies').where({ id: G.policy.id }).first()).end_date, 1);
    // Its agent has left: the renewal's task waits in the branch's queue instead.
    await w.t.db('users').where({ id: G.policy.agent.id }).update({ active: false });
    at(addDays(renewal, -20));
    await runJob();
    await runJob();
    at(addDays(renewal, -3));
    await runJob();
    const rows = await renewalsOf(G.policy.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].worksheet.renewal.noticeDays).toBe(30);
    const tasks = await tasksOf(G.policy.id);
    expect(tasks).toHaveLength(1);
    // Twenty days before: due within two weeks, in the branch's queue.
    expect(tasks[0]).toMatchObject({ status: 'open', assignee_id: null, branch_id: G.policy.branchId });
    expect(tasks[0].due_at.toISOString().slice(0, 10)).toBe(addDays(renewal, -6));
  });
});

describe('an endorsement after the offer', () => {
  it('makes the open renewal stale (409); the next run prices it again on the new terms, then it can be accepted', async () => {
    const agent = await w.as('agent');
    const [row] = await renewalsOf(G.policy.id);
    const raised = (
      await request(w.t.app)
        .post(`/api/policies/${G.policy.id}/transactions`)
        .set(agent.auth)
        .send({
          type: 'endorsement',
          effectiveDate: today(),
          requestedBy: 'policyholder',
          reason: 'More cover',
          changes: {
            coverages: [
              { code: 'DEATH', sumInsured: 300_000_00 },
              { code: 'ADB', sumInsured: 50_000_00 },
            ],
          },
        })
        .expect(201)
    ).body;
    await act(agent, raised, 'issue').expect(200);
    expect((await act(agent, row, 'issue').expect(409)).body.code).toBe('POLICY_TRANSACTION_STALE');
    await runJob();
    const [repriced] = await renewalsOf(G.policy.id);
    expect(repriced).toMatchObject({ id: row.id, status: 'quoted', base_terms_version: 2, version: row.version + 1 });
    expect(Number(repriced.old_annual_premium)).toBe(raised.quote.newAnnualPremium);
    expect(repriced.new_terms.sumInsured).toBe(350_000_00);
    const done = (await act(agent, repriced, 'issue').expect(200)).body;
    expect(done).toMatchObject({ status: 'issued', resultTermsVersion: 3 });
    expect(done.history.map((h: Body) => h.toStatus)).toEqual(['draft', 'quoted', 'quoted', 'issued']);
  });
});

describe('level-premium term life', () => {
  it('renews only at the end of its term, when its version allows; a version without the setting is not offered', async () => {
    const admin = await w.as('admin');
    const renewable = (
      await publishProduct(w.t, admin, { code: 'RNT', name: 'Renewable term', category: 'life', definition: { ...termLife, renewal: { renewable: true, autoRenew: false } } })
    ).id;
    const T = await w.issuedPolicy({ productId: renewable, termYears: 10, age: 30 });
    const plain = await w.issuedPolicy({ productId: w.productId, termYears: 10, age: 30 });
    expect(T.policy.endDate).toBe(plain.policy.endDate);
    // A policy year ends: no renewal.
    at(addDays(T.policy.startDate, 365 - 30));
    await runJob();
    expect(await renewalsOf(T.policy.id)).toHaveLength(0);
    // The term ends: the renewable version offers the next ten years at 40; the other does not.
    const renewal = addDays(T.policy.endDate, 1);
    at(addDays(renewal, -60));
    await runJob();
    const [offer] = await renewalsOf(T.policy.id);
    expect(offer.worksheet.renewal).toMatchObject({ oldAge: 30, newAge: 40, newEndDate: addDays(addMonthsClamped(renewal, 120), -1) });
    expect(await renewalsOf(plain.policy.id)).toHaveLength(0);
  });
});

describe('a trip', () => {
  it('is never offered a renewal, whatever its version says; it expires after its return date', async () => {
    const admin = await w.as('admin');
    const travel = (
      await publishProduct(w.t, admin, { code: 'RNTRIP', name: 'Trip', category: 'travel', definition: { ...singleTripTravel, renewal: { renewable: true, autoRenew: true } } })
    ).id;
    const agent = await w.as('agent');
    const underwriter = await w.as('underwriter');
    const { customer } = await makeCustomer(w.t.app, agent, w.branch, { dateOfBirth: w.f.yearsAgo(35) });
    const trip = { departureDate: addDays(today(), 10), returnDate: addDays(today(), 24), destinationZone: 'europe' };
    const quote = (
      await request(w.t.app)
        .post('/api/quotes')
        .set(agent.auth)
        .send({ customerId: customer.id, productId: travel, coverages: [{ code: 'MEDICAL', sumInsured: 100_000_00 }], trip, paymentFrequency: 'single', save: true })
        .expect(201)
    ).body;
    const draft = (await request(w.t.app).post('/api/orders').set(agent.auth).send({ quoteId: quote.id }).expect(201)).body;
    await w.f.uploadAll(agent, draft);
    const answers = Object.fromEntries(
      singleTripTravel.declarationQuestions.map((q) => [q.code, { answer: q.answerType === 'yes_no' ? false : q.answerType === 'number' ? 0 : 'none' }]),
    );
    const filled = (
      await w.f
        .patch(agent, draft.id, draft.version, {
          beneficiaries: [],
          declarations: answers,
          paymentMethod: { type: 'bank_account', accountNumber: '0012345678', routingNumber: '021000021', holderName: 'Ana Rivera' },
        })
        .expect(200)
    ).body;
    const submitted = (await w.f.step(agent, filled.id, 'submit', filled.version).expect(200)).body;
    const reviewing = await w.f.verifyAll(underwriter, (await w.f.step(underwriter, submitted.id, 'start-review', submitted.version).expect(200)).body);
    const approved = (await w.f.step(underwriter, reviewing.id, 'approve', reviewing.version).expect(200)).body;
    const policyId = approved.policyId as string;

    await runJob();
    expect(await renewalsOf(policyId)).toHaveLength(0);
    at(addDays(trip.returnDate, 1));
    await runJob();
    expect(await renewalsOf(policyId)).toHaveLength(0);
    expect((await get(await w.as('agent'), `/policies/${policyId}`)).status).toBe('expired');
  });
});

describe('a policy that ends before its renewal', () => {
  it('withdraws the open offer when cancelled: a non-renewal with the reason, the agent’s task closed, off the open worklist', async () => {
    at('2027-03-01'); // back before the other renewals, where the world's fixtures (cards, dates) are valid
    const H = await w.issuedPolicy({ productId: healthId, termYears: 1, age: 45 });
    const renewal = addDays(H.policy.endDate, 1);
    at(addDays(renewal, -60));
    await runJob();
    const [offer] = await renewalsOf(H.policy.id);
    expect(offer.status).toBe('quoted');
    expect((await tasksOf(H.policy.id))[0]).toMatchObject({ status: 'open' });

    const agent = await w.as('agent');
    const quoted = (
      await request(w.t.app)
        .post(`/api/policies/${H.policy.id}/transactions`)
        .set(agent.auth)
        .send({ type: 'cancellation', effectiveDate: today(), requestedBy: 'policyholder', reason: 'Moving abroad', cancellationReason: 'customer_request' })
        .expect(201)
    ).body;
    const cancelled = (await act(agent, quoted, 'issue').expect(200)).body;
    const withdrawn = await get(agent, `/policy-transactions/${offer.id}`);
    expect(withdrawn).toMatchObject({
      status: 'discarded',
      changes: { nonRenewal: { requestedBy: 'policyholder', reasonCode: 'no_longer_needed', note: `The policy cancelled from ${today()} (${cancelled.transactionNumber})` } },
    });
    expect(withdrawn.history.at(-1)).toMatchObject({
      fromStatus: 'quoted',
      toStatus: 'discarded',
      reason: `Withdrawn: the policy cancelled from ${today()} (${cancelled.transactionNumber})`,
    });
    expect(await tasksOf(H.policy.id)).toEqual([expect.objectContaining({ status: 'done', outcome: withdrawn.history.at(-1).reason })]);
    const open = await get(agent, '/policies/renewals?status=offered');
    expect(open.items.map((i: Body) => i.policy.id)).not.toContain(H.policy.id);
  });
});

describe('a policy cancelled after its renewal was accepted, before the new term starts', () => {
  it('ends in the current term: the new term never starts, its invoice raised ahead is settled from the returned premium, the ledger balances', async () => {
    at('2027-03-01');
    const K = await w.issuedPolicy({ productId: healthId, termYears: 1, age: 44 });
    const renewal = addDays(K.policy.endDate, 1);
    at(addDays(renewal, -60));
    await runJob();
    const [offer] = await renewalsOf(K.policy.id);
    await act(await w.as('agent'), offer, 'issue').expect(200);
    // Ten days before the new term: its first installment is invoiced ahead (14 days' lead); the customer paid the year so far.
    at(addDays(renewal, -10));
    await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
    const agent = await w.as('agent');
    const yearTwo = await w.t.db('billing_installments').where({ policy_id: K.policy.id, policy_year: 2, sequence: 1 }).first();
    expect(yearTwo.invoice_id).not.toBeNull();
    const before = await w.billingOf(agent, K.policy.id);
    const yearOneOpen = before.invoices.filter((i: Body) => i.id !== yearTwo.invoice_id).reduce((s: number, i: Body) => s + i.openAmount, 0);
    if (yearOneOpen > 0) await w.pay(agent, { policyId: K.policy.id, method: 'bank_transfer', reference: 'BT-K-YEAR1', amount: yearOneOpen, currency: 'USD' }).expect(201);

    const v1 = await get(agent, `/policies/${K.policy.id}?asOf=${today()}`);
    const quoted = (
      await request(w.t.app)
        .post(`/api/policies/${K.policy.id}/transactions`)
        .set(agent.auth)
        .send({ type: 'cancellation', effectiveDate: today(), requestedBy: 'policyholder', reason: 'Moving abroad before the renewal', cancellationReason: 'moved_abroad' })
        .expect(201)
    ).body;
    // Priced on the terms in force today (the first term's premium), not on the next term's.
    expect(quoted.quote.oldAnnualPremium).toBe(v1.annualPremium);
    expect(quoted.quote.cancellation.billed).toBe(v1.annualPremium + Number(yearTwo.amount));
    const cancelled = (await act(agent, quoted, 'issue').expect(200)).body;
    expect(cancelled.status).toBe('issued');
    expect((await get(agent, `/policies/${K.policy.id}`)).status).toBe('cancelled');
    // The new term's invoice is paid off by the premium returned; nothing of it is owed.
    const after = await w.billingOf(agent, K.policy.id);
    expect(after.invoices.find((i: Body) => i.id === yearTwo.invoice_id).openAmount).toBe(0);
    expect(after.amountDue).toBe(0);
    expect(after.credit).toBe(-quoted.quote.premiumDelta - Number(yearTwo.amount));
    for (const t of await w.trialTotals()) expect(t.debits).toBe(t.credits);
    // No later installment of the new term is ever invoiced.
    at(addDays(renewal, 40));
    await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
    expect(await w.t.db('billing_installments').where({ policy_id: K.policy.id, policy_year: 2 }).whereNotNull('invoice_id')).toHaveLength(1);
  });
});
