// Journal exports on a real PostgreSQL (a database of its own: it closes months): the chart-of-
// accounts mapping replaced as a whole by a finance manager, a closed month exported once per format
// in QuickBooks, NetSuite and generic CSV, with totals equal to the month's movements in the ledger;
// an open month, an unmapped account and a second request are each answered clearly.
import crypto from 'node:crypto';
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { CHART_OF_ACCOUNTS } from '../../billing/chart-of-accounts';
import { RAISE_INVOICES_JOB } from '../../billing';
import { EARN_PREMIUM_JOB } from '..';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';

let w: BillingWorld;
type Body = request.Response['body'];

beforeAll(async () => {
  w = await billingWorld('policydesk_journal', { startAt: '2027-01-11T10:00:00Z' });
  const issued = await w.issuedPolicy();
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  const agent = await w.as('agent');
  const billing = await w.billingOf(agent, issued.policy.id);
  await w.pay(agent, { policyId: issued.policy.id, method: 'bank_transfer', reference: 'BT-JAN', amount: billing.amountDue, currency: 'USD' }).expect(201);
  w.t.clock.set('2027-02-03T10:00:00Z');
  // The months close once premium is earned through their last day.
  await w.t.jobs.runNow(EARN_PREMIUM_JOB, {});
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const exportMonth = (session: Session, month: string, format: string) => request(w.t.app).post(`/api/finance/periods/${month}/exports`).set(session.auth).send({ format });
const fullMapping = () => Object.keys(CHART_OF_ACCOUNTS).map((kind, i) => ({ kind, glCode: `${4000 + i * 10}`, glName: `PD ${kind.replaceAll('_', ' ')}` }));

describe('journal exports', () => {
  let controller: Session;
  let finance: Session;

  it('exports only a closed month, and only once every account with postings in it is mapped', async () => {
    controller = await w.as('finance_manager');
    finance = await w.as('finance');
    expect((await exportMonth(finance, '2027-01', 'quickbooks').expect(409)).body.code).toBe('EXPORT_PERIOD_OPEN');
    for (const month of ['2026-12', '2027-01']) await request(w.t.app).post(`/api/finance/periods/${month}/close`).set(controller.auth).set('If-Match', '"1"').send({}).expect(200);
    const unmapped = (await exportMonth(finance, '2027-01', 'quickbooks').expect(409)).body;
    expect(unmapped.code).toBe('EXPORT_UNMAPPED_ACCOUNTS');
    expect(unmapped.unmapped).toEqual(expect.arrayContaining(['cash_clearing', 'customer_credit', 'premium_receivable']));
    await exportMonth(await w.as('agent'), '2027-01', 'quickbooks').expect(403);
    expect((await exportMonth(finance, '2027-01', 'excel').expect(400)).body.errors[0].path).toBe('format');
  });

  it('finance managers replace the whole mapping (If-Match on its revision); a code in the wrong form or an account twice is refused', async () => {
    const empty = await request(w.t.app).get('/api/finance/gl-mapping').set(finance.auth).expect(200);
    expect(empty.body.revision).toBe(0);
    expect(empty.body.items.every((i: Body) => i.glCode === null)).toBe(true);
    const put = (session: Session, items: object[], revision?: number) => {
      const r = request(w.t.app).put('/api/finance/gl-mapping').set(session.auth);
      return (revision === undefined ? r : r.set('If-Match', `"${revision}"`)).send({ items });
    };
    await put(finance, fullMapping(), 0).expect(403);
    await put(controller, fullMapping()).expect(428);
    const twice = [...fullMapping(), { kind: 'premium_income', glCode: '9999', glName: 'Again' }];
    expect((await put(controller, twice, 0).expect(400)).body.errors[0].path).toBe('items');
    expect((await put(controller, [{ kind: 'premium_income', glCode: 'has space', glName: 'x' }], 0).expect(400)).body.errors[0].path).toBe('items.0.glCode');
    const saved = await put(controller, fullMapping(), 0).expect(200);
    expect(saved.headers.etag).toBe(`"${saved.body.revision}"`);
    expect(saved.body.items.find((i: Body) => i.kind === 'premium_income')).toMatchObject({ glCode: expect.any(String), description: 'Premium earned' });
    await put(controller, fullMapping(), 0).expect(412);
    expect(await w.t.db('audit_log').where({ action: 'gl_mapping.replace' })).toHaveLength(1);
  });

  it('a closed month’s batch: one journal per day, balanced, its totals the month’s movements in the ledger; made once, downloaded as made', async () => {
    const made = await exportMonth(finance, '2027-01', 'generic').expect(201);
    const batch = made.body;
    expect(batch).toMatchObject({ month: '2027-01', format: 'generic', filename: 'policydesk-journal-2027-01-generic.csv' });
    const file = await request(w.t.app).get(`/api/finance/exports/${batch.id}/file`).set(finance.auth).expect(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    expect(crypto.createHash('sha256').update(file.text).digest('hex')).toBe(batch.sha256);
    const [header, ...rows] = file.text.trim().split('\r\n');
    expect(header).toBe('date,currency,gl_code,gl_name,policydesk_account,debit,credit,entries');
    expect(rows).toHaveLength(batch.lineCount);
    // Per day, the journal balances; over the month, each account's net equals the ledger's movement.
    const cents = (v: string) => (v ? Math.round(Number(v) * 100) : 0);
    const byDay = new Map<string, number>();
    const byKind = new Map<string, number>();
    for (const row of rows) {
      const [date, , , , kind, debit, credit] = row.split(',');
      byDay.set(date!, (byDay.get(date!) ?? 0) + cents(debit!) - cents(credit!));
      byKind.set(kind!, (byKind.get(kind!) ?? 0) + cents(debit!) - cents(credit!));
    }
    for (const net of byDay.values()) expect(net).toBe(0);
    const { rows: moved } = await w.t.db.raw(
      `SELECT a.kind, sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END)::bigint AS net
         FROM postings p JOIN journal_entries e ON e.id = p.entry_id JOIN ledger_accounts a ON a.id = p.account_id
        WHERE e.effective_date BETWEEN '2027-01-01' AND '2027-01-31' GROUP BY a.kind HAVING sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) <> 0`,
    );
    expect(Object.fromEntries(byKind)).toEqual(Object.fromEntries(moved.map((m: Body) => [m.kind, Number(m.net)])));
    expect(batch.totals).toEqual([{ currency: 'USD', debits: expect.any(Number), credits: expect.any(Number) }]);
    expect(batch.totals[0].debits).toBe(batch.totals[0].credits);

    // Asked again: the same batch, not a new one; a new mapping does not change it.
    expect((await exportMonth(finance, '2027-01', 'generic').expect(200)).body.id).toBe(batch.id);
    await request(w.t.app)
      .put('/api/finance/gl-mapping')
      .set(controller.auth)
      .set('If-Match', `"${(await request(w.t.app).get('/api/finance/gl-mapping').set(finance.auth)).body.revision}"`)
      .send({ items: fullMapping().map((m) => ({ ...m, glCode: `X${m.glCode}` })) })
      .expect(200);
    expect((await request(w.t.app).get(`/api/finance/exports/${batch.id}/file`).set(finance.auth).expect(200)).text).toBe(file.text);
    await expect(w.t.db('journal_export_batches').where({ id: batch.id }).update({ content: 'rewritten' })).rejects.toThrow();
    expect(await w.t.db('audit_log').where({ action: 'journal.export' })).toHaveLength(1);
  });

  it('writes QuickBooks Online and NetSuite journal imports', async () => {
    const qb = (await exportMonth(finance, '2027-01', 'quickbooks').expect(201)).body;
    const ns = (await exportMonth(finance, '2027-01', 'netsuite').expect(201)).body;
    const text = async (id: string) => (await request(w.t.app).get(`/api/finance/exports/${id}/file`).set(finance.auth).expect(200)).text.split('\r\n');
    const [qbHeader, qbFirst] = await text(qb.id);
    expect(qbHeader).toBe('JournalNo,JournalDate,Currency,AccountName,Debits,Credits,Description');
    expect(qbFirst).toMatch(/^PD-202701\d\d-USD,01\/\d\d\/2027,USD,PD X?[a-z ]+,/);
    const [nsHeader, nsFirst] = await text(ns.id);
    expect(nsHeader).toBe('External ID,Date,Currency,Account,Debit,Credit,Memo');
    expect(nsFirst).toMatch(/^PD-202701\d\d-USD,01\/\d\d\/2027,USD,X\d+,/);
    expect((await request(w.t.app).get('/api/finance/exports').set(finance.auth).expect(200)).body.items.map((b: Body) => b.format).sort()).toEqual([
      'generic',
      'netsuite',
      'quickbooks',
    ]);
    await request(w.t.app).get(`/api/finance/exports/${crypto.randomUUID()}/file`).set(finance.auth).expect(404);
  });
});
