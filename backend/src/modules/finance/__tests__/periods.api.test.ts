// The monthly close on a real PostgreSQL (a database of its own: closing a month locks the whole
// ledger): a finance manager closes an ended month once the earlier ones are closed; the database
// refuses an entry dated in it, the ledger dates a late one on the first open day (idempotently); a
// second finance manager reopens the latest closed month with a reason; the trial balance at a date.
import crypto from 'node:crypto';
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { withTransaction } from '../../../db';
import { RAISE_INVOICES_JOB } from '../../billing';
import { EARN_PREMIUM_JOB } from '..';
import { earnedBy } from '../earning';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import type { NewEntry } from '../../billing/ledger.service';

let w: BillingWorld;
let policy: IssuedPolicy;
type Body = request.Response['body'];

beforeAll(async () => {
  w = await billingWorld('policydesk_finance', { startAt: '2027-01-11T10:00:00Z' });
  policy = await w.issuedPolicy();
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  const agent = await w.as('agent');
  const billing = await w.billingOf(agent, policy.policy.id);
  await w.pay(agent, { policyId: policy.policy.id, method: 'bank_transfer', reference: 'BT-JAN', amount: billing.amountDue, currency: 'USD' }).expect(201);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const periods = async (session: Session): Promise<Body> => (await request(w.t.app).get('/api/finance/periods').set(session.auth).expect(200)).body;
const step = (session: Session, month: string, action: 'close' | 'reopen', body: object, version?: number) => {
  const r = request(w.t.app).post(`/api/finance/periods/${month}/${action}`).set(session.auth);
  return (version === undefined ? r : r.set('If-Match', `"${version}"`)).send(body);
};
/** A balanced entry moving 1.00 between two company accounts, dated `date`. */
const entry = (externalId: string, date: string): NewEntry => ({
  externalId,
  effectiveDate: date,
  sourceType: 'write_off',
  description: 'A late correction',
  createdBy: null,
  postings: [
    { account: { kind: 'write_offs', currency: 'USD' }, direction: 'debit', amount: 100 },
    { account: { kind: 'fee_income', currency: 'USD' }, direction: 'credit', amount: 100 },
  ],
});

describe('the monthly close', () => {
  let closer: { session: Session; userId: string };
  let second: Session;

  it('lists the months since the first entry; only an ended month with every earlier one closed can be closed', async () => {
    w.t.clock.set('2027-02-03T10:00:00Z');
    closer = await w.userAs('finance_manager');
    second = await w.as('finance_manager');
    // Until the earning job has earned premium through December's last day, December cannot close.
    const behind = await periods(await w.as('finance'));
    expect(behind.earnedThrough).toBeNull();
    expect(behind.items.find((p: Body) => p.month === '2026-12').closable).toBe(false);
    expect((await step(closer.session, '2026-12', 'close', {}, 1).expect(409)).body).toMatchObject({ code: 'PERIOD_EARNING_BEHIND', earnedThrough: null });
    await w.t.jobs.runNow(EARN_PREMIUM_JOB, {});
    const list = await periods(await w.as('finance'));
    expect(list.earnedThrough).toBe('2027-02-03');
    // The first invoice was raised on 28 December, two weeks before it fell due.
    expect(list.items.map((p: Body) => [p.month, p.status, p.closable])).toEqual([
      ['2027-02', 'open', false],
      ['2027-01', 'open', false],
      ['2026-12', 'open', true],
    ]);
    expect(list.firstOpenDate).toBe('2026-12-01');
    await request(w.t.app)
      .get('/api/finance/periods')
      .set((await w.as('agent')).auth)
      .expect(403);
    await request(w.t.app)
      .get('/api/finance/periods')
      .set((await w.as('manager')).auth)
      .expect(200);

    expect((await step(closer.session, '2027-02', 'close', {}, 1).expect(409)).body).toMatchObject({ code: 'PERIOD_NOT_CLOSABLE', detail: '2027-02 has not ended yet.' });
    expect((await step(closer.session, '2027-01', 'close', {}, 1).expect(409)).body).toMatchObject({
      code: 'PERIOD_NOT_CLOSABLE',
      detail: 'Close 2026-12 first: months close in order.',
    });
    await step(await w.as('finance'), '2026-12', 'close', {}, 1).expect(403);
    await step(closer.session, '2026-12', 'close', {}).expect(428);
    await step(closer.session, '2026-12', 'close', {}, 7).expect(412);
    expect((await step(closer.session, '2027-13', 'close', {}, 1).expect(400)).body.errors[0].path).toBe('path.month');
  });

  it('a finance manager closes December, then January: audited, with their history; twice is a 409', async () => {
    expect((await step(closer.session, '2026-12', 'close', {}, 1).expect(200)).body).toMatchObject({ status: 'closed' });
    const closed = (await step(closer.session, '2027-01', 'close', { note: 'January reviewed' }, 1).expect(200)).body;
    expect(closed).toMatchObject({ month: '2027-01', status: 'closed', closable: false, closedBy: { id: closer.userId }, version: 2 });
    expect(closed.history).toEqual([expect.objectContaining({ event: 'closed', reason: 'January reviewed', by: expect.objectContaining({ id: closer.userId }) })]);
    expect((await step(closer.session, '2027-01', 'close', {}, 2).expect(409)).body).toMatchObject({ code: 'PERIOD_INVALID_TRANSITION', currentStatus: 'closed' });
    const audit = await w.t.db('audit_log').where({ action: 'period.close', entity_id: '2027-01' });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(closer.userId);
    expect((await periods(second)).firstOpenDate).toBe('2027-02-01');
  });

  it('the database refuses an entry dated in the closed month, whoever writes it', async () => {
    const before = await w.t.db('journal_entries').count<{ count: string }[]>('* as count');
    await expect(
      w.t.db('journal_entries').insert({
        external_id: `probe-${crypto.randomUUID()}`,
        effective_date: '2027-01-20',
        source_type: 'write_off',
        description: 'Straight into a closed month',
        created_at: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'PD001' });
    expect(await w.t.db('journal_entries').count<{ count: string }[]>('* as count')).toEqual(before);
  });

  it('the ledger dates a late entry on the first open day, saying what it was for; posting it again changes nothing', async () => {
    const externalId = `late-${crypto.randomUUID()}`;
    const posted = await withTransaction(w.t.db, (trx) => w.ledger.post(trx, entry(externalId, '2027-01-20')));
    expect(posted.created).toBe(true);
    expect(posted.entry.effectiveDate).toBe('2027-02-01');
    expect(posted.entry.description).toBe('A late correction (for 2027-01-20; the books are closed through 2027-01-31)');
    const again = await withTransaction(w.t.db, (trx) => w.ledger.post(trx, entry(externalId, '2027-01-20')));
    expect(again).toMatchObject({ created: false, entry: { id: posted.entry.id } });
    // An entry dated in the open month is posted on its own date.
    const open = await withTransaction(w.t.db, (trx) => w.ledger.post(trx, entry(`open-${crypto.randomUUID()}`, '2027-02-02')));
    expect(open.entry.effectiveDate).toBe('2027-02-02');
  });

  it('the trial balance at a date counts the entries dated on or before it, and balances', async () => {
    const finance = await w.as('finance');
    const atJanuaryEnd = (await request(w.t.app).get('/api/finance/trial-balance?asOf=2027-01-31').set(finance.auth).expect(200)).body;
    const now = (await request(w.t.app).get('/api/finance/trial-balance?asOf=2027-02-03').set(finance.auth).expect(200)).body;
    expect(atJanuaryEnd.balanced).toBe(true);
    expect(now.balanced).toBe(true);
    const writeOffs = (tb: Body) => tb.accounts.find((a: Body) => a.kind === 'write_offs')?.balance ?? 0;
    // The two corrections above are dated in February.
    expect(writeOffs(now) - writeOffs(atJanuaryEnd)).toBe(200);
    expect(atJanuaryEnd.accounts.find((a: Body) => a.kind === 'cash_clearing')).toMatchObject({ description: expect.any(String) });
    expect((await request(w.t.app).get('/api/finance/trial-balance?asOf=0000-01-01').set(finance.auth).expect(400)).body.errors[0].path).toBe('query.asOf');
    await request(w.t.app)
      .get('/api/finance/trial-balance?asOf=2027-01-31')
      .set((await w.as('agent')).auth)
      .expect(403);
  });

  it('a month’s statement: income and expenses moved in it, the result, the balances at its end; each figure drills down to its entries', async () => {
    const finance = await w.as('finance');
    const february = (await request(w.t.app).get('/api/finance/statement?month=2027-02').set(finance.auth).expect(200)).body;
    // The first invoice's premium is earned over the days it covers (the earning job ran on 3 February).
    const writing = (await w.t.db('premium_writings').first())!;
    const cover = { amount: Number(writing.amount), from: writing.covered_from, to: writing.covered_to };
    const earnedInFebruary = earnedBy(cover, '2027-02-03') - earnedBy(cover, '2027-01-31');
    expect(earnedInFebruary).toBeGreaterThan(0);
    // February: that premium earned, and the two corrections above (1.00 each from fee income to write-offs).
    expect(february).toMatchObject({ month: '2027-02', from: '2027-02-01', to: '2027-02-28', balanced: true });
    expect(february.income).toEqual([
      expect.objectContaining({ kind: 'fee_income', currency: 'USD', amount: 200 }),
      expect.objectContaining({ kind: 'premium_income', currency: 'USD', amount: earnedInFebruary, description: 'Premium earned' }),
    ]);
    expect(february.expenses).toEqual([expect.objectContaining({ kind: 'write_offs', currency: 'USD', amount: 200 })]);
    expect(february.result).toEqual([{ currency: 'USD', amount: earnedInFebruary }]);
    // December: the first invoice was raised on 28 December — its premium is unearned, no income yet.
    const december = (await request(w.t.app).get('/api/finance/statement?month=2026-12').set(finance.auth).expect(200)).body;
    const invoice = (await w.t.db('journal_entries').where({ source_type: 'invoice' }).first('id'))!;
    const billed = (await w.postingsOf(invoice.id)).find((p) => p.kind === 'unearned_premium')!;
    expect(Number(billed.amount)).toBe(cover.amount);
    expect(december.income).toEqual([]);
    expect(december.assets).toEqual([expect.objectContaining({ kind: 'premium_receivable', amount: Number(billed.amount) })]);
    expect(december.liabilities).toEqual([expect.objectContaining({ kind: 'unearned_premium', amount: Number(billed.amount) })]);
    // January: what it earned from its first covered day to the 31st.
    const january = (await request(w.t.app).get('/api/finance/statement?month=2027-01').set(finance.auth).expect(200)).body;
    expect(january.income).toEqual([expect.objectContaining({ kind: 'premium_income', amount: earnedBy(cover, '2027-01-31') })]);

    const drill = (await request(w.t.app).get('/api/finance/entries?kind=write_offs&currency=USD&from=2027-02-01&to=2027-02-28&limit=1').set(finance.auth).expect(200)).body;
    expect(drill.items).toHaveLength(1);
    expect(drill.items[0]).toMatchObject({ effectiveDate: '2027-02-02', description: 'A late correction' });
    const rest = (
      await request(w.t.app)
        .get(`/api/finance/entries?kind=write_offs&currency=USD&from=2027-02-01&to=2027-02-28&limit=1&cursor=${encodeURIComponent(drill.nextCursor)}`)
        .set(finance.auth)
        .expect(200)
    ).body;
    expect(rest.items.map((e: Body) => e.effectiveDate)).toEqual(['2027-02-01']);
    expect((await request(w.t.app).get('/api/finance/entries?kind=nothing&currency=USD&from=2027-02-01&to=2027-02-28').set(finance.auth).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await request(w.t.app).get('/api/finance/entries?kind=write_offs&currency=USD&from=2027-03-01&to=2027-02-28').set(finance.auth).expect(400)).body.errors[0].path).toBe(
      'query.to',
    );
    await request(w.t.app)
      .get('/api/finance/statement?month=2027-02')
      .set((await w.as('agent')).auth)
      .expect(403);
  });

  it('months close in order, and only the latest closed month is reopened — by another finance manager, with a reason', async () => {
    w.t.clock.set('2027-04-02T10:00:00Z');
    await w.t.jobs.runNow(EARN_PREMIUM_JOB, {});
    const manager = await w.userAs('finance_manager');
    closer = { session: await w.as('finance_manager'), userId: closer.userId };
    // March cannot be closed while February is open.
    expect((await step(manager.session, '2027-03', 'close', {}, 1).expect(409)).body).toMatchObject({
      code: 'PERIOD_NOT_CLOSABLE',
      detail: 'Close 2027-02 first: months close in order.',
    });
    const feb = (await step(manager.session, '2027-02', 'close', {}, 1).expect(200)).body;
    // January is not the latest closed month any more.
    expect((await step(manager.session, '2027-01', 'reopen', { reason: 'A payment was booked in the wrong month' }, 2).expect(409)).body.code).toBe('PERIOD_LATER_CLOSED');
    // Whoever closed February cannot reopen it; a reason is needed.
    expect((await step(manager.session, '2027-02', 'reopen', { reason: 'A payment was booked in the wrong month' }, feb.version).expect(409)).body.code).toBe('PERIOD_SAME_PERSON');
    expect((await step(closer.session, '2027-02', 'reopen', { reason: 'oops' }, feb.version).expect(400)).body.errors[0].path).toBe('reason');
    const reopened = (await step(closer.session, '2027-02', 'reopen', { reason: 'A payment was booked in the wrong month' }, feb.version).expect(200)).body;
    expect(reopened).toMatchObject({ status: 'open', closedBy: null, closable: true });
    expect(reopened.history.map((h: Body) => [h.event, h.reason])).toEqual([
      ['closed', null],
      ['reopened', 'A payment was booked in the wrong month'],
    ]);
    expect((await step(closer.session, '2027-02', 'reopen', { reason: 'A payment was booked in the wrong month' }, reopened.version).expect(409)).body.code).toBe(
      'PERIOD_INVALID_TRANSITION',
    );
    expect(await w.t.db('audit_log').where({ action: 'period.reopen', entity_id: '2027-02' })).toHaveLength(1);
    // Open again: February accepts entries on their own dates.
    const late = await withTransaction(w.t.db, (trx) => w.ledger.post(trx, entry(`feb-${crypto.randomUUID()}`, '2027-02-15')));
    expect(late.entry.effectiveDate).toBe('2027-02-15');
  });
});
