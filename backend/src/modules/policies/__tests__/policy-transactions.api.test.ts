// Endorsements end to end on a real PostgreSQL: quoted on the policy's own product version with a
// worksheet and a pro-rata amount, issued as a new version of the terms (with If-Match, once, and
// never over another change issued meanwhile), read back as of a date, billed through the ledger (an
// invoice for an increase, credit for a decrease) — and the illegal cases: dates outside the term or
// the policy year, backdating by an agent, changes that need an underwriter, another branch.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { addDays } from '../../../platform/calendar';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { publishProduct } from '../../../../test/support/factories';
import { addMonthsClamped } from '../../../platform/calendar';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { wholeLife } from '../../../../../seeds/reference/catalog/whole-life';
import { InvoiceService } from '../../billing/invoices.service';
import { policyYearOf, premiumBetween, proRataChange } from '../pro-rata';
import { basisPointsOf } from '../policy-transactions.service';

let w: BillingWorld;
const USD = 'USD';
type Body = request.Response['body'];

beforeAll(async () => {
  w = await billingWorld('policydesk_endorse', { startAt: '2027-01-11T10:00:00Z' });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const today = () => w.t.clock.businessDate();
const quote = (session: Session, policyId: string, body: object) => request(w.t.app).post(`/api/policies/${policyId}/transactions`).set(session.auth).send(body);
const act = (session: Session, tx: { id: string; version: number }, action: 'issue' | 'discard', body: object = {}) =>
  request(w.t.app).post(`/api/policy-transactions/${tx.id}/${action}`).set(session.auth).set('If-Match', `"${tx.version}"`).send(body);
const policyOf = async (session: Session, id: string, asOf?: string): Promise<Body> =>
  (
    await request(w.t.app)
      .get(`/api/policies/${id}${asOf ? `?asOf=${asOf}` : ''}`)
      .set(session.auth)
      .expect(200)
  ).body;
const endorsement = (changes: object, effectiveDate = today(), extra: object = {}) => ({
  type: 'endorsement',
  effectiveDate,
  requestedBy: 'policyholder',
  reason: 'Customer called',
  changes,
  ...extra,
});
const raiseDeath = (sumInsured: number) => ({
  coverages: [
    { code: 'DEATH', sumInsured },
    { code: 'ADB', sumInsured: 50_000_00 },
  ],
});

async function expectLedgerBalanced() {
  for (const row of await w.trialTotals()) expect(row.debits).toBe(row.credits);
}

describe('raising a sum insured', () => {
  let issued: IssuedPolicy;
  let agent: Session;
  let quoted: Body;

  beforeAll(async () => {
    issued = await w.issuedPolicy();
    agent = await w.as('agent');
  });

  it('quotes the change with its worksheet and the pro-rata amount, and changes nothing yet', async () => {
    const before = await policyOf(agent, issued.policy.id);
    quoted = (await quote(agent, issued.policy.id, endorsement(raiseDeath(300_000_00))).expect(201)).body;
    expect(quoted).toMatchObject({ transactionNumber: expect.stringMatching(/^PT-\d{6}$/), type: 'endorsement', status: 'quoted', baseTermsVersion: 1, resultTermsVersion: null });
    expect(quoted.history.map((h: Body) => h.toStatus)).toEqual(['draft', 'quoted']);
    expect(quoted.quote.oldAnnualPremium).toBe(before.annualPremium);
    expect(quoted.quote.newAnnualPremium).toBeGreaterThan(before.annualPremium);
    expect(quoted.quote.worksheet.at(-1).kind).toBe('rounding');
    const year = policyYearOf(before.startDate, before.endDate, today());
    expect(quoted.quote.policyYear).toEqual({ number: 1, from: year.from, to: year.to, days: year.days });
    const expected = proRataChange(before.annualPremium, quoted.quote.newAnnualPremium, year, today());
    expect(quoted.quote).toMatchObject(expected);
    expect(quoted.quote.premiumDelta).toBeGreaterThan(0);
    expect(quoted.newTerms.sumInsured).toBe(350_000_00);
    // Nothing changed on the policy.
    expect(await policyOf(agent, issued.policy.id)).toMatchObject({ sumInsured: before.sumInsured, annualPremium: before.annualPremium, terms: { version: 1, latestVersion: 1 } });
  });

  it('issues it: version 2 of the terms, an invoice for the pro-rata amount posted to the ledger, history and audit', async () => {
    await act(agent, { ...quoted, version: quoted.version + 5 }, 'issue').expect(412);
    const done = (await act(agent, quoted, 'issue').expect(200)).body;
    expect(done).toMatchObject({ status: 'issued', resultTermsVersion: 2, issuedBy: { id: expect.any(String) } });
    expect(done.billingEffect).toMatchObject({ kind: 'invoice', amount: quoted.quote.premiumDelta, invoice: { invoiceNumber: expect.stringMatching(/^I-/) } });
    expect(done.history.map((h: Body) => h.toStatus)).toEqual(['draft', 'quoted', 'issued']);

    const policy = await policyOf(agent, issued.policy.id);
    expect(policy).toMatchObject({ sumInsured: 350_000_00, annualPremium: quoted.quote.newAnnualPremium, terms: { version: 2, latestVersion: 2, effectiveFrom: today() } });

    const billing = await w.billingOf(agent, issued.policy.id);
    const invoice = billing.invoices.find((i: Body) => i.id === done.billingEffect.invoice.id);
    expect(invoice.lines).toEqual([expect.objectContaining({ kind: 'endorsement', amount: quoted.quote.premiumDelta })]);
    expect(invoice.openAmount).toBe(quoted.quote.premiumDelta);
    const [entry] = await w.entriesOf('invoice', invoice.id);
    expect(entry.external_id).toBe(`policy-transaction:${quoted.id}:billed`);
    await expectLedgerBalanced();

    const audit = await w.t.db('audit_log').where({ entity_id: issued.policy.id }).whereIn('action', ['policy.transaction_quote', 'policy.transaction_issue']).orderBy('id');
    expect(audit.map((a) => a.action)).toEqual(['policy.transaction_quote', 'policy.transaction_issue']);

    // The schedule of the new terms, kept beside version 1's.
    const schedules = (await request(w.t.app).get(`/api/policies/${issued.policy.id}/schedules`).set(agent.auth).expect(200)).body.items;
    expect(schedules.map((v: Body) => v.version)).toEqual([2, 1]);

    // Issued is final: again → 409; the versions list shows both.
    expect((await act(agent, done, 'issue').expect(409)).body.code).toBe('POLICY_TRANSACTION_NOT_OPEN');
    const versions = (await request(w.t.app).get(`/api/policies/${issued.policy.id}/versions`).set(agent.auth).expect(200)).body.items;
    expect(versions.map((v: Body) => [v.version, v.transaction?.transactionNumber ?? null])).toEqual([
      [2, done.transactionNumber],
      [1, null],
    ]);
  });

  it('the database refuses to change an issued transaction or a version', async () => {
    await expect(w.t.db('policy_transactions').where({ id: quoted.id }).update({ reason: 'rewritten' })).rejects.toThrow(/cannot change/);
    // The app's role may not even try; the owner is stopped by the trigger.
    await expect(w.t.db('policy_versions').where({ policy_id: issued.policy.id }).update({ annual_premium: 1 })).rejects.toThrow(/permission denied/);
    await expect(w.t.ownerDb('policy_versions').where({ policy_id: issued.policy.id }).update({ annual_premium: 1 })).rejects.toThrow(/append-only/);
  });
});

describe('terms as of a date', () => {
  it('returns the version in force on each date; before the start is a 400', async () => {
    const issued = await w.issuedPolicy();
    const start = (await policyOf(await w.as('agent'), issued.policy.id)).startDate;
    w.t.clock.set(`${addDays(start, 40)}T10:00:00Z`);
    const agent = await w.as('agent');
    const tx = (await quote(agent, issued.policy.id, endorsement(raiseDeath(260_000_00))).expect(201)).body;
    await act(agent, tx, 'issue').expect(200);
    expect(await policyOf(agent, issued.policy.id, addDays(start, 10))).toMatchObject({
      sumInsured: 300_000_00,
      terms: { version: 1, latestVersion: 2, asOf: addDays(start, 10) },
    });
    expect(await policyOf(agent, issued.policy.id, today())).toMatchObject({ sumInsured: 310_000_00, terms: { version: 2 } });
    const early = await request(w.t.app)
      .get(`/api/policies/${issued.policy.id}?asOf=${addDays(start, -1)}`)
      .set(agent.auth)
      .expect(400);
    expect(early.body.errors).toEqual([expect.objectContaining({ path: 'asOf' })]);
    await request(w.t.app).get(`/api/policies/${issued.policy.id}?asOf=2027-02-30`).set(agent.auth).expect(400);
  });
});

describe('lowering the premium and other changes', () => {
  it('removing an optional coverage returns the pro-rata premium as credit, through the ledger', async () => {
    const issued = await w.issuedPolicy();
    const agent = await w.as('agent');
    const creditBefore = await w.balance({ kind: 'customer_credit', owner: issued.customer.id, currency: USD });
    const tx = (await quote(agent, issued.policy.id, endorsement({ coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }] })).expect(201)).body;
    expect(tx.quote.premiumDelta).toBeLessThan(0);
    const done = (await act(agent, tx, 'issue').expect(200)).body;
    expect(done.billingEffect).toMatchObject({ kind: 'credit', amount: -tx.quote.premiumDelta });
    const [entry] = await w.entriesOf('policy_transaction', tx.id);
    const postings = await w.postingsOf(entry.id);
    expect(postings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'unearned_premium', direction: 'debit', amount: -tx.quote.premiumDelta }),
        expect.objectContaining({ kind: 'customer_credit', direction: 'credit', amount: -tx.quote.premiumDelta }),
      ]),
    );
    // The credit paid what was open (the first installment) and the rest stays the customer's.
    const billing = await w.billingOf(agent, issued.policy.id);
    const applied = billing.invoices.reduce((sum: number, i: Body) => sum + (i.total - i.openAmount), 0);
    const creditAfter = await w.balance({ kind: 'customer_credit', owner: issued.customer.id, currency: USD });
    expect(applied + (creditAfter - creditBefore)).toBe(-tx.quote.premiumDelta);
    await expectLedgerBalanced();
  });

  it('monthly to annual: re-rated without the frequency loading; the new installments start at the next anniversary', async () => {
    const issued = await w.issuedPolicy();
    const agent = await w.as('agent');
    const tx = (await quote(agent, issued.policy.id, endorsement({ paymentFrequency: 'annual' })).expect(201)).body;
    expect(tx.newTerms.installments.count).toBe(1);
    expect(tx.quote.newAnnualPremium).toBeLessThan(tx.quote.oldAnnualPremium);
    const done = (await act(agent, tx, 'issue').expect(200)).body;
    expect(done.billingEffect.newInstallmentsFrom).toBe(tx.quote.policyYear.to);
    const plan = await w.t.db('billing_policies').where({ policy_id: issued.policy.id }).first();
    expect(plan).toMatchObject({ payment_frequency: 'annual', installment_count: 1 });
    expect(Number(plan.annual_premium)).toBe(tx.quote.newAnnualPremium);
  });

  it('a customer who stopped smoking: re-rated on the same entry age', async () => {
    const issued = await w.issuedPolicy();
    const agent = await w.as('agent');
    const smoker = (await quote(agent, issued.policy.id, endorsement({ smoker: true })).expect(201)).body;
    expect(smoker.quote.newAnnualPremium).toBeGreaterThan(smoker.quote.oldAnnualPremium);
    expect(smoker.quote.worksheet.find((s: Body) => s.table === 'SMOKER')).toMatchObject({ row: 'yes' });
    // Already a non-smoker: nothing would change.
    expect((await quote(agent, issued.policy.id, endorsement({ smoker: false })).expect(400)).body.errors).toEqual([expect.objectContaining({ path: 'changes' })]);
  });

  it('beneficiaries change without re-rating and without billing; shares must add up', async () => {
    const issued = await w.issuedPolicy();
    const agent = await w.as('agent');
    const bad = await quote(agent, issued.policy.id, endorsement({ beneficiaries: [{ name: 'Ann Lee', relationship: 'child', share: 60, tier: 'primary' }] })).expect(400);
    expect(bad.body.errors[0].path).toMatch(/^changes\.beneficiaries/);
    const beneficiaries = [
      { name: 'Ann Lee', relationship: 'child', share: 50, tier: 'primary' },
      { name: 'Bo Lee', relationship: 'child', share: 50, tier: 'primary' },
    ];
    const tx = (await quote(agent, issued.policy.id, endorsement({ beneficiaries })).expect(201)).body;
    expect(tx.quote).toMatchObject({ worksheet: [], premiumDelta: 0 });
    const done = (await act(agent, tx, 'issue').expect(200)).body;
    expect(done.billingEffect.kind).toBe('none');
    expect((await policyOf(agent, issued.policy.id)).beneficiaries).toEqual(beneficiaries);
  });
});

