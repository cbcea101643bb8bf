// Payouts from the gateway (issue 20) on a real PostgreSQL: Stripe-style `payout.paid` / `payout.failed`
// events, with their balance transactions, arrive through billing's signed webhook inbox
// (`POST /api/webhooks/payments`): the signature is checked first, each event is stored once by its id,
// and a paid payout becomes a statement whose lines are matched to the payments like an uploaded
// file's — the fees kept post as an expense, unmatched lines wait in the worklist.
import request from 'supertest';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import type { Session } from '../../../../test/support/factories';
import { RAISE_INVOICES_JOB } from '../../billing';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import type { SandboxGateway } from '../../billing/sandbox-gateway';
import { signWebhookPayload } from '../../billing/webhook-signature';

type Body = request.Response['body'];
const SECRET = 'whsec_payout_test_secret_0001';
let w: BillingWorld;
let issued: IssuedPolicy;
let finance: Session;
let gateway: SandboxGateway;
const card: Body[] = [];

beforeAll(async () => {
  w = await billingWorld('policydesk_payouts', { startAt: '2027-01-11T10:00:00Z', env: { PAYMENT_WEBHOOK_SECRETS: SECRET } });
  gateway = w.t.services.paymentGateway as SandboxGateway;
  issued = await w.issuedPolicy();
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  const agent = await w.as('agent');
  for (const amount of [100_00, 40_00, 25_00]) card.push((await w.pay(agent, { policyId: issued.policy.id, currency: 'USD', method: 'card', amount }).expect(201)).body);
  finance = await w.as('finance');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const deliver = (rawBody: string, signatureHeader: string) =>
  request(w.t.app).post('/api/webhooks/payments').set('Content-Type', 'application/json').set('Stripe-Signature', signatureHeader).send(rawBody);
const counts = async () => {
  const count = async (table: string) => Number((await w.t.db(table).count<{ count: string }[]>('* as count'))[0]!.count);
  return {
    inbox: await count('payment_webhook_events'),
    statements: await count('bank_statements'),
    lines: await count('bank_statement_lines'),
    entries: await count('journal_entries'),
    matches: await count('reconciliation_matches'),
  };
};
const statementOf = async (payoutId: string, source = 'payout') => w.t.db('bank_statements').where({ payout_reference: payoutId, source }).first();
const reportOf = async (statementId: string) => (await request(w.t.app).get(`/api/finance/statements/${statementId}/report`).set(finance.auth).expect(200)).body;

/** Two card payments with their fees, a refund paid back out of the balance, and a charge no payment has. */
const payoutJan = () =>
  gateway.payout({
    id: 'po_sb_0001',
    currency: 'USD',
    arrivalDate: '2027-01-14',
    transactions: [
      { source: card[0].gatewayReference, amount: 100_00, fee: 3_20 },
      { source: card[1].gatewayReference, amount: 40_00, fee: 1_46 },
      { source: 'sb_re_unknown', amount: -15_00, type: 'refund' },
      { source: 'sb_ch_not_ours', amount: 9_99, fee: 59 },
    ],
  });

describe('gateway payouts through the signed webhook inbox', () => {
  it('a payout event with a wrong signature or a stale timestamp is a 400 and nothing is stored', async () => {
    const before = await counts();
    const event = payoutJan();
    const forged = signWebhookPayload(event.rawBody, 'whsec_someone_else', Math.floor(w.t.clock.now().getTime() / 1000));
    expect((await deliver(event.rawBody, forged).expect(400)).body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    // The body changed after signing (a forged amount): the signature no longer covers it.
    expect((await deliver(event.rawBody.replace('"amount":10000', '"amount":99999'), event.signatureHeader).expect(400)).body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const stale = signWebhookPayload(event.rawBody, SECRET, Math.floor(w.t.clock.now().getTime() / 1000) - 3_600);
    expect((await deliver(event.rawBody, stale).expect(400)).body.code).toBe('WEBHOOK_TIMESTAMP_STALE');
    expect(await counts()).toEqual(before);
  });

  it('a signed payout whose balance transactions do not add up to its amount is refused (400 WEBHOOK_EVENT_MALFORMED), nothing stored', async () => {
    const before = await counts();
    const event = JSON.parse(payoutJan().rawBody);
    const rawBody = JSON.stringify({ ...event, id: 'evt_broken', amount: event.amount + 1 });
    const at = Math.floor(w.t.clock.now().getTime() / 1000);
    expect((await deliver(rawBody, signWebhookPayload(rawBody, SECRET, at)).expect(400)).body.code).toBe('WEBHOOK_EVENT_MALFORMED');
    expect(await counts()).toEqual(before);
  });

  it('payout.paid becomes a statement: lines matched to the payments by charge, amount and date, the fees posted as an expense, the rest unmatched', async () => {
    const before = await counts();
    const event = payoutJan();
    expect((await deliver(event.rawBody, event.signatureHeader).expect(200)).body).toEqual({ received: true, duplicate: false });
    const inbox = (await w.t.db('payment_webhook_events').where({ event_id: event.event.id }).first())!;
    expect(inbox).toMatchObject({ type: 'payout.paid', outcome: 'applied', outcome_detail: 'Payout po_sb_0001: 4 lines, 2 matched' });
    const stored = (await statementOf('po_sb_0001'))!;
    expect(stored).toMatchObject({ source: 'payout', uploaded_by: null, mapping: null, webhook_event_id: inbox.id, line_count: 4 });

    const report = await reportOf(stored.id);
    expect(report.statement).toMatchObject({ source: 'payout', payoutReference: 'po_sb_0001', uploadedBy: null, currency: 'USD', from: '2027-01-14', to: '2027-01-14' });
    // Matched: 100.00 − 3.20 and 40.00 − 1.46 (gross 140.00, fees 4.66); unmatched: the refund (−15.00) and a charge we do not know (9.40 net).
    expect(report.matched).toEqual({ count: 2, gross: 140_00, fees: 4_66, net: 135_34, payments: 2 });
    expect(report.unmatched).toEqual({ count: 2, amount: -15_00 + 9_40 });
    const line = (ref: string) => report.lines.find((l: Body) => l.reference === ref);
    expect(line(card[0].gatewayReference)).toMatchObject({
      line: 1,
      status: 'matched',
      amount: 96_80,
      fee: 3_20,
      payments: [{ paymentId: card[0].id, amount: 100_00, matchedBy: null }],
    });
    expect(line(card[1].gatewayReference)).toMatchObject({ status: 'matched', amount: 38_54, fee: 1_46, payments: [{ paymentId: card[1].id }] });
    expect(line('sb_re_unknown')).toMatchObject({ status: 'unmatched', amount: -15_00, fee: 0, feeEntryId: null });
    expect(line('sb_ch_not_ours')).toMatchObject({ status: 'unmatched', amount: 9_40, fee: 59, feeEntryId: null });

    // The fees: processor fees (expense) debited, the card clearing credited, one entry per matched line, dated the arrival day.
    for (const [i, fee] of [
      [0, 3_20],
      [1, 1_46],
    ] as const) {
      const l = line(card[i].gatewayReference);
      const entry = (await w.t.db('journal_entries').where({ id: l.feeEntryId }).first())!;
      expect(entry).toMatchObject({ source_type: 'reconciliation', external_id: `reconciliation-line:${l.id}:fee`, effective_date: '2027-01-14', created_by: null });
      expect((await w.postingsOf(l.feeEntryId)).map((x) => [x.kind, x.owner_key, x.direction, Number(x.amount)]).sort()).toEqual([
        ['cash_clearing', 'card', 'credit', fee],
        ['processor_fees', '', 'debit', fee],
      ]);
    }
    expect(await w.balance({ kind: 'processor_fees', currency: 'USD' })).toBe(4_66);
    for (const t of await w.trialTotals()) expect(t.debits).toBe(t.credits);
    expect(await counts()).toEqual({
      ...before,
      inbox: before.inbox + 1,
      statements: before.statements + 1,
      lines: before.lines + 4,
      entries: before.entries + 2,
      matches: before.matches + 2,
    });
    expect(await w.t.db('audit_log').where({ action: 'statement.payout_import', entity_id: stored.id })).toHaveLength(1);

    // The unmatched lines are in the worklist (the finance user matches, splits or explains them there).
    const worklist = (await request(w.t.app).get(`/api/finance/reconciliation/lines?statementId=${stored.id}`).set(finance.auth).expect(200)).body;
    expect(worklist.items.map((l: Body) => l.reference).sort()).toEqual(['sb_ch_not_ours', 'sb_re_unknown']);
    const listed = (await request(w.t.app).get('/api/finance/statements').set(finance.auth).expect(200)).body.items.find((s: Body) => s.id === stored.id);
    expect(listed).toMatchObject({ source: 'payout', uploadedBy: null, counts: { matched: 2, unmatched: 2, explained: 0 } });
  });

  it('a redelivered event (same id) answers duplicate and changes nothing; the same payout under another event id stores nothing either', async () => {
    const before = await counts();
    const event = payoutJan();
    expect((await deliver(event.rawBody, event.signatureHeader).expect(200)).body).toEqual({ received: true, duplicate: true });
    expect(await counts()).toEqual(before);
    // Stripe may send a payout.paid again under a new event id: stored in the inbox (ignored), no second statement.
    const again = JSON.stringify({ ...event.event, id: 'evt_other_id_same_payout' });
    await deliver(again, signWebhookPayload(again, SECRET, Math.floor(w.t.clock.now().getTime() / 1000))).expect(200);
    expect(await counts()).toEqual({ ...before, inbox: before.inbox + 1 });
    expect(await w.t.db('payment_webhook_events').where({ event_id: 'evt_other_id_same_payout' }).first()).toMatchObject({ outcome: 'ignored' });
  });

  it('a payment already matched by a payout is not matched again by an uploaded statement line', async () => {
    const before = await counts();
    const csv = `Date,Amount,Fee,Reference\r\n2027-01-15,96.80,3.20,${card[0].gatewayReference}\r\n`;
    const res = await request(w.t.app)
      .post('/api/finance/statements')
      .set(finance.auth)
      .field('currency', 'USD')
      .field('dateColumn', 'Date')
      .field('amountColumn', 'Amount')
      .field('referenceColumn', 'Reference')
      .field('feeColumn', 'Fee')
      .attach('file', Buffer.from(csv), { filename: 'bank.csv', contentType: 'text/csv' })
      .expect(201);
    expect(res.body.matched.count).toBe(0);
    expect(res.body.unmatched.count).toBe(1);
    expect(await counts()).toMatchObject({ matches: before.matches, entries: before.entries });
  });

  it('payout.failed for a payout never imported is recorded only; after payout.paid its money goes back out as a line to explain', async () => {
    const before = await counts();
    const lost = gateway.payout({
      id: 'po_sb_0002',
      currency: 'USD',
      arrivalDate: '2027-01-15',
      transactions: [{ source: card[2].gatewayReference, amount: 25_00, fee: 1_03 }],
      failure: { code: 'account_closed', message: 'The bank account has been closed.' },
    });
    await deliver(lost.rawBody, lost.signatureHeader).expect(200);
    expect(await w.t.db('payment_webhook_events').where({ event_id: lost.event.id }).first()).toMatchObject({
      outcome: 'recorded',
      outcome_detail: 'Payout po_sb_0002 failed (account_closed: The bank account has been closed.): nothing reached the bank',
    });
    expect(await counts()).toEqual({ ...before, inbox: before.inbox + 1 });

    // The January payout is returned by the bank after it was paid.
    const returned = JSON.stringify({
      ...payoutJan().event,
      id: 'evt_payout_returned',
      type: 'payout.failed',
      payout: { arrivalDate: '2027-01-14', balanceTransactions: [], failureCode: 'could_not_process' },
    });
    await deliver(returned, signWebhookPayload(returned, SECRET, Math.floor(w.t.clock.now().getTime() / 1000))).expect(200);
    const failure = (await statementOf('po_sb_0001', 'payout_failure'))!;
    const report = await reportOf(failure.id);
    expect(report.statement).toMatchObject({ source: 'payout_failure', payoutReference: 'po_sb_0001', lineCount: 1, from: '2027-01-11' });
    expect(report.lines).toEqual([
      expect.objectContaining({ status: 'unmatched', amount: -(135_34 - 15_00 + 9_40), reference: 'po_sb_0001', description: 'Payout failed: could_not_process' }),
    ]);
    expect(await counts()).toMatchObject({ entries: before.entries, matches: before.matches });
  });

  it('only finance roles read the payout statements (an agent is 403)', async () => {
    const stored = (await statementOf('po_sb_0001'))!;
    await request(w.t.app)
      .get(`/api/finance/statements/${stored.id}/report`)
      .set((await w.as('agent')).auth)
      .expect(403);
  });
});
