// Voiding an invoice (issue 11: status open → … | void): an invoice raised in error is cancelled by a
// manager with a reason. Its charges (the installment's premium, a late fee) are reversed in the
// ledger, the premium's covered days are written back (so finance earns none of it), the invoice owes
// nothing and is never raised again; history and audit in the same transaction. An invoice that money
// has already paid (or a write-off settled) is refused: nothing is posted.
import crypto from 'node:crypto';
import request from 'supertest';
import type { TestApp } from '../../../../test/support/test-app';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { InvoiceService } from '../invoices.service';
import { LateFeeService } from '../late-fees.service';
import { billingWorld, type BillingWorld } from './billing-fixtures';
import { REMIND_INVOICES_JOB } from '..';

let w: BillingWorld;
let t: TestApp;
let invoices: InvoiceService;
let lateFees: LateFeeService;
const DAY = 86_400_000;
const USD = 'USD';

beforeAll(async () => {
  w = await billingWorld('policydesk_invoice_void', { startAt: '2027-01-31T10:00:00Z' });
  t = w.t;
  invoices = new InvoiceService(t.db, t.clock, w.ledger, t.services.audit, t.services.customerProfiles, 14);
  lateFees = new LateFeeService(t.db, t.clock, w.ledger, invoices, t.services.audit);
  await t.db('approval_limits').insert([{ role: 'manager', kind: 'write_off_amount', max_amount: 10_000_00, currency: USD, revision: 1, updated_at: new Date() }]);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

type Body = request.Response['body'];

const voidInvoice = (session: Session, invoiceId: string, body: object, key: string = crypto.randomUUID()) =>
  request(t.app).post(`/api/invoices/${invoiceId}/void`).set(session.auth).set('Idempotency-Key', key).send(body);

async function expectBalanced() {
  for (const c of await w.trialTotals()) expect(c.debits).toBe(c.credits);
  expect((await w.ledger.trialBalance(t.db)).balanced).toBe(true);
}

/** A policy whose first installment has been invoiced (nothing paid). */
async function invoicedPolicy() {
  const issued = await w.issuedPolicy();
  t.clock.advance(DAY);
  await invoices.raiseDue();
  const agent = await w.as('agent');
  const billing = await w.billingOf(agent, issued.policy.id);
  const invoice = billing.invoices[0] as { id: string; invoiceNumber: string; openAmount: number; status: string; total: number };
  return { ...issued, invoice, agent, billing };
}

describe('voiding an invoice', () => {
  it('by a manager: its charge reversed (pointing at it), its covered days written back, owes nothing, never raised again; history and audit', async () => {
    const { policy, customer, invoice, agent, billing } = await invoicedPolicy();
    expect(invoice.status).toBe('open');
    const { session: manager, userId: managerId } = await w.userAs('manager');
    const line = await t.db('invoice_lines').where({ invoice_id: invoice.id }).first();
    const billed = await t
      .db('journal_entries')
      .where({ external_id: `installment:${line.installment_id}:billed` })
      .first();

    const res = await voidInvoice(manager, invoice.id, { reason: '  Raised in error: the start date was corrected  ' }).expect(200);
    expect(res.body.invoice).toMatchObject({ id: invoice.id, status: 'void', openAmount: 0 });
    expect(res.body.reversalEntryIds).toHaveLength(1);

    // The reversal points at the premium billed, with every posting on the other side, on the invoice.
    const reversal = await t.db('journal_entries').where({ reverses_entry_id: billed.id }).first();
    expect(reversal).toMatchObject({ id: res.body.reversalEntryIds[0], external_id: `invoice:${invoice.id}:void:${billed.id}`, source_type: 'invoice', created_by: managerId });
    expect(await w.postingsOf(reversal.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'premium_receivable', owner_key: policy.id, direction: 'credit', amount: invoice.openAmount }),
        expect.objectContaining({ kind: 'unearned_premium', direction: 'debit', amount: invoice.openAmount }),
      ]),
    );
    // Finance earns none of it: the writing is mirrored over the same days.
    const writings = await t.db('premium_writings').whereIn('ledger_entry_id', [billed.id, reversal.id]).orderBy('amount', 'desc');
    expect(writings).toHaveLength(2);
    expect(Number(writings[0].amount)).toBe(invoice.openAmount);
    expect(Number(writings[1].amount)).toBe(-invoice.openAmount);
    expect([writings[1].covered_from, writings[1].covered_to]).toEqual([writings[0].covered_from, writings[0].covered_to]);

    const after = await w.billingOf(agent, policy.id);
    expect(after.invoices.find((i: Body) => i.id === invoice.id)).toMatchObject({ status: 'void', openAmount: 0 });
    expect(after.amountDue).toBe(billing.amountDue - invoice.openAmount);
    expect(await w.balance({ kind: 'premium_receivable', owner: policy.id, currency: USD })).toBe(billing.amountDue - invoice.openAmount);
    expect(await w.balance({ kind: 'customer_credit', owner: customer.id, currency: USD })).toBe(0);

    const history = await t.db('invoice_status_history').where({ invoice_id: invoice.id, to_status: 'void' });
    expect(history).toEqual([expect.objectContaining({ from_status: 'open', reason: 'Voided: Raised in error: the start date was corrected', changed_by: managerId })]);
    const audit = await t.db('audit_log').where({ entity_id: invoice.id, action: 'invoice.void' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: managerId });

    // Once: a second void is refused and posts nothing; the invoice job never raises the installment again.
    const again = await voidInvoice(manager, invoice.id, { reason: 'Twice' }).expect(409);
    expect(again.body).toMatchObject({ code: 'INVOICE_NOT_VOIDABLE', currentStatus: 'void' });
    expect(await t.db('journal_entries').where({ reverses_entry_id: billed.id })).toHaveLength(1);
    await invoices.raiseDue();
    expect(await t.db('invoice_lines').where({ installment_id: line.installment_id })).toHaveLength(1);
    // Nor does it go overdue or get a late fee.
    t.clock.advance(40 * DAY);
    await invoices.markOverdue();
    await t
      .db('billing_policies')
      .where({ policy_id: policy.id })
      .update({ late_fee: JSON.stringify({ kind: 'flat', amount: 15_00, afterDays: 0 }) });
    await lateFees.assessDue();
    expect((await t.db('invoices').where({ id: invoice.id }).first()).status).toBe('void');
    expect(await t.db('invoice_lines').where({ invoice_id: invoice.id, kind: 'late_fee' })).toHaveLength(0);
    await expectBalanced();
  });

  it('reverses a late fee charged on it too; a fee already waived is not reversed again', async () => {
    const { policy, invoice } = await invoicedPolicy();
    await t
      .db('billing_policies')
      .where({ policy_id: policy.id })
      .update({ late_fee: JSON.stringify({ kind: 'flat', amount: 15_00, afterDays: 0 }) });
    t.clock.advance(20 * DAY);
    await invoices.markOverdue();
    await lateFees.assessDue();
    const fee = await t.db('invoice_lines').where({ invoice_id: invoice.id, kind: 'late_fee' }).first();
    expect(fee).toBeDefined();
    expect((await t.db('invoices').where({ id: invoice.id }).first()).status).toBe('overdue');

    const manager = await w.as('manager');
    const res = await voidInvoice(manager, invoice.id, { reason: 'Cover never started: invoiced in error' }).expect(200);
    expect(res.body.invoice).toMatchObject({ status: 'void', openAmount: 0 });
    expect(res.body.reversalEntryIds).toHaveLength(2);
    const feeReversal = await t.db('journal_entries').where({ reverses_entry_id: fee.ledger_entry_id }).first();
    expect(feeReversal.external_id).toBe(`invoice:${invoice.id}:void:${fee.ledger_entry_id}`);
    // Its fee is no longer charged: waiving it now is refused, nothing posted.
    const waiveVoid = await request(t.app)
      .post(`/api/invoices/${invoice.id}/lines/${fee.id}/waive`)
      .set((await w.as('senior_agent')).auth)
      .send({ reason: 'Too late' })
      .expect(409);
    expect(waiveVoid.body.code).toBe('INVOICE_VOID');
    expect(await t.db('journal_entries').where({ reverses_entry_id: fee.ledger_entry_id })).toHaveLength(1);
    expect(await w.balance({ kind: 'premium_receivable', owner: policy.id, currency: USD })).toBe(0);

    // A fee already waived (its entry reversed) is left alone: only the premium is reversed.
    const waived = await invoicedPolicy();
    await t
      .db('billing_policies')
      .where({ policy_id: waived.policy.id })
      .update({ late_fee: JSON.stringify({ kind: 'flat', amount: 15_00, afterDays: 0 }) });
    t.clock.advance(2 * DAY);
    await invoices.markOverdue();
    await lateFees.assessDue();
    const waivedFee = await t.db('invoice_lines').where({ invoice_id: waived.invoice.id, kind: 'late_fee' }).first();
    await request(t.app)
      .post(`/api/invoices/${waived.invoice.id}/lines/${waivedFee.id}/waive`)
      .set((await w.as('senior_agent')).auth)
      .send({ reason: 'First time late' })
      .expect(200);
    const second = await voidInvoice(await w.as('manager'), waived.invoice.id, { reason: 'Invoiced in error' }).expect(200);
    expect(second.body.reversalEntryIds).toHaveLength(1);
    expect(await t.db('journal_entries').where({ reverses_entry_id: waivedFee.ledger_entry_id })).toHaveLength(1);
    expect(await w.balance({ kind: 'premium_receivable', owner: waived.policy.id, currency: USD })).toBe(0);
    await expectBalanced();
  });

  it('withdraws the invoice’s reminder and dunning messages queued before the void and not sent yet: the sender never takes them; other messages it still does', async () => {
    const { customer, policy } = await invoicedPolicy();
    // The next installment: raised 14 days ahead; three days before it falls due the daily reminder run
    // queues its reminder (the sender has not run yet).
    const next = (await t
      .db('billing_installments')
      .where({ policy_id: policy.id })
      .whereNull('invoice_id')
      .orderBy('due_date')
      .first(t.db.raw(`to_char(due_date, 'YYYY-MM-DD') AS due`))) as { due: string };
    t.clock.set(`${next.due}T10:00:00Z`);
    t.clock.advance(-3 * DAY);
    await invoices.raiseDue();
    await t.jobs.runNow(REMIND_INVOICES_JOB, {});
    const invoice = (await w.billingOf(await w.as('agent'), policy.id)).invoices.find((i: Body) => i.dueDate === next.due) as Body;
    const outbox = (key: string) => t.db('notification_outbox').where({ idempotency_key: key }).first();
    expect(await outbox(`invoice:${invoice.id}:reminder`)).toMatchObject({ status: 'pending', attempts: 0, customer_id: customer.id });
    // A dunning step's message (as collections' job keys it) and an unrelated message of the same customer.
    const otherKey = `dunning:${crypto.randomUUID()}:first-reminder`;
    const data = { invoiceNumber: invoice.invoiceNumber, policyNumber: policy.policyNumber as string, amount: '10.00', dueDate: next.due, daysPastDue: 3 };
    await t.db.transaction(async (trx) => {
      await t.services.notifications.tellCustomer(trx, { customerId: customer.id, template: 'dunning-reminder', data, idempotencyKey: `dunning:${invoice.id}:first-reminder` });
      await t.services.notifications.tellCustomer(trx, { customerId: customer.id, template: 'dunning-reminder', data, idempotencyKey: otherKey });
    });

    await voidInvoice(await w.as('manager'), invoice.id, { reason: 'Raised in error' }).expect(200);
    for (const key of [`invoice:${invoice.id}:reminder`, `dunning:${invoice.id}:first-reminder`]) {
      expect(await outbox(key)).toMatchObject({ status: 'withdrawn', attempts: 0, last_error: `Withdrawn: invoice ${invoice.invoiceNumber} voided` });
    }
    const audit = await t.db('audit_log').where({ action: 'invoice.void', entity_id: invoice.id }).first();
    expect(audit.metadata.withdrawnMessages).toBe(2);

    // The sender runs: it tries the unrelated message (this test setup has no SMTP server, so it fails and
    // will retry), never the withdrawn ones — not now, not after any retry delay.
    await t.services.notifications.sendDue();
    expect(await outbox(otherKey)).toMatchObject({ attempts: 1 });
    t.clock.advance(DAY);
    await t.services.notifications.sendDue();
    for (const key of [`invoice:${invoice.id}:reminder`, `dunning:${invoice.id}:first-reminder`]) expect(await outbox(key)).toMatchObject({ status: 'withdrawn', attempts: 0 });
    // Withdrawn is final: the reminder job does not queue a voided invoice's reminder again.
    await t.jobs.runNow(REMIND_INVOICES_JOB, {});
    expect(await t.db('notification_outbox').where({ idempotency_key: `invoice:${invoice.id}:reminder` })).toHaveLength(1);
  });

  it('refuses an invoice money has paid (in part) or a write-off settled, and a paid one: 409 INVOICE_NOT_VOIDABLE, nothing posted', async () => {
    const { policy, invoice, agent } = await invoicedPolicy();
    await w.pay(agent, { policyId: policy.id, method: 'cash', amount: 10_00, currency: USD }).expect(201);
    const manager = await w.as('manager');
    const entriesBefore = Number((await t.db('journal_entries').count('* as c'))[0]!.c);
    const partly = await voidInvoice(manager, invoice.id, { reason: 'Raised in error' }).expect(409);
    expect(partly.body).toMatchObject({ code: 'INVOICE_NOT_VOIDABLE', currentStatus: 'partially_paid', charged: invoice.openAmount, openAmount: invoice.openAmount - 10_00 });

    const second = await invoicedPolicy();
    const freshManager = await w.as('manager'); // the clock moved: logins expire
    await request(t.app)
      .post(`/api/invoices/${second.invoice.id}/write-off`)
      .set(freshManager.auth)
      .set('Idempotency-Key', crypto.randomUUID())
      .send({ amount: 1_00, reason: 'Rounding' })
      .expect(201);
    const entriesAfterWriteOff = Number((await t.db('journal_entries').count('* as c'))[0]!.c);
    expect((await voidInvoice(freshManager, second.invoice.id, { reason: 'Raised in error' }).expect(409)).body).toMatchObject({
      code: 'INVOICE_NOT_VOIDABLE',
      openAmount: second.invoice.openAmount - 1_00,
    });

    const third = await invoicedPolicy();
    await w.pay(third.agent, { policyId: third.policy.id, method: 'cash', amount: third.invoice.openAmount, currency: USD }).expect(201);
    expect((await voidInvoice(await w.as('manager'), third.invoice.id, { reason: 'Raised in error' }).expect(409)).body).toMatchObject({
      code: 'INVOICE_NOT_VOIDABLE',
      currentStatus: 'paid',
    });

    // Only the write-off and the payments posted: the refusals wrote nothing.
    expect(Number((await t.db('journal_entries').count('* as c'))[0]!.c)).toBeGreaterThan(entriesBefore);
    expect(await t.db('journal_entries').where('external_id', 'like', `invoice:${invoice.id}:void:%`)).toHaveLength(0);
    expect(await t.db('journal_entries').where('external_id', 'like', `invoice:${second.invoice.id}:void:%`)).toHaveLength(0);
    expect(entriesAfterWriteOff).toBeGreaterThan(entriesBefore);
    expect(await t.db('audit_log').whereIn('entity_id', [invoice.id, second.invoice.id, third.invoice.id]).where({ action: 'invoice.void' })).toHaveLength(0);
    await expectBalanced();
  });

  it('is for managers of the invoice’s branch: agents and senior agents 403, another branch 404, a reason is required (400), an unknown invoice 404', async () => {
    const { invoice } = await invoicedPolicy();
    expect((await voidInvoice(await w.as('agent'), invoice.id, { reason: 'Not mine to void' }).expect(403)).body.code).toBe('PERMISSION_DENIED');
    await voidInvoice(await w.as('senior_agent'), invoice.id, { reason: 'Not mine to void' }).expect(403);
    expect((await voidInvoice(await w.as('manager', w.otherBranch), invoice.id, { reason: 'Another branch' }).expect(404)).body.code).toBe('NOT_FOUND');
    const manager = await w.as('manager');
    const noReason = await voidInvoice(manager, invoice.id, { reason: ' ' }).expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    await voidInvoice(manager, crypto.randomUUID(), { reason: 'Unknown invoice' }).expect(404);
    expect((await t.db('invoices').where({ id: invoice.id }).first()).status).toBe('open');
  });

  it('takes an Idempotency-Key: a retry after a lost answer replays the same 200; no key is 400, nothing posted', async () => {
    const { invoice } = await invoicedPolicy();
    const manager = await w.as('manager');
    const noKey = await request(t.app).post(`/api/invoices/${invoice.id}/void`).set(manager.auth).send({ reason: 'Raised in error' }).expect(400);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect((await t.db('invoices').where({ id: invoice.id }).first()).status).toBe('open');
    const key = crypto.randomUUID();
    const first = await voidInvoice(manager, invoice.id, { reason: 'Raised in error' }, key).expect(200);
    const again = await voidInvoice(manager, invoice.id, { reason: 'Raised in error' }, key).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    // A new key is a new request: the invoice is void already.
    expect((await voidInvoice(manager, invoice.id, { reason: 'Raised in error' }).expect(409)).body.code).toBe('INVOICE_NOT_VOIDABLE');
    expect(await t.db('journal_entries').where('external_id', 'like', `invoice:${invoice.id}:void:%`)).toHaveLength(1);
  });

  it('ten concurrent voids of one invoice: one wins, the others are 409, its charge reversed once', async () => {
    const { invoice } = await invoicedPolicy();
    const manager = await w.as('manager');
    const answers = await Promise.all(Array.from({ length: 10 }, () => voidInvoice(manager, invoice.id, { reason: 'Raised in error' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(await t.db('journal_entries').where('external_id', 'like', `invoice:${invoice.id}:void:%`)).toHaveLength(1);
    await expectBalanced();
  });
});