describe('what is refused', () => {
  let issued: IssuedPolicy;
  let start: string;

  beforeAll(async () => {
    issued = await w.issuedPolicy();
    start = (await policyOf(await w.as('agent'), issued.policy.id)).startDate;
    w.t.clock.set(`${addDays(start, 45)}T10:00:00Z`);
  });

  const errorPath = (res: request.Response) => res.body.errors?.[0]?.path;

  it('dates outside the term, more than 30 days back, or before the newest terms', async () => {
    const agent = await w.as('agent');
    const senior = await w.as('senior_agent');
    expect(errorPath(await quote(senior, issued.policy.id, endorsement(raiseDeath(260_000_00), addDays(start, -1))).expect(400))).toBe('effectiveDate');
    expect(errorPath(await quote(senior, issued.policy.id, endorsement(raiseDeath(260_000_00), addDays(today(), -31))).expect(400))).toBe('effectiveDate');
    // A 20-year term: a date in a later policy year is for the renewal, not an endorsement.
    expect(errorPath(await quote(agent, issued.policy.id, endorsement(raiseDeath(260_000_00), addDays(start, 400))).expect(400))).toBe('effectiveDate');
    expect(errorPath(await quote(agent, issued.policy.id, endorsement(raiseDeath(260_000_00), '2027-13-01')).expect(400))).toBe('effectiveDate');
  });

  it('backdating needs a senior agent or a manager', async () => {
    const agent = await w.as('agent');
    const senior = await w.as('senior_agent');
    const refused = await quote(agent, issued.policy.id, endorsement(raiseDeath(260_000_00), addDays(today(), -5))).expect(403);
    expect(refused.body.code).toBe('BACKDATING_NOT_ALLOWED');
    await quote(senior, issued.policy.id, endorsement(raiseDeath(260_000_00), addDays(today(), -5))).expect(201);
  });

  it('a change the product does not allow is refused with its reasons', async () => {
    const agent = await w.as('agent');
    const offStep = await quote(agent, issued.policy.id, endorsement(raiseDeath(255_000_00))).expect(409);
    expect(offStep.body).toMatchObject({ code: 'POLICY_TRANSACTION_NOT_ELIGIBLE', reasons: [expect.objectContaining({ code: expect.any(String) })] });
  });

  it('who may: underwriters read but do not change; another branch does not see the policy', async () => {
    const underwriter = await w.as('underwriter');
    await quote(underwriter, issued.policy.id, endorsement(raiseDeath(260_000_00))).expect(403);
    const elsewhere = await w.as('agent', w.otherBranch);
    await quote(elsewhere, issued.policy.id, endorsement(raiseDeath(260_000_00))).expect(404);
    const mine = (await quote(await w.as('agent'), issued.policy.id, endorsement(raiseDeath(260_000_00))).expect(201)).body;
    await request(w.t.app).get(`/api/policy-transactions/${mine.id}`).set(elsewhere.auth).expect(404);
    await act(elsewhere, mine, 'issue').expect(404);
  });

  it('bad bodies: no change, unknown fields, a NUL byte in the reason', async () => {
    const agent = await w.as('agent');
    expect((await quote(agent, issued.policy.id, endorsement({})).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await quote(agent, issued.policy.id, endorsement({ colour: 'blue' })).expect(400);
    await quote(agent, issued.policy.id, endorsement(raiseDeath(260_000_00), today(), { reason: 'a\u0000b' })).expect(400);
    await quote(agent, issued.policy.id, { ...endorsement(raiseDeath(260_000_00)), type: 'renewal' }).expect(400);
  });

  it('two changes quoted on the same terms: the first issued wins, the second must be quoted again', async () => {
    const agent = await w.as('agent');
    const a = (await quote(agent, issued.policy.id, endorsement(raiseDeath(270_000_00))).expect(201)).body;
    const b = (await quote(agent, issued.policy.id, endorsement(raiseDeath(280_000_00))).expect(201)).body;
    const results = await Promise.all([act(agent, a, 'issue'), act(agent, b, 'issue')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('POLICY_TRANSACTION_STALE');
    const policy = await policyOf(agent, issued.policy.id);
    expect(policy.terms.latestVersion).toBe(2);
    await expectLedgerBalanced();
  });

  it('a discarded change cannot be issued', async () => {
    const agent = await w.as('agent');
    const tx = (await quote(agent, issued.policy.id, endorsement(raiseDeath(290_000_00))).expect(201)).body;
    await act(agent, tx, 'discard', { reason: 'x' }).expect(400);
    const discarded = (await act(agent, tx, 'discard', { reason: 'Customer changed their mind' }).expect(200)).body;
    expect(discarded.status).toBe('discarded');
    expect((await act(agent, discarded, 'issue').expect(409)).body.code).toBe('POLICY_TRANSACTION_NOT_OPEN');
    const list = (await request(w.t.app).get(`/api/policies/${issued.policy.id}/transactions`).set(agent.auth).expect(200)).body.items;
    expect(list.map((t: Body) => t.id)).toContain(tx.id);
  });
});

describe('cancellation', () => {
  const cancel = (session: Session, policyId: string, extra: object = {}) =>
    quote(session, policyId, {
      type: 'cancellation',
      effectiveDate: today(),
      requestedBy: 'policyholder',
      reason: 'Customer no longer needs the cover',
      cancellationReason: 'customer_request',
      ...extra,
    });
  const raiseInvoices = () => new InvoiceService(w.t.db, w.t.clock, w.ledger, w.t.services.audit, w.t.services.customerProfiles, 14).raiseDue();
  const invoicedTotal = async (policyId: string, year?: number) => {
    const q = w.t.db('billing_installments').where({ policy_id: policyId }).whereNotNull('invoice_id');
    if (year) q.where({ policy_year: year });
    return Number((await q.sum('amount as total'))[0].total ?? 0);
  };

  it('in the free-look period: the whole premium billed comes back, what was paid becomes credit, nothing more is invoiced', async () => {
    const issued = await w.issuedPolicy();
    const agent = await w.as('agent');
    await raiseInvoices();
    const before = await w.billingOf(agent, issued.policy.id);
    const paid = before.invoices.reduce((sum: number, i: Body) => sum + i.openAmount, 0);
    await w.pay(agent, { policyId: issued.policy.id, method: 'cash', amount: paid, currency: USD }).expect(201);
    const billed = await invoicedTotal(issued.policy.id);

    const tx = (await cancel(agent, issued.policy.id).expect(201)).body;
    expect(tx).toMatchObject({ type: 'cancellation', status: 'quoted', changes: { cancellationReason: 'customer_request' }, newTerms: null });
    expect(tx.quote.cancellation).toMatchObject({ freeLook: true, billed, earned: 0 });
    expect(tx.quote.premiumDelta).toBe(-billed);

    const creditBefore = await w.balance({ kind: 'customer_credit', owner: issued.customer.id, currency: USD });
    const done = (await act(agent, tx, 'issue').expect(200)).body;
    expect(done.billingEffect).toMatchObject({ kind: 'credit', amount: billed });
    const policy = await policyOf(agent, issued.policy.id);
    expect(policy.status).toBe('cancelled');
    expect(policy.history.at(-1)).toMatchObject({ fromStatus: 'active', toStatus: 'cancelled' });
    // Everything paid is the customer's again (to refund through billing); nothing is owed.
    expect(await w.balance({ kind: 'customer_credit', owner: issued.customer.id, currency: USD })).toBe(creditBefore + paid);
    expect((await w.billingOf(agent, issued.policy.id)).invoices.every((i: Body) => i.openAmount === 0)).toBe(true);
    await expectLedgerBalanced();

    // Months later the invoice job raises nothing more for it, and it cannot be changed again.
    const invoicesBefore = (await w.billingOf(agent, issued.policy.id)).invoices.length;
    w.t.clock.set(`${addDays(today(), 90)}T10:00:00Z`);
    await raiseInvoices();
    const later = await w.as('agent');
    expect((await w.billingOf(later, issued.policy.id)).invoices).toHaveLength(invoicesBefore);
    expect((await cancel(later, issued.policy.id).expect(409)).body.code).toBe('POLICY_NOT_SERVICEABLE');
    expect((await quote(later, issued.policy.id, endorsement(raiseDeath(260_000_00))).expect(409)).body.code).toBe('POLICY_NOT_SERVICEABLE');
  });

  it('after the free look: the premium billed for the year against the premium earned to the date, pro rata by days', async () => {
    const issued = await w.issuedPolicy();
    const start = (await policyOf(await w.as('agent'), issued.policy.id)).startDate;
    w.t.clock.set(`${addDays(start, 75)}T10:00:00Z`);
    await raiseInvoices();
    const agent = await w.as('agent');
    const policy = await policyOf(agent, issued.policy.id);
    const year = policyYearOf(policy.startDate, policy.endDate, today());
    const billed = await invoicedTotal(issued.policy.id, 1);
    const earned = premiumBetween(policy.annualPremium, year, year.from, today());

    const tx = (await cancel(agent, issued.policy.id).expect(201)).body;
    expect(tx.quote.cancellation).toMatchObject({ freeLook: false, billed, earned });
    expect(tx.quote.premiumDelta).toBe(earned - billed);
    const done = (await act(agent, tx, 'issue').expect(200)).body;
    expect(done.billingEffect.kind).toBe(earned > billed ? 'invoice' : earned < billed ? 'credit' : 'none');
    expect(done.billingEffect.amount).toBe(Math.abs(earned - billed));
    await expectLedgerBalanced();
  });

  it('for cause (misrepresentation, fraud): managers only, and it is the insurer’s', async () => {
    const issued = await w.issuedPolicy();
    const forCause = { cancellationReason: 'misrepresentation', requestedBy: 'insurer' };
    await cancel(await w.as('senior_agent'), issued.policy.id, forCause).expect(403);
    const manager = await w.as('manager');
    expect((await cancel(manager, issued.policy.id, { cancellationReason: 'fraud' }).expect(400)).body.errors[0].path).toBe('requestedBy');
    await cancel(manager, issued.policy.id, forCause).expect(201);
    await cancel(manager, issued.policy.id, { cancellationReason: 'bored' }).expect(400);
  });
});

describe('a change that needs an underwriter', () => {
  it('waits as a draft with its referral; an underwriter within their limit (not the requester) accepts it, then it is issued', async () => {
    const issued = await w.issuedPolicy();
    const agent = await w.as('agent');
    // The medical evidence limit (500,000) is crossed: the product's rules ask for exams.
    const draft = (await quote(agent, issued.policy.id, endorsement(raiseDeath(600_000_00))).expect(201)).body;
    expect(draft).toMatchObject({
      status: 'draft',
      referral: { status: 'pending', medicalExams: expect.arrayContaining([expect.objectContaining({ exam: 'paramedical' })]), decidedBy: null },
    });
    expect(draft.quote.premiumDelta).toBeGreaterThan(0);
    expect((await act(agent, draft, 'issue').expect(409)).body.code).toBe('POLICY_TRANSACTION_REFERRED');

    const underwriter = await w.as('underwriter');
    const queue = (await request(w.t.app).get('/api/policy-transactions?referral=pending').set(underwriter.auth).expect(200)).body.items;
    expect(queue.map((t: Body) => t.id)).toContain(draft.id);
    await request(w.t.app).get('/api/policy-transactions?referral=pending').set(agent.auth).expect(403);
    const decide = (session: Session, tx: Body, decision: string, note = 'Medical evidence seen and acceptable') =>
      request(w.t.app).post(`/api/policy-transactions/${tx.id}/referral`).set(session.auth).set('If-Match', `"${tx.version}"`).send({ decision, note });
    // 650,000 in all is above the underwriter's 350,000 limit.
    expect((await decide(underwriter, draft, 'accept').expect(403)).body.code).toBe('APPROVAL_LIMIT_EXCEEDED');
    await w.t
      .db('approval_limits')
      .insert({ role: 'manager', kind: 'order_sum_insured', currency: USD, max_amount: 2_000_000_00, revision: 1, updated_at: new Date() })
      .onConflict()
      .ignore();
    const { session: manager, userId: managerId } = await w.userAs('manager');
    await decide(manager, draft, 'accept', 'x').expect(400);
    const accepted = (await decide(manager, draft, 'accept').expect(200)).body;
    expect(accepted).toMatchObject({ status: 'quoted', referral: { status: 'accepted', decidedBy: { id: managerId }, note: 'Medical evidence seen and acceptable' } });
    expect((await decide(manager, accepted, 'accept').expect(409)).body.code).toBe('POLICY_TRANSACTION_NOT_REFERRED');
    const done = (await act(agent, accepted, 'issue').expect(200)).body;
    expect(done.status).toBe('issued');
    expect((await policyOf(agent, issued.policy.id)).sumInsured).toBe(650_000_00);
  });

  it('the requester cannot decide their own referral; a declined one is discarded', async () => {
    const issued = await w.issuedPolicy();
    const { session: manager } = await w.userAs('manager');
    const draft = (await quote(manager, issued.policy.id, endorsement(raiseDeath(600_000_00))).expect(201)).body;
    const decide = (session: Session, decision: string) =>
      request(w.t.app)
        .post(`/api/policy-transactions/${draft.id}/referral`)
        .set(session.auth)
        .set('If-Match', `"${draft.version}"`)
        .send({ decision, note: 'Not without a full medical' });
    expect((await decide(manager, 'decline').expect(409)).body.code).toBe('FOUR_EYES');
    const declined = (await decide(await w.as('underwriter'), 'decline').expect(200)).body;
    expect(declined).toMatchObject({ status: 'discarded', referral: { status: 'declined' } });
  });
});

describe('cash value', () => {
  it('is read on any date from the product version’s table, for the sum insured in force; products without one say so', async () => {
    // A fresh admin login: earlier tests moved the clock past the world's admin token.
    const product = await publishProduct(w.t, await w.as('admin'), {
      code: 'CVT',
      name: 'Term with cash values',
      category: 'life',
      definition: { ...termLife, cashValues: wholeLife.cashValues },
    });
    const issued = await w.issuedPolicy({ productId: product.id });
    const agent = await w.as('agent');
    const policy = await policyOf(agent, issued.policy.id);
    const read = (id: string, asOf?: string) =>
      request(w.t.app)
        .get(`/api/policies/${id}/cash-value${asOf ? `?asOf=${asOf}` : ''}`)
        .set(agent.auth);
    // 250,000 of death benefit; 39.60 per 1,000 after three years.
    expect((await read(issued.policy.id, addMonthsClamped(policy.startDate, 36)).expect(200)).body).toMatchObject({
      coverage: 'DEATH',
      sumInsured: 250_000_00,
      monthsInForce: 36,
      policyYear: 4,
      perThousand: '39.6',
      cashValue: 9_900_00,
      currency: USD,
    });
    expect((await read(issued.policy.id).expect(200)).body.cashValue).toBe(0);
    expect((await read(issued.policy.id, addDays(policy.startDate, -1)).expect(400)).body.errors[0].path).toBe('asOf');
    const plain = await w.issuedPolicy();
    expect((await read(plain.policy.id).expect(409)).body.code).toBe('POLICY_NO_CASH_VALUE');
    await request(w.t.app)
      .get(`/api/policies/${issued.policy.id}/cash-value`)
      .set((await w.as('agent', w.otherBranch)).auth)
      .expect(404);
  });
});

describe('surrender', () => {
  it('pays the cash value less the year’s surrender charge, within the approver’s surrender_amount limit, and ends the policy', async () => {
    const product = await publishProduct(w.t, await w.as('admin'), {
      code: 'CVS',
      name: 'Whole life (surrender test)',
      category: 'life',
      definition: { ...termLife, cashValues: wholeLife.cashValues, servicing: { surrenderChargeBasisPoints: [1000, 800, 600, 400, 200] } },
    });
    const issued = await w.issuedPolicy({ productId: product.id });
    const plain = await w.issuedPolicy();
    const start = (await policyOf(await w.as('agent'), issued.policy.id)).startDate;
    // Into the third policy year: 25 months in force.
    w.t.clock.set(`${addMonthsClamped(start, 25)}T10:00:00Z`);
    const agent = await w.as('agent');
    const body = { type: 'surrender', effectiveDate: today(), requestedBy: 'policyholder', reason: 'Customer needs the money' };
    const cash = (await request(w.t.app).get(`/api/policies/${issued.policy.id}/cash-value`).set(agent.auth).expect(200)).body;
    const quoted = (await quote(agent, issued.policy.id, body).expect(201)).body;
    const charge = basisPointsOf(cash.cashValue, 600);
    expect(quoted.quote.surrender).toEqual({
      coverage: 'DEATH',
      monthsInForce: 25,
      policyYear: 3,
      cashValue: cash.cashValue,
      chargeBasisPoints: 600,
      charge,
      surrenderValue: cash.cashValue - charge,
    });
    expect(quoted.quote.cancellation.freeLook).toBe(false);
    expect((await quote(agent, plain.policy.id, body).expect(409)).body.code).toBe('POLICY_NO_CASH_VALUE');

    // Whoever quoted cannot approve; another agent has no surrender_amount limit; a manager's must cover the value.
    expect((await act(agent, quoted, 'issue').expect(409)).body.code).toBe('FOUR_EYES');
    expect((await act(await w.as('agent'), quoted, 'issue').expect(403)).body.code).toBe('APPROVAL_LIMIT_EXCEEDED');
    const limit = (max: number) =>
      w.t
        .db('approval_limits')
        .insert({ role: 'manager', kind: 'surrender_amount', currency: USD, max_amount: max, revision: 1, updated_at: new Date() })
        .onConflict(['role', 'kind', 'currency'])
        .merge();
    await limit(100_00);
    const manager = await w.userAs('manager');
    expect((await act(manager.session, quoted, 'issue').expect(403)).body.code).toBe('APPROVAL_LIMIT_EXCEEDED');
    await limit(1_000_000_00);
    const ownQuote = (await quote(manager.session, issued.policy.id, body).expect(201)).body;
    expect((await act(manager.session, ownQuote, 'issue').expect(409)).body.code).toBe('FOUR_EYES');

    const creditBefore = await w.balance({ kind: 'customer_credit', owner: issued.customer.id, currency: USD });
    const owedBefore = (await w.billingOf(agent, issued.policy.id)).amountDue;
    const done = (await act(manager.session, quoted, 'issue').expect(200)).body;
    expect(done).toMatchObject({ status: 'issued', type: 'surrender', billingEffect: { kind: 'credit', amount: cash.cashValue - charge } });
    const after = await policyOf(agent, issued.policy.id);
    expect(after.status).toBe('surrendered');
    expect(after.history.at(-1)).toMatchObject({ fromStatus: 'active', toStatus: 'surrendered' });
    const [entry] = await w.entriesOf('policy_transaction', quoted.id).then((rows) => rows.filter((r) => r.external_id.endsWith(':surrender')));
    expect(entry).toBeDefined();
    expect((await w.postingsOf(entry.id)).map((p) => [p.kind, p.direction, Number(p.amount)])).toEqual(
      expect.arrayContaining([
        ['surrender_benefits', 'debit', cash.cashValue - charge],
        ['customer_credit', 'credit', cash.cashValue - charge],
      ]),
    );
    // What the customer owed was paid from the value first; the rest is their credit, to refund.
    const creditAfter = await w.balance({ kind: 'customer_credit', owner: issued.customer.id, currency: USD });
    const owedAfter = (await w.billingOf(agent, issued.policy.id)).amountDue;
    // The customer's net position (credit − owed) moves by the surrender value less the premium settlement (earned − billed).
    expect(creditAfter - creditBefore - (owedAfter - owedBefore)).toBe(cash.cashValue - charge - done.quote.premiumDelta);
    expect(owedAfter === 0 || creditAfter === 0).toBe(true);
    await expectLedgerBalanced();
    expect((await quote(agent, issued.policy.id, body).expect(409)).body.code).toBe('POLICY_NOT_SERVICEABLE');
  });
});

describe('cancellation terms of the product version', () => {
  it('applies its own free-look days, short rate and fee to a customer’s cancellation, not to the insurer’s', async () => {
    const product = await publishProduct(w.t, await w.as('admin'), {
      code: 'SRT',
      name: 'Term with short rate',
      category: 'life',
      definition: { ...termLife, servicing: { freeLookDays: 10, shortRatePenaltyBasisPoints: 1000, cancellationFee: 25_00 } },
    });
    const issued = await w.issuedPolicy({ productId: product.id });
    const policy = await policyOf(await w.as('agent'), issued.policy.id);
    // Day 11 after issue: past this product's 10-day free look (the default would be 30).
    w.t.clock.set(`${addDays(today(), 11)}T10:00:00Z`);
    const agent = await w.as('agent');
    const body = (requestedBy: string, cancellationReason: string) => ({
      type: 'cancellation',
      effectiveDate: today(),
      requestedBy,
      reason: 'Asked to cancel',
      cancellationReason,
    });
    const customer = (await quote(agent, issued.policy.id, body('policyholder', 'affordability')).expect(201)).body.quote;
    const year = policyYearOf(policy.startDate, policy.endDate, today());
    const unearned = premiumBetween(policy.annualPremium, year, today(), year.to);
    expect(customer.cancellation).toMatchObject({ freeLook: false, shortRatePenalty: basisPointsOf(unearned, 1000), fee: 25_00 });
    expect(customer.premiumDelta).toBe(customer.cancellation.earned + basisPointsOf(unearned, 1000) + 25_00 - customer.cancellation.billed);
    // The insurer's cancellation for cause: pro rata, no short rate and no fee.
    const insurer = (await quote(await w.as('manager'), issued.policy.id, body('insurer', 'misrepresentation')).expect(201)).body.quote;
    expect(insurer.cancellation).toMatchObject({ freeLook: false, shortRatePenalty: 0, fee: 0 });
    expect(insurer.premiumDelta).toBe(insurer.cancellation.earned - insurer.cancellation.billed);
  });
});
