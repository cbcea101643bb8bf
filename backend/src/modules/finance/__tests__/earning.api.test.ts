// The daily earning job on a real PostgreSQL (a database of its own): invoices write premium to the
// unearned premium reserve with the days they cover; the job moves each day's share to premium
// income once — run twice or by two workers at once — catches up after downtime day by day, and a
// cancellation's returned premium leaves the reserve so that, over the policy's life, earned = written.
import request from 'supertest';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { addDays } from '../../../platform/calendar';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { InvoiceService } from '../../billing/invoices.service';
import { EARN_PREMIUM_JOB } from '..';
import { earnedBy } from '../earning';
import { EarningService } from '../earning.service';

let w: BillingWorld;
let earning: EarningService;
let issued: IssuedPolicy;
const USD = 'USD';
type Body = request.Response['body'];

beforeAll(async () => {
  w = await billingWorld('policydesk_earning', { startAt: '2027-01-11T10:00:00Z' });
  earning = new EarningService(w.t.db, w.t.clock, w.ledger, w.t.services.billing);
  issued = await w.issuedPolicy();
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const today = () => w.t.clock.businessDate();
const raiseInvoices = () => new InvoiceService(w.t.db, w.t.clock, w.ledger, w.t.services.audit, w.t.services.customerProfiles, 14).raiseDue();
const writings = async () =>
  (await w.t.db('premium_writings').orderBy('id')).map((r) => ({
    amount: Number(r.amount),
    from: r.covered_from as string,
    to: r.covered_to as string,
    entryId: r.ledger_entry_id as string,
  }));
/** What the writings have earned by the end of `day`, by the pure arithmetic (earning.ts). */
const expectedEarned = async (day: string) => (await writings()).reduce((sum, wr) => sum + earnedBy(wr, day), 0);
const income = () => w.balance({ kind: 'premium_income', currency: USD });
const reserve = () => w.balance({ kind: 'unearned_premium', currency: USD });
const earningEntries = () => w.t.db('journal_entries').where({ source_type: 'earning' }).orderBy('effective_date');
const earnedDays = async () => (await w.t.db('premium_earning_days').orderBy('day')).map((r) => r.day as string);

describe('the daily earning job', () => {
  it('an invoice writes its premium to the reserve over the days it pays for; nothing is income when billed', async () => {
    await raiseInvoices();
    const written = await writings();
    expect(written.length).toBeGreaterThan(0);
    const first = written[0]!;
    // The first installment is due on the start date and pays for the days up to the next one.
    expect(first.from).toBe(issued.policy.startDate);
    expect(first.to >= first.from).toBe(true);
    const postings = await w.postingsOf(first.entryId);
    expect(postings.map((p) => [p.kind, p.direction, Number(p.amount)])).toEqual(
      expect.arrayContaining([
        ['premium_receivable', 'debit', first.amount],
        ['unearned_premium', 'credit', first.amount],
      ]),
    );
    expect(await income()).toBe(0);
    expect(await reserve()).toBe(written.reduce((s, wr) => s + wr.amount, 0));
  });

  it('earns each day from the reserve to premium income; run twice, or by two workers at once, a day posts once', async () => {
    w.t.clock.set('2027-01-20T10:00:00Z');
    const [a, b] = await Promise.all([earning.earnDue(), earning.earnDue()]);
    // Ten days (11–20 January), earned by one worker or split between the two, never twice.
    expect(a.days + b.days).toBe(10);
    expect(await earnedDays()).toEqual(Array.from({ length: 10 }, (_, i) => addDays('2027-01-11', i)));
    const entries = await earningEntries();
    expect(entries.map((e) => e.effective_date)).toEqual(await earnedDays());
    const billed = await w.t.db('billing_policies').first();
    expect(entries.map((e) => e.external_id)).toContain(`earning:2027-01-11:${billed.branch_id}:${billed.product_version_id}:USD`);
    expect(entries.every((e) => e.branch_id === billed.branch_id && e.source_id === billed.product_version_id)).toBe(true);
    expect(await income()).toBe(await expectedEarned('2027-01-20'));
    expect(await income()).toBeGreaterThan(0);
    const written = (await writings()).reduce((s, wr) => s + wr.amount, 0);
    expect((await income()) + (await reserve())).toBe(written);

    // Again, through the scheduled job: nothing more.
    await w.t.jobs.runNow(EARN_PREMIUM_JOB, {});
    expect(await earning.earnDue()).toEqual({ days: 0, entries: 0 });
    expect(await earningEntries()).toHaveLength(10);
    expect(await income()).toBe(await expectedEarned('2027-01-20'));
  });

  it('catches up after downtime, each missed day dated on its own day', async () => {
    w.t.clock.set('2027-02-15T10:00:00Z');
    await raiseInvoices();
    expect(await earning.earnDue()).toMatchObject({ days: 26 });
    const days = await earnedDays();
    expect(days.at(-1)).toBe('2027-02-15');
    expect(days).toHaveLength(36);
    expect((await earningEntries()).at(-1)!.effective_date).toBe('2027-02-15');
    expect(await income()).toBe(await expectedEarned('2027-02-15'));
    const written = (await writings()).reduce((s, wr) => s + wr.amount, 0);
    expect((await income()) + (await reserve())).toBe(written);
  });

  it('a cancellation returns premium billed and not earned out of the reserve; over the policy’s life earned = written, the reserve back to zero', async () => {
    const agent = await w.as('agent');
    const quoted = (
      await request(w.t.app)
        .post(`/api/policies/${issued.policy.id}/transactions`)
        .set(agent.auth)
        .send({ type: 'cancellation', effectiveDate: today(), requestedBy: 'policyholder', reason: 'Customer no longer needs the cover', cancellationReason: 'customer_request' })
        .expect(201)
    ).body;
    const done: Body = (await request(w.t.app).post(`/api/policy-transactions/${quoted.id}/issue`).set(agent.auth).set('If-Match', `"${quoted.version}"`).send({}).expect(200))
      .body;
    const written = await writings();
    // Billed through the current installment, earned for 36 days: the difference comes back.
    expect(done.billingEffect.kind).toBe('credit');
    // Returned from the reserve to the customer's credit, from the first day not covered to the last day billed.
    const returned = written.find((wr) => wr.entryId === done.billingEffect.ledgerEntryId)!;
    expect(returned).toMatchObject({
      amount: -done.billingEffect.amount,
      from: today(),
      to: written
        .map((wr) => wr.to)
        .sort()
        .at(-1),
    });
    const postings = await w.postingsOf(returned.entryId);
    expect(postings.map((p) => [p.kind, p.direction])).toEqual(
      expect.arrayContaining([
        ['unearned_premium', 'debit'],
        ['customer_credit', 'credit'],
      ]),
    );
    // A year on, every covered day has passed: all that was written (billed less returned) is earned, exactly.
    const lastDay = written
      .map((wr) => wr.to)
      .sort()
      .at(-1)!;
    w.t.clock.set(`${addDays(lastDay, 1)}T10:00:00Z`);
    await earning.earnDue();
    const total = written.reduce((s, wr) => s + wr.amount, 0);
    expect(await income()).toBe(total);
    expect(await reserve()).toBe(0);
    expect(await income()).toBe(await expectedEarned(lastDay));
    for (const row of await w.trialTotals()) expect(row.debits).toBe(row.credits);
  });
});
