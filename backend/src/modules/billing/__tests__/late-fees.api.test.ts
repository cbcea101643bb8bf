// Late fees and waivers on a real PostgreSQL: the product version's rule (flat, percentage with a cap,
// none, absent) copied to billing at issuance; the daily job `billing.assess-late-fees` charging each
// unpaid invoice once, after afterDays, run twice, concurrently and after downtime; the fee paid by a
// payment; and the waiver (permission, reason, branch scope, one waiver, ledger reversal, audit, the
// paid part of a fee back to the customer's credit, a chargeback afterwards). Policies are issued
// through the real approval: a database of its own (the billing world).
import crypto from 'node:crypto';
import request from 'supertest';
import type { LateFeeRule } from '../../../contracts/products';
import type { TestApp } from '../../../../test/support/test-app';
import { publishNewVersion, publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { ASSESS_LATE_FEES_JOB, MARK_OVERDUE_JOB, RAISE_INVOICES_JOB } from '../index';
import { lateFeeFor } from '../late-fee';
import { addDays } from '../../../platform/calendar';
import type { SandboxGateway } from '../sandbox-gateway';
import { billingWorld, type BillingWorld } from './billing-fixtures';

let w: BillingWorld;
let t: TestApp;

const FLAT: LateFeeRule = { kind: 'flat', amount: 15_00, afterDays: 10 };
const PERCENT: LateFeeRule = { kind: 'percentage', rate: '0.05', cap: 100_00, afterDays: 5 };
const PERCENT_CAPPED: LateFeeRule = { kind: 'percentage', rate: '0.5', cap: 4_00, afterDays: 0 };
const products: Record<'flat' | 'percent' | 'capped' | 'none' | 'absent' | 'versioned', string> = { flat: '', percent: '', capped: '', none: '', absent: '', versioned: '' };

beforeAll(async () => {
  w = await billingWorld('policydesk_late_fees', { startAt: '2027-03-01T10:00:00Z' });
  t = w.t;
  const publish = async (code: string, definition: object) => (await publishProduct(t, w.admin, { code, name: `Late fee test ${code}`, category: 'life', definition })).id;
  const { lateFee: _catalogRule, ...withoutRule } = termLife;
  products.flat = await publish('LF_FLAT', { ...termLife, lateFee: FLAT });
  products.percent = await publish('LF_PCT', { ...termLife, lateFee: PERCENT });
  products.capped = await publish('LF_CAP', { ...termLife, lateFee: PERCENT_CAPPED });
  products.none = await publish('LF_NONE', { ...termLife, lateFee: { kind: 'none' } });
  products.absent = await publish('LF_ABSENT', withoutRule);
  products.versioned = await publish('LF_VER', { ...termLife, lateFee: FLAT });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

type Body = request.Response['body'];
interface Line {
  id: string;
  kind: string;
  amount: number;
  description: string;
  waived: { at: string; by: { id: string; name: string }; reason: string } | null;
}
interface Inv {
  id: string;
  invoiceNumber: string;
  dueDate: string;
  status: string;
  total: number;
  openAmount: number;
  lines: Line[];
}

const on = (date: string) => t.clock.set(`${date}T10:00:00Z`);
const runJob = (name: string) => t.jobs.runNow(name, {});
/** The daily jobs in their scheduled order. */
async function dailyJobs() {
  await runJob(RAISE_INVOICES_JOB);
  await runJob(MARK_OVERDUE_JOB);
  await runJob(ASSESS_LATE_FEES_JOB);
}

/** A policy of `product` issued today with its first invoice raised (due today, the start date). */
async function policyOf(product: keyof typeof products) {
  const issued = await w.issuedPolicy({ productId: products[product] });
  await runJob(RAISE_INVOICES_JOB);
  const billing = await w.billingOf(await w.as('agent'), issued.policy.id);
  const first = billing.invoices[0] as Inv;
  expect(first.dueDate).toBe(t.clock.businessDate());
  return { ...issued, first };
}

const invoiceOf = async (session: Session, policyId: string, invoiceId: string): Promise<Inv> =>
  ((await w.billingOf(session, policyId)).invoices as Inv[]).find((i) => i.id === invoiceId)!;
const feeLines = (invoiceId: string) => t.db('invoice_lines').where({ invoice_id: invoiceId, kind: 'late_fee' });
const waive = (session: Session, invoiceId: string, lineId: string, body: object) =>
  request(t.app).post(`/api/invoices/${invoiceId}/lines/${lineId}/waive`).set(session.auth).send(body);

describe('the late-fee rule of the product version', () => {
  it('is copied to billing at issuance (none when the version has none or no rule), and a later version does not change an issued policy', async () => {
    on('2027-03-01');
    const agent = await w.as('agent');
    const versioned = await policyOf('versioned');
    const none = await policyOf('none');
    const absent = await policyOf('absent');
    expect((await w.billingOf(agent, versioned.policy.id)).lateFee).toEqual(FLAT);
    expect((await w.billingOf(agent, none.policy.id)).lateFee).toEqual({ kind: 'none' });
    expect((await w.billingOf(agent, absent.policy.id)).lateFee).toEqual({ kind: 'none' });

    await publishNewVersion(t, await w.as('admin'), products.versioned, { ...termLife, lateFee: { kind: 'flat', amount: 99_00, afterDays: 1 } });
    expect((await w.billingOf(agent, versioned.policy.id)).lateFee).toEqual(FLAT);
    // Policies sold from now on carry the new version's rule.
    const later = await w.issuedPolicy({ productId: products.versioned });
    expect((await w.billingOf(agent, later.policy.id)).lateFee).toEqual({ kind: 'flat', amount: 99_00, afterDays: 1 });

    // No fee ever for none and absent, however late.
    on('2027-05-15');
    await dailyJobs();
    for (const p of [none, absent]) {
      expect(await feeLines(p.first.id)).toHaveLength(0);
      expect((await invoiceOf(await w.as('agent'), p.policy.id, p.first.id)).status).toBe('overdue');
    }
  });

  it('refuses a bad rule in a product definition with 400 naming the field under definition.lateFee', async () => {
    const admin = await w.as('admin');
    const create = (lateFee: object) =>
      request(t.app)
        .post('/api/products')
        .set(admin.auth)
        .send({ code: 'LF_BAD', name: 'Bad late fee', category: 'life', description: 'x', currency: 'USD', definition: { ...termLife, lateFee } });
    const pathsOf = (res: request.Response) => (res.body.errors as { path: string }[]).map((e) => e.path);

    const asWhole = await create({ kind: 'percentage', rate: '5', cap: 10_00, afterDays: 3 }).expect(400);
    expect(asWhole.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(pathsOf(asWhole)).toEqual(['definition.lateFee.rate']);
    expect(pathsOf(await create({ kind: 'percentage', rate: '0.05', afterDays: 3 }).expect(400))).toEqual(['definition.lateFee.cap']);
    expect(pathsOf(await create({ kind: 'flat', amount: 0, afterDays: 3 }).expect(400))).toEqual(['definition.lateFee.amount']);
    expect(pathsOf(await create({ kind: 'flat', amount: 10_00, afterDays: -1 }).expect(400))).toEqual(['definition.lateFee.afterDays']);
    expect(pathsOf(await create({ kind: 'daily', amount: 10_00, afterDays: 3 }).expect(400))[0]).toMatch(/^definition\.lateFee/);

    // A good rule is kept as given and shown with the version.
    const ok = (await create({ kind: 'flat', amount: 12_50, afterDays: 7 }).expect(201)).body;
    expect(ok.draftVersion.definition.lateFee).toEqual({ kind: 'flat', amount: 12_50, afterDays: 7 });
  });
});

describe('the daily job billing.assess-late-fees', () => {
  it('charges a flat fee once the installment is MORE than afterDays past due, as its own line and feeCharged entry, once however often it runs', async () => {
    on('2027-06-01');
    const { policy, customer, first } = await policyOf('flat');
    const installment = first.openAmount;

    on(addDays(first.dueDate, 10));
    await dailyJobs();
    expect(await feeLines(first.id)).toHaveLength(0);
    expect((await invoiceOf(await w.as('agent'), policy.id, first.id)).status).toBe('overdue');

    on(addDays(first.dueDate, 11));
    await dailyJobs();
    await runJob(ASSESS_LATE_FEES_JOB);
    await Promise.all([runJob(ASSESS_LATE_FEES_JOB), runJob(ASSESS_LATE_FEES_JOB)]);
    on(addDays(first.dueDate, 12));
    await dailyJobs();

    const agent = await w.as('agent');
    const billing = await w.billingOf(agent, policy.id);
    const invoice = (billing.invoices as Inv[]).find((i) => i.id === first.id)!;
    expect(invoice).toMatchObject({ status: 'overdue', total: installment + 15_00, openAmount: installment + 15_00 });
    const fee = invoice.lines.filter((l) => l.kind === 'late_fee');
    expect(fee).toEqual([{ id: expect.any(String), kind: 'late_fee', amount: 15_00, description: expect.stringMatching(/^Late fee: /), waived: null }]);
    expect(billing.amountDue).toBe(installment + 15_00);
    expect(billing.overdueAmount).toBe(installment + 15_00);

    const entries = await w.entriesOf('fee', first.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ external_id: `invoice:${first.id}:late-fee`, effective_date: addDays(first.dueDate, 11), policy_id: policy.id, customer_id: customer.id });
    expect(await w.postingsOf(entries[0].id)).toEqual(
      expect.arrayContaining([
        { kind: 'premium_receivable', owner_key: policy.id, direction: 'debit', amount: 15_00, currency: 'USD' },
        { kind: 'fee_income', owner_key: '', direction: 'credit', amount: 15_00, currency: 'USD' },
      ]),
    );
    expect(await t.db('postings').where({ entry_id: entries[0].id, invoice_id: first.id })).toHaveLength(1);
    expect(await t.db('audit_log').where({ action: 'invoice.late_fee_charged', entity_id: first.id }).whereNull('actor_user_id')).toHaveLength(1);
    expect(await w.balance({ kind: 'premium_receivable', owner: policy.id, currency: 'USD' })).toBe(billing.amountDue);
  });

  it('charges a percentage of what is still unpaid of the installment, rounded half-even, and never more than the cap', async () => {
    on('2027-09-01');
    const percent = await policyOf('percent');
    const capped = await policyOf('capped');
    // Part of the first installment is paid before the fee falls due: the fee is on the rest.
    const agent = await w.as('agent');
    const paid = 7_77;
    await w.pay(agent, { policyId: percent.policy.id, method: 'cash', amount: paid, currency: 'USD' }).expect(201);

    // afterDays 5: nothing on day 5, the fee on day 6; afterDays 0: from the first day late.
    on(addDays(percent.first.dueDate, 5));
    await dailyJobs();
    expect(await feeLines(percent.first.id)).toHaveLength(0);
    expect(await feeLines(capped.first.id)).toHaveLength(1);
    on(addDays(percent.first.dueDate, 6));
    await dailyJobs();

    const unpaid = percent.first.openAmount - paid;
    const [fee] = await feeLines(percent.first.id);
    const expected = lateFeeFor(PERCENT, unpaid, 6);
    expect(Number(fee.amount)).toBe(expected);
    // 5 % of the unpaid amount, to the cent, below the cap.
    expect(Math.abs(Number(fee.amount) - unpaid * 0.05)).toBeLessThanOrEqual(0.5);
    expect(Number(fee.amount)).toBeLessThan(100_00);
    expect(await invoiceOf(await w.as('agent'), percent.policy.id, percent.first.id)).toMatchObject({ openAmount: unpaid + expected, status: 'overdue' });

    // 50 % of the installment is far above 4.00: capped.
    const [cap] = await feeLines(capped.first.id);
    expect(Number(cap.amount)).toBe(4_00);
    expect((await w.entriesOf('fee', capped.first.id))[0]).toMatchObject({ effective_date: addDays(capped.first.dueDate, 1) });
  });

  it('catches up after downtime: every invoice past its afterDays is charged once, each dated the day its fee fell due', async () => {
    on('2027-12-01');
    const { policy, first } = await policyOf('flat');
    // Nothing runs for 50 days: two installments are past their afterDays, a third invoice is not due yet.
    on(addDays(first.dueDate, 50));
    await dailyJobs();
    const invoices = (await w.billingOf(await w.as('agent'), policy.id)).invoices as Inv[];
    const pastAfterDays = invoices.filter((i) => i.dueDate < addDays(t.clock.businessDate(), -10));
    const notYet = invoices.filter((i) => i.dueDate >= addDays(t.clock.businessDate(), -10));
    expect(pastAfterDays.length).toBeGreaterThanOrEqual(2);
    expect(notYet.length).toBeGreaterThanOrEqual(1);
    for (const i of pastAfterDays) {
      expect(i.lines.filter((l) => l.kind === 'late_fee').map((l) => l.amount)).toEqual([15_00]);
      expect((await w.entriesOf('fee', i.id)).map((e) => e.effective_date)).toEqual([addDays(i.dueDate, 11)]);
    }
    for (const i of notYet) expect(await feeLines(i.id)).toHaveLength(0);
    await dailyJobs();
    for (const i of pastAfterDays) expect(await feeLines(i.id)).toHaveLength(1);
  });

  it('the fee is paid by payments like the installment: the invoice stays overdue until the fee is paid too', async () => {
    on('2028-03-01');
    const { policy, first } = await policyOf('flat');
    on(addDays(first.dueDate, 11));
    await dailyJobs();
    const agent = await w.as('agent');
    const installment = first.openAmount;

    const paidInstallment = (await w.pay(agent, { policyId: policy.id, method: 'cash', amount: installment, currency: 'USD' }).expect(201)).body;
    expect(paidInstallment.allocations).toEqual([expect.objectContaining({ invoiceId: first.id, amount: installment })]);
    expect(await invoiceOf(agent, policy.id, first.id)).toMatchObject({ status: 'overdue', openAmount: 15_00, total: installment + 15_00 });

    const paidFee = (await w.pay(agent, { policyId: policy.id, method: 'cash', amount: 15_00, currency: 'USD' }).expect(201)).body;
    expect(paidFee.allocations).toEqual([expect.objectContaining({ invoiceId: first.id, amount: 15_00 })]);
    expect(await invoiceOf(agent, policy.id, first.id)).toMatchObject({ status: 'paid', openAmount: 0 });
    expect(await w.balance({ kind: 'premium_receivable', owner: policy.id, currency: 'USD' })).toBe(0);
    // A paid invoice is never charged again.
    on(addDays(first.dueDate, 13));
    await runJob(ASSESS_LATE_FEES_JOB);
    expect(await feeLines(first.id)).toHaveLength(1);
  });
});

describe('waiving a late fee', () => {
  /** A flat-fee policy whose first invoice carries its 15.00 fee (charged on day 11). */
  async function charged(start: string) {
    on(start);
    const p = await policyOf('flat');
    on(addDays(p.first.dueDate, 11));
    await dailyJobs();
    const [line] = await feeLines(p.first.id);
    expect(line).toBeDefined();
    return { ...p, lineId: line.id as string, installment: p.first.openAmount };
  }

  it('is for senior agents and managers of the invoice’s branch, with a reason of 3 to 500 characters, on a charged late fee only', async () => {
    const { first, lineId } = await charged('2028-06-01');
    const reason = { reason: 'First late payment in ten years' };
    const body = (res: request.Response) => res.body as Body;

    expect(body(await waive(await w.as('agent'), first.id, lineId, reason).expect(403)).code).toBeDefined();
    expect(body(await waive(await w.as('underwriter'), first.id, lineId, reason).expect(403)).code).toBeDefined();
    // Another branch's invoice does not exist for them.
    expect(body(await waive(await w.as('senior_agent', w.otherBranch), first.id, lineId, reason).expect(404)).code).toBe('NOT_FOUND');
    expect(body(await waive(await w.as('manager', w.otherBranch), first.id, lineId, reason).expect(404)).code).toBe('NOT_FOUND');

    const senior = await w.as('senior_agent');
    const missing = await waive(senior, first.id, lineId, {}).expect(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    expect((await waive(senior, first.id, lineId, { reason: '  ok  ' }).expect(400)).body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    expect((await waive(senior, first.id, lineId, { reason: 'x'.repeat(501) }).expect(400)).body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    await waive(senior, first.id, 'not-a-uuid', reason).expect(400);

    // The installment line is not a fee; another invoice's line, or none, is not found.
    const installmentLine = (await t.db('invoice_lines').where({ invoice_id: first.id, kind: 'installment' }).first()).id;
    expect((await waive(senior, first.id, installmentLine, reason).expect(409)).body.code).toBe('INVOICE_LINE_NOT_A_LATE_FEE');
    await waive(senior, first.id, crypto.randomUUID(), reason).expect(404);
    await waive(senior, crypto.randomUUID(), lineId, reason).expect(404);
    // Nothing was written by any of these.
    expect(await t.db('invoice_lines').where({ id: lineId }).whereNotNull('waived_at')).toHaveLength(0);
    expect(await w.entriesOf('waiver', lineId)).toHaveLength(0);
  });

  it('by a senior agent: the fee entry reversed, the line marked waived (who, when, why), the invoice amount drops, audited; a second waiver is 409 and no fee comes back', async () => {
    const { policy, first, lineId, installment } = await charged('2028-09-01');
    const { session: senior, userId } = await w.userAs('senior_agent');
    const feeIncomeBefore = await w.balance({ kind: 'fee_income', currency: 'USD' });

    const res = await waive(senior, first.id, lineId, { reason: '  Customer was in hospital  ' }).expect(200);
    expect(res.body).toMatchObject({ creditReturned: 0, invoice: { id: first.id, status: 'overdue', total: installment, openAmount: installment } });
    const line = (res.body.invoice.lines as Line[]).find((l) => l.id === lineId)!;
    expect(line).toMatchObject({
      kind: 'late_fee',
      amount: 15_00,
      waived: { by: { id: userId, name: expect.any(String) }, reason: 'Customer was in hospital', at: expect.any(String) },
    });

    const billing = await w.billingOf(await w.as('agent'), policy.id);
    expect(billing.amountDue).toBe(installment);
    expect((billing.invoices as Inv[])[0]).toMatchObject({ total: installment, openAmount: installment });

    const [fee] = await w.entriesOf('fee', first.id);
    const [reversal] = await w.entriesOf('waiver', lineId);
    expect(reversal).toMatchObject({ external_id: `invoice-line:${lineId}:waived`, reverses_entry_id: fee.id, created_by: userId, policy_id: policy.id });
    expect(await w.postingsOf(reversal.id)).toEqual(
      expect.arrayContaining([
        { kind: 'premium_receivable', owner_key: policy.id, direction: 'credit', amount: 15_00, currency: 'USD' },
        { kind: 'fee_income', owner_key: '', direction: 'debit', amount: 15_00, currency: 'USD' },
      ]),
    );
    expect(await w.balance({ kind: 'fee_income', currency: 'USD' })).toBe(feeIncomeBefore - 15_00);
    expect(await w.balance({ kind: 'premium_receivable', owner: policy.id, currency: 'USD' })).toBe(billing.amountDue);
    for (const { debits, credits } of await w.trialTotals()) expect(debits).toBe(credits);
    expect((await w.ledger.trialBalance(t.db)).balanced).toBe(true);

    const audit = await t.db('audit_log').where({ action: 'invoice.late_fee_waived', entity_id: first.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: userId });
    expect(audit[0].metadata).toMatchObject({ lineId, amount: 15_00, reason: 'Customer was in hospital', reversalEntryId: reversal.id, creditReturned: 0 });
    expect(await t.db('audit_log').where({ action: 'ledger.reverse', entity_id: reversal.id })).toHaveLength(1);

    const again = await waive(await w.as('manager'), first.id, lineId, { reason: 'Twice' }).expect(409);
    expect(again.body.code).toBe('LATE_FEE_ALREADY_WAIVED');
    expect(await w.entriesOf('waiver', lineId)).toHaveLength(1);
    // The job does not charge the invoice again.
    on(addDays(first.dueDate, 12));
    await dailyJobs();
    expect(await feeLines(first.id)).toHaveLength(1);
    expect((await invoiceOf(await w.as('agent'), policy.id, first.id)).openAmount).toBe(installment);
  });

  it('by a manager when only the fee is open: the invoice becomes paid, with its history', async () => {
    const { policy, first, lineId, installment } = await charged('2028-12-01');
    await w.pay(await w.as('agent'), { policyId: policy.id, method: 'cash', amount: installment, currency: 'USD' }).expect(201);
    const { session: manager, userId } = await w.userAs('manager');
    const res = await waive(manager, first.id, lineId, { reason: 'Bank delay, not the customer' }).expect(200);
    expect(res.body.invoice).toMatchObject({ status: 'paid', openAmount: 0, total: installment });
    expect(res.body.creditReturned).toBe(0);
    const history = await t.db('invoice_status_history').where({ invoice_id: first.id }).orderBy('id');
    expect(history.at(-1)).toMatchObject({ from_status: 'overdue', to_status: 'paid', changed_by: userId, reason: 'Late fee waived: Bank delay, not the customer' });
    expect(await w.balance({ kind: 'premium_receivable', owner: policy.id, currency: 'USD' })).toBe(0);
  });

  it('when part of the fee was paid: that part goes back to the customer’s credit, the receivable never goes below zero; a chargeback afterwards owes exactly the installment', async () => {
    const { policy, customer, first, lineId, installment } = await charged('2029-03-01');
    const agent = await w.as('agent');
    // 10.00 of the 15.00 fee paid, by card (so it can be charged back).
    const payment = (await w.pay(agent, { policyId: policy.id, method: 'card', amount: installment + 10_00, currency: 'USD' }).expect(201)).body;
    expect(payment.status).toBe('succeeded');
    expect(await invoiceOf(agent, policy.id, first.id)).toMatchObject({ status: 'overdue', openAmount: 5_00 });

    const res = await waive(await w.as('senior_agent'), first.id, lineId, { reason: 'Goodwill' }).expect(200);
    expect(res.body).toMatchObject({ creditReturned: 10_00, invoice: { status: 'paid', openAmount: 0, total: installment } });
    const [back] = await t.db('journal_entries').where({ external_id: `invoice-line:${lineId}:waived:credit` });
    expect(back).toMatchObject({ source_type: 'reallocation', source_id: lineId });
    expect(await w.balance({ kind: 'premium_receivable', owner: policy.id, currency: 'USD' })).toBe(0);
    expect(await w.balance({ kind: 'customer_credit', owner: customer.id, currency: 'USD' })).toBe(10_00);
    expect((await w.billingOf(agent, policy.id)).credit).toBe(10_00);
    // The invoice's receivable postings sum to zero: not below.
    const { rows } = await t.db.raw(
      `SELECT coalesce(sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END), 0)::bigint AS open FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.invoice_id = ? AND a.kind = 'premium_receivable'`,
      [first.id],
    );
    expect(Number(rows[0].open)).toBe(0);

    // The card payment is charged back: the credit it left goes, and the invoice owes its installment — not the waived fee.
    const dispute = (t.services.paymentGateway as SandboxGateway).openDispute(payment.gatewayReference);
    await request(t.app).post('/api/webhooks/payments').set('Content-Type', 'application/json').set('Stripe-Signature', dispute.signatureHeader).send(dispute.rawBody).expect(200);
    expect(await invoiceOf(await w.as('agent'), policy.id, first.id)).toMatchObject({ status: 'overdue', openAmount: installment, total: installment });
    expect(await w.balance({ kind: 'customer_credit', owner: customer.id, currency: 'USD' })).toBe(0);
    expect((await w.ledger.trialBalance(t.db)).balanced).toBe(true);
  });

  it('when the whole fee was paid: the invoice stays paid and the fee becomes the customer’s credit', async () => {
    const { policy, customer, first, lineId, installment } = await charged('2029-06-01');
    await w.pay(await w.as('agent'), { policyId: policy.id, method: 'cash', amount: installment + 15_00, currency: 'USD' }).expect(201);
    const res = await waive(await w.as('manager'), first.id, lineId, { reason: 'Charged in error' }).expect(200);
    expect(res.body).toMatchObject({ creditReturned: 15_00, invoice: { status: 'paid', openAmount: 0, total: installment } });
    expect(await w.balance({ kind: 'customer_credit', owner: customer.id, currency: 'USD' })).toBe(15_00);
    expect(await w.balance({ kind: 'premium_receivable', owner: policy.id, currency: 'USD' })).toBe(0);
  });
});

// Found by the billing property test (billing-sequences.property.api.test.ts): a waiver after a
// write-off turned the written-off amount into the customer's credit — money nobody had paid.
describe('waiving the late fee of a written-off invoice', () => {
  const writeOff = (session: Session, invoiceId: string, amount: number) =>
    request(t.app).post(`/api/invoices/${invoiceId}/write-off`).set(session.auth).set('Idempotency-Key', crypto.randomUUID()).send({ amount, reason: 'Too small to chase' });

  beforeAll(async () => {
    await t
      .db('approval_limits')
      .insert({ role: 'manager', kind: 'write_off_amount', currency: 'USD', max_amount: 10_000_00, revision: 1, updated_at: new Date() })
      .onConflict()
      .ignore();
  });

  /** A flat-fee policy whose first invoice carries its 15.00 fee. */
  async function charged(start: string) {
    on(start);
    const p = await policyOf('flat');
    on(addDays(p.first.dueDate, 11));
    await dailyJobs();
    const [line] = await feeLines(p.first.id);
    return { ...p, lineId: line.id as string, installment: p.first.openAmount };
  }

  it('releases the write-off (no credit for money nobody paid): the invoice stays written off, the write-offs expense drops by the fee', async () => {
    const { policy, customer, first, lineId, installment } = await charged('2029-09-01');
    const manager = await w.as('manager');
    await writeOff(manager, first.id, installment + 15_00).expect(201);
    const expenseBefore = await w.balance({ kind: 'write_offs', currency: 'USD' });

    const res = await waive(manager, first.id, lineId, { reason: 'Charged in error' }).expect(200);
    expect(res.body).toMatchObject({ creditReturned: 0, writeOffReleased: 15_00, invoice: { status: 'written_off', openAmount: 0, total: installment } });
    expect(await w.balance({ kind: 'customer_credit', owner: customer.id, currency: 'USD' })).toBe(0);
    expect((await w.billingOf(await w.as('agent'), policy.id)).credit).toBe(0);
    expect(await w.balance({ kind: 'premium_receivable', owner: policy.id, currency: 'USD' })).toBe(0);
    expect(await w.balance({ kind: 'write_offs', currency: 'USD' })).toBe(expenseBefore - 15_00);
    const [release] = await t.db('journal_entries').where({ external_id: `invoice-line:${lineId}:waived:write-off` });
    expect(release).toMatchObject({ source_type: 'write_off', source_id: lineId });
    expect(await t.db('invoice_lines').where({ id: lineId }).first()).toMatchObject({ write_off_released: 15_00 });
    const audit = await t.db('audit_log').where({ action: 'invoice.late_fee_waived', entity_id: first.id });
    expect(audit[0].metadata).toMatchObject({ creditReturned: 0, writeOffReleased: 15_00 });
    expect((await w.ledger.trialBalance(t.db)).balanced).toBe(true);
  });

  it('when the fee was partly paid and the rest written off: the write-off is released first, only what was paid becomes credit', async () => {
    const { policy, customer, first, lineId, installment } = await charged('2029-12-01');
    await w.pay(await w.as('agent'), { policyId: policy.id, method: 'cash', amount: installment + 10_00, currency: 'USD' }).expect(201);
    const manager = await w.as('manager');
    await writeOff(manager, first.id, 5_00).expect(201);

    const res = await waive(manager, first.id, lineId, { reason: 'Goodwill' }).expect(200);
    expect(res.body).toMatchObject({ creditReturned: 10_00, writeOffReleased: 5_00, invoice: { status: 'written_off', openAmount: 0, total: installment } });
    expect(await w.balance({ kind: 'customer_credit', owner: customer.id, currency: 'USD' })).toBe(10_00);
    expect((await w.ledger.trialBalance(t.db)).balanced).toBe(true);
  });
});
