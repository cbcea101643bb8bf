// Payout reconciliation on a real PostgreSQL (a database of its own: the close locks the whole ledger):
// a finance user previews and uploads a bank statement CSV with a column mapping; lines are matched
// to payments by reference, amount and date, the processor's fee posts as an expense; the worklist's
// lines are matched, split or explained (If-Match, audit); the same file twice, a malformed line and
// wrong columns change nothing; only finance roles reach any of it; the close refuses while lines
// dated in the month are open above the threshold.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { RAISE_INVOICES_JOB } from '../../billing';
import { EARN_PREMIUM_JOB } from '..';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';

type Body = request.Response['body'];
let w: BillingWorld;
let issued: IssuedPolicy;
let finance: Session;
/** The payments the statement pays out: a card payment (its gateway reference) and bank transfers (their references). */
const p: Record<'card' | 'transfer' | 'splitA' | 'splitB' | 'loose', { id: string; paymentNumber: string; gatewayReference: string | null; amount: number }> = {} as never;

beforeAll(async () => {
  // Unexplained lines of 10.00 or less do not hold up the close.
  w = await billingWorld('policydesk_recon', { startAt: '2027-01-11T10:00:00Z', env: { RECONCILIATION_CLOSE_THRESHOLD: '1000' } });
  issued = await w.issuedPolicy();
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  const agent = await w.as('agent');
  const pay = async (body: object) => (await w.pay(agent, { policyId: issued.policy.id, currency: 'USD', ...body }).expect(201)).body;
  p.card = await pay({ method: 'card', amount: 100_00 });
  p.transfer = await pay({ method: 'bank_transfer', reference: 'BT-0001', amount: 50_00 });
  p.splitA = await pay({ method: 'bank_transfer', reference: 'BT-0002', amount: 30_00 });
  p.splitB = await pay({ method: 'bank_transfer', reference: 'BT-0003', amount: 20_00 });
  p.loose = await pay({ method: 'bank_transfer', reference: 'BT-0004', amount: 12_34 });
  finance = await w.as('finance');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const MAPPING = { dateColumn: 'Booking date', amountColumn: 'Net', referenceColumn: 'Ref', descriptionColumn: 'Details', feeColumn: 'Fee' };
const csv = (rows: string[]) => ['Booking date,Net,Fee,Ref,Details', ...rows].join('\r\n') + '\r\n';
const statement = () =>
  csv([
    `2027-01-13,96.80,3.20,${p.card.gatewayReference},Stripe payout`,
    '2027-01-12,50.00,,BT-0001,Transfer',
    '2027-01-14,50.00,,BATCH-77,"Two transfers, one credit"',
    '2027-01-14,12.34,,unknown,Transfer without our reference',
    '2027-01-15,-5.00,,BANKFEE,Account charges',
    '2027-01-20,7.00,,X-1,Small unknown credit',
    '2027-01-21,250.00,,X-2,Large unknown credit',
  ]);

const upload = (session: Session, content: string, fields: Record<string, string> = { currency: 'USD', ...MAPPING }, filename = 'january.csv') => {
  const r = request(w.t.app).post('/api/finance/statements').set(session.auth);
  for (const [k, v] of Object.entries(fields)) r.field(k, v);
  return r.attach('file', Buffer.from(content, 'utf8'), { filename, contentType: 'text/csv' });
};
const preview = (session: Session, content: string, fields: Record<string, string> = {}) => {
  const r = request(w.t.app).post('/api/finance/statements/preview').set(session.auth);
  for (const [k, v] of Object.entries(fields)) r.field(k, v);
  return r.attach('file', Buffer.from(content, 'utf8'), { filename: 'january.csv', contentType: 'text/csv' });
};
const act = (session: Session, lineId: string, action: 'match' | 'explain', body: object, version?: number) => {
  const r = request(w.t.app).post(`/api/finance/reconciliation/lines/${lineId}/${action}`).set(session.auth);
  return (version === undefined ? r : r.set('If-Match', `"${version}"`)).send(body);
};
const counts = async () => ({
  statements: Number((await w.t.db('bank_statements').count<{ count: string }[]>('* as count'))[0]!.count),
  lines: Number((await w.t.db('bank_statement_lines').count<{ count: string }[]>('* as count'))[0]!.count),
  entries: Number((await w.t.db('journal_entries').count<{ count: string }[]>('* as count'))[0]!.count),
});

let report: Body;
const lineOf = (ref: string): Body => report.lines.find((l: Body) => l.reference === ref);

describe('payout reconciliation', () => {
  it('only finance users reach statements and the worklist (agents and branch managers are 403)', async () => {
    for (const role of ['agent', 'manager', 'senior_agent'] as const) {
      const session = await w.as(role);
      await upload(session, statement()).expect(403);
      await preview(session, statement()).expect(403);
      await request(w.t.app).get('/api/finance/reconciliation/lines').set(session.auth).expect(403);
      await request(w.t.app).get('/api/finance/statements').set(session.auth).expect(403);
    }
    await request(w.t.app)
      .get('/api/finance/reconciliation/lines')
      .set((await w.as('finance_manager')).auth)
      .expect(200);
    expect(await counts()).toMatchObject({ statements: 0, lines: 0 });
  });

  it('the preview reads the columns, guesses a mapping from common names, shows the rows and the problems; nothing is stored', async () => {
    const before = await counts();
    const guessed = (await preview(finance, 'Date,Amount,Reference,Description\n2027-01-12,50.00,BT-0001,Transfer\n').expect(200)).body;
    expect(guessed).toMatchObject({
      columns: ['Date', 'Amount', 'Reference', 'Description'],
      mapping: { date: 'Date', amount: 'Amount', reference: 'Reference', description: 'Description', dateFormat: 'YYYY-MM-DD' },
      rowCount: 1,
      rows: [{ line: 2, date: '2027-01-12', amount: 50_00, fee: 0, reference: 'BT-0001', description: 'Transfer' }],
      problems: [],
      duplicateOf: null,
    });
    expect((await preview(finance, statement()).expect(200)).body.mapping).toEqual({
      date: 'Booking date',
      amount: 'Net',
      reference: 'Ref',
      description: 'Details',
      fee: 'Fee',
      dateFormat: 'YYYY-MM-DD',
    });
    // Names it cannot tell: the columns come back for the user to map.
    expect((await preview(finance, 'Buchungstag,Betrag,Verwendungszweck\n12/01/2027,50.00,BT-0001\n').expect(200)).body).toMatchObject({
      columns: ['Buchungstag', 'Betrag', 'Verwendungszweck'],
      mapping: null,
      rowCount: 1,
      rows: [],
    });
    const german = { dateColumn: 'Buchungstag', amountColumn: 'Betrag', referenceColumn: 'Verwendungszweck', dateFormat: 'DD/MM/YYYY' };
    expect((await preview(finance, 'Buchungstag,Betrag,Verwendungszweck\n12/01/2027,50.00,BT-0001\n', german).expect(200)).body.rows).toEqual([
      { line: 2, date: '2027-01-12', amount: 50_00, fee: 0, reference: 'BT-0001', description: '' },
    ]);
    const mapped = (await preview(finance, statement(), MAPPING).expect(200)).body;
    expect(mapped.rowCount).toBe(7);
    expect(mapped.rows[0]).toEqual({ line: 2, date: '2027-01-13', amount: 96_80, fee: 3_20, reference: p.card.gatewayReference, description: 'Stripe payout' });
    expect(mapped.rows[4]).toMatchObject({ amount: -5_00 });
    const wrong = (await preview(finance, statement(), { ...MAPPING, amountColumn: 'Amount' }).expect(400)).body;
    expect(wrong).toMatchObject({ code: 'STATEMENT_COLUMNS_INVALID', columns: ['Booking date', 'Net', 'Fee', 'Ref', 'Details'] });
    expect(await counts()).toEqual(before);
  });

  it('a statement with wrong columns is a 400 STATEMENT_COLUMNS_INVALID; an empty one STATEMENT_UNREADABLE; nothing stored', async () => {
    const before = await counts();
    expect((await upload(finance, statement(), { currency: 'USD', ...MAPPING, referenceColumn: 'Reference' }).expect(400)).body).toMatchObject({
      code: 'STATEMENT_COLUMNS_INVALID',
      detail: expect.stringContaining('The file has no column "Reference".'),
    });
    expect((await upload(finance, statement(), { currency: 'USD', ...MAPPING, descriptionColumn: 'Net' }).expect(400)).body.code).toBe('STATEMENT_COLUMNS_INVALID');
    expect((await upload(finance, 'Booking date,Net,Fee,Ref,Details\r\n').expect(400)).body.code).toBe('STATEMENT_UNREADABLE');
    expect((await upload(finance, statement(), { currency: 'usd', ...MAPPING }).expect(400)).body.errors[0].path).toBe('currency');
    expect(await counts()).toEqual(before);
  });

  it('a malformed line is reported with its line number and nothing from the file is stored or posted', async () => {
    const before = await counts();
    const broken = csv([
      `2027-01-13,96.80,3.20,${p.card.gatewayReference},Stripe payout`,
      '2027-01-12,50.0x,,BT-0001,Transfer',
      '"2027-01-14",50.00,,BATCH-77,"Two lines\nin one cell"',
      '2027-02-30,12.34,,unknown,No such day',
      '2027-01-15,-5.00,,BANKFEE',
      '2206-01-15,5.00,,TYPO,A year typed wrong',
      '2027-01-16,5.00,,NUL\u0000,A NUL in a cell',
    ]);
    const res = (await upload(finance, broken).expect(422)).body;
    expect(res).toMatchObject({ code: 'STATEMENT_LINE_INVALID', lineCount: 5 });
    // Line 4 spans two lines of the file (a quoted line break): the next record is line 6.
    expect(res.lines).toEqual([
      { line: 3, message: '"50.0x" is not an amount' },
      { line: 6, message: '"2027-02-30" is not a date (YYYY-MM-DD)' },
      { line: 7, message: '4 columns where the header has 5' },
      { line: 8, message: '2206-01-15 is too far in the future' },
      { line: 9, message: 'A cell holds a NUL character' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('an upload stores every line and matches by reference, amount and date; the fee kept posts as an expense', async () => {
    const res = await upload(finance, statement()).expect(201);
    report = res.body;
    expect(res.headers.location).toBe(`/api/finance/statements/${report.statement.id}/report`);
    expect(report.statement).toMatchObject({
      filename: 'january.csv',
      currency: 'USD',
      lineCount: 7,
      from: '2027-01-12',
      to: '2027-01-21',
      counts: { matched: 2, unmatched: 5, explained: 0 },
    });
    expect(report.matched).toEqual({ count: 2, gross: 150_00, fees: 3_20, net: 146_80, payments: 2 });
    expect(report.unmatched).toEqual({ count: 5, amount: 50_00 + 12_34 - 5_00 + 7_00 + 250_00 });
    expect(lineOf(p.card.gatewayReference!)).toMatchObject({ line: 2, status: 'matched', fee: 3_20, payments: [{ paymentId: p.card.id, amount: 100_00, matchedBy: null }] });
    expect(lineOf('BT-0001')).toMatchObject({ status: 'matched', feeEntryId: null, payments: [{ paymentId: p.transfer.id }] });
    // The fee: processor fees debited, the card's cash clearing credited — balanced, once per line.
    const feeEntryId = lineOf(p.card.gatewayReference!).feeEntryId;
    const entry = (await w.t.db('journal_entries').where({ id: feeEntryId }).first())!;
    expect(entry).toMatchObject({ source_type: 'reconciliation', external_id: `reconciliation-line:${lineOf(p.card.gatewayReference!).id}:fee`, effective_date: '2027-01-13' });
    expect((await w.postingsOf(feeEntryId)).map((x) => [x.kind, x.owner_key, x.direction, Number(x.amount)]).sort()).toEqual([
      ['cash_clearing', 'card', 'credit', 3_20],
      ['processor_fees', '', 'debit', 3_20],
    ]);
    expect(await w.balance({ kind: 'processor_fees', currency: 'USD' })).toBe(3_20);
    expect((await w.t.db('audit_log').where({ action: 'statement.upload', entity_id: report.statement.id })).length).toBe(1);
    for (const t of await w.trialTotals()) expect(t.debits).toBe(t.credits);
  });

  it('the same file twice is a 409 STATEMENT_DUPLICATE and changes nothing, whatever its name', async () => {
    const before = await counts();
    expect((await upload(finance, statement(), undefined, 'renamed.csv').expect(409)).body).toMatchObject({ code: 'STATEMENT_DUPLICATE', statementId: report.statement.id });
    expect((await preview(finance, statement(), MAPPING).expect(200)).body.duplicateOf).toBe(report.statement.id);
    expect(await counts()).toEqual(before);
  });

  it('the worklist lists the open lines oldest first, with the payments of their amount received in the days before', async () => {
    const page = (await request(w.t.app).get(`/api/finance/reconciliation/lines?statementId=${report.statement.id}&limit=2`).set(finance.auth).expect(200)).body;
    expect(page.items.map((l: Body) => l.reference)).toEqual(['BATCH-77', 'unknown']);
    expect(page.items[1].candidates).toEqual([expect.objectContaining({ paymentId: p.loose.id, paymentNumber: p.loose.paymentNumber, amount: 12_34, receivedOn: '2027-01-11' })]);
    const rest = (
      await request(w.t.app)
        .get(`/api/finance/reconciliation/lines?statementId=${report.statement.id}&cursor=${encodeURIComponent(page.nextCursor)}`)
        .set(finance.auth)
        .expect(200)
    ).body;
    expect(rest.items.map((l: Body) => l.reference)).toEqual(['BANKFEE', 'X-1', 'X-2']);
    expect(rest.nextCursor).toBeNull();
    const matched = (await request(w.t.app).get('/api/finance/reconciliation/lines?status=matched').set(finance.auth).expect(200)).body;
    expect(matched.items).toHaveLength(2);
    await request(w.t.app).get('/api/finance/reconciliation/lines?status=lost').set(finance.auth).expect(400);
  });

  it('a finance user splits a line over two payments (sums must equal) and matches another to a payment: If-Match, audited', async () => {
    const batch = lineOf('BATCH-77');
    await act(finance, batch.id, 'match', { paymentIds: [p.splitA.id, p.splitB.id] }).expect(428);
    await act(finance, batch.id, 'match', { paymentIds: [p.splitA.id, p.splitB.id] }, 9).expect(412);
    expect((await act(finance, batch.id, 'match', { paymentIds: [p.splitA.id] }, batch.version).expect(409)).body).toMatchObject({
      code: 'RECONCILIATION_AMOUNT_MISMATCH',
      expected: 50_00,
      actual: 30_00,
    });
    expect((await act(finance, batch.id, 'match', { paymentIds: [p.splitA.id, p.card.id] }, batch.version).expect(409)).body).toMatchObject({
      code: 'RECONCILIATION_PAYMENT_NOT_MATCHABLE',
      paymentId: p.card.id,
    });
    expect((await act(finance, batch.id, 'match', { paymentIds: [p.splitA.id, p.splitA.id] }, batch.version).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await act(await w.as('agent'), batch.id, 'match', { paymentIds: [p.splitA.id, p.splitB.id] }, batch.version).expect(403);
    const split = await act(finance, batch.id, 'match', { paymentIds: [p.splitA.id, p.splitB.id] }, batch.version).expect(200);
    expect(split.headers.etag).toBe(`"${batch.version + 1}"`);
    expect(split.body).toMatchObject({
      status: 'matched',
      payments: [
        { paymentId: p.splitA.id, amount: 30_00 },
        { paymentId: p.splitB.id, amount: 20_00 },
      ],
    });
    expect(split.body.payments[0].matchedBy).toMatchObject({ id: expect.any(String) });
    expect((await act(finance, batch.id, 'match', { paymentIds: [p.loose.id] }, batch.version + 1).expect(409)).body).toMatchObject({
      code: 'STATEMENT_LINE_NOT_OPEN',
      currentStatus: 'matched',
    });
    const audit = await w.t.db('audit_log').where({ action: 'statement_line.match', entity_id: batch.id });
    expect(audit).toHaveLength(1);
    expect(audit[0].metadata).toMatchObject({ split: true });

    const loose = lineOf('unknown');
    await act(finance, loose.id, 'match', { paymentIds: [p.loose.id] }, loose.version).expect(200);
    // A negative line (money out) is explained, never matched to a payment.
    expect((await act(finance, lineOf('BANKFEE').id, 'match', { paymentIds: [p.splitA.id] }, 1).expect(409)).body).toMatchObject({
      code: 'RECONCILIATION_AMOUNT_MISMATCH',
      expected: -5_00,
    });
  });

  it('a finance user explains a line with a reason; the report counts it', async () => {
    const charges = lineOf('BANKFEE');
    expect((await act(finance, charges.id, 'explain', { reason: 'x' }, charges.version).expect(400)).body.errors[0].path).toBe('reason');
    const explained = (await act(finance, charges.id, 'explain', { reason: 'Monthly account charges, booked by treasury' }, charges.version).expect(200)).body;
    expect(explained).toMatchObject({ status: 'explained', explanation: 'Monthly account charges, booked by treasury', version: charges.version + 1 });
    expect(await w.t.db('audit_log').where({ action: 'statement_line.explain', entity_id: charges.id })).toHaveLength(1);
    report = (await request(w.t.app).get(`/api/finance/statements/${report.statement.id}/report`).set(finance.auth).expect(200)).body;
    expect(report.matched).toEqual({ count: 4, gross: 212_34, fees: 3_20, net: 209_14, payments: 5 });
    expect(report.explained).toEqual({ count: 1, amount: -5_00 });
    expect(report.unmatched).toEqual({ count: 2, amount: 257_00 });
    const list = (await request(w.t.app).get('/api/finance/statements').set(finance.auth).expect(200)).body;
    expect(list.items).toEqual([expect.objectContaining({ id: report.statement.id, counts: { matched: 4, explained: 1, unmatched: 2 } })]);
    await request(w.t.app).get('/api/finance/statements/00000000-0000-4000-8000-000000000000/report').set(finance.auth).expect(404);
  });

  it('two finance users matching one payment to two lines at once: one wins, the other is a 409 RECONCILIATION_PAYMENT_NOT_MATCHABLE (one match recorded)', async () => {
    const agent = await w.as('agent');
    const payment = (await w.pay(agent, { policyId: issued.policy.id, currency: 'USD', method: 'bank_transfer', reference: 'BT-0005', amount: 5_55 }).expect(201)).body;
    const second = (await upload(finance, csv(['2027-01-16,5.55,,CONC-A,First', '2027-01-16,5.55,,CONC-B,Second']), undefined, 'concurrent.csv').expect(201)).body;
    expect(second.unmatched.count).toBe(2);
    const [a, b] = second.lines as Body[];
    const other = await w.as('finance_manager');
    const answers = await Promise.all([act(finance, a.id, 'match', { paymentIds: [payment.id] }, a.version), act(other, b.id, 'match', { paymentIds: [payment.id] }, b.version)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('RECONCILIATION_PAYMENT_NOT_MATCHABLE');
    expect(await w.t.db('reconciliation_matches').where({ payment_id: payment.id })).toHaveLength(1);
    const after = (await request(w.t.app).get(`/api/finance/statements/${second.statement.id}/report`).set(finance.auth).expect(200)).body;
    expect(after.statement.counts).toEqual({ matched: 1, unmatched: 1, explained: 0 });
  });

  it('the close refuses while a line dated in the month is open above the threshold (409 PERIOD_RECONCILIATION_OPEN); smaller ones do not hold it', async () => {
    w.t.clock.set('2027-02-03T10:00:00Z');
    await w.t.jobs.runNow(EARN_PREMIUM_JOB, {});
    const controller = await w.as('finance_manager');
    const periods = async () => (await request(w.t.app).get('/api/finance/periods').set(controller.auth).expect(200)).body.items as Body[];
    const close = (month: string, version: number) => request(w.t.app).post(`/api/finance/periods/${month}/close`).set(controller.auth).set('If-Match', `"${version}"`).send({});
    await close('2026-12', 1).expect(200);
    expect((await periods()).find((x) => x.month === '2027-01')!.closable).toBe(false);
    const refused = (await close('2027-01', 1).expect(409)).body;
    // X-2 (250.00) holds January; X-1 (7.00) is under the 10.00 threshold.
    expect(refused).toMatchObject({ code: 'PERIOD_RECONCILIATION_OPEN', items: 1, lineIds: [lineOf('X-2').id], threshold: 1000 });
    const large = lineOf('X-2');
    await act(await w.as('finance'), large.id, 'explain', { reason: 'Insurer capital injection, see treasury memo 7' }, large.version).expect(200);
    expect((await periods()).find((x) => x.month === '2027-01')!.closable).toBe(true);
    expect((await close('2027-01', 1).expect(200)).body).toMatchObject({ status: 'closed' });
  });
});
