// A property test of billing through its HTTP API on a real PostgreSQL (fast-check): random
// sequences of what happens to a policy's money — payments in part, in full or more than owed,
// days passing (invoices raised, overdue marking, late fees), write-offs, fee waivers, refunds of a
// payment or of credit (requested by an agent, approved by a manager, paid out or not), re-allocation
// of a payment, bounced checks / returned direct debits (POST /api/payments/{id}/reverse) and voided
// invoices (POST /api/invoices/{id}/void) — and after every step the invariants:
//   - every journal entry balances (and so does the whole ledger);
//   - the policy's receivable equals the sum of its invoices' open amounts, the customer's credit in
//     the ledger equals the credit the API shows, and neither is below zero;
//   - per invoice: open = charged (its lines not waived) − applied − written off; nothing applied or
//     written off beyond what it charges; its status agrees with what is open;
//   - money is conserved: paid in (succeeded payments) = applied to invoices + credit + refunded;
//   - refunds never hold more of a payment than it brought; the write-off documents agree with the ledger.
// Fixed seed (BILLING_PROPERTY_SEED) and a modest number of runs (BILLING_PROPERTY_RUNS) so it stays
// well under a minute; BILLING_PROPERTY_SHRINK=1 shrinks a failure (slow: every attempt is a new policy).
import crypto from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import type { TestApp } from '../../../../test/support/test-app';
import { publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { ASSESS_LATE_FEES_JOB, MARK_OVERDUE_JOB, RAISE_INVOICES_JOB } from '../index';
import { addDays } from '../../../platform/calendar';
import { billingWorld, type BillingWorld } from './billing-fixtures';

const SEED = Number(process.env.BILLING_PROPERTY_SEED ?? 20261206);
const RUNS = Number(process.env.BILLING_PROPERTY_RUNS ?? 20);
const SHRINK = process.env.BILLING_PROPERTY_SHRINK === '1';
const USD = 'USD';

let w: BillingWorld;
let t: TestApp;
let productId: string;

beforeAll(async () => {
  w = await billingWorld('policydesk_billing_props', { startAt: '2027-01-04T10:00:00Z' });
  t = w.t;
  productId = (
    await publishProduct(t, w.admin, {
      code: 'PROP_FEE',
      name: 'Property test term life',
      category: 'life',
      definition: { ...termLife, lateFee: { kind: 'flat', amount: 7_50, afterDays: 3 } },
    })
  ).id;
  await t.db('approval_limits').insert(
    [
      { role: 'manager', kind: 'refund_amount', max_amount: 1_000_000_00 },
      { role: 'manager', kind: 'write_off_amount', max_amount: 1_000_000_00 },
    ].map((l) => ({ ...l, currency: USD, revision: 1, updated_at: new Date() })),
  );
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

// --- The operations, as data (fast-check generates and shrinks these; the test interprets them).

const METHODS = ['cash', 'check', 'bank_transfer', 'direct_debit'] as const;
type Op =
  | { kind: 'pay'; method: (typeof METHODS)[number]; size: 'part' | 'full' | 'over'; frac: number }
  | { kind: 'advance'; days: number }
  | { kind: 'writeOff'; pick: number; whole: boolean; frac: number }
  | { kind: 'waive'; pick: number }
  | { kind: 'refundPayment'; pick: number; frac: number; payout: boolean }
  | { kind: 'refundCredit'; frac: number; payout: boolean }
  | { kind: 'reallocate'; pick: number; mode: 'credit' | 'oldestFirst' | 'newestFirst' }
  | { kind: 'bounce'; pick: number }
  | { kind: 'void'; pick: number };

const frac = fc.integer({ min: 1, max: 100 }).map((n) => n / 100);
/** Which of the candidates (oldest due first): mostly the oldest, where fees and write-offs meet. */
const pick = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 9 }) });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      method: fc.constantFrom(...METHODS),
      size: fc.constantFrom('part' as const, 'full' as const, 'over' as const),
      frac,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('writeOff' as const), pick, whole: fc.boolean(), frac }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('waive' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refundPayment' as const), pick, frac, payout: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refundCredit' as const), frac, payout: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reallocate' as const), pick, mode: fc.constantFrom('credit' as const, 'oldestFirst' as const, 'newestFirst' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bounce' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('void' as const), pick }) },
);

// --- One run: a fresh policy (its own customer), then the operations.

type Body = request.Response['body'];
interface Inv {
  id: string;
  invoiceNumber: string;
  dueDate: string;
  status: string;
  total: number;
  openAmount: number;
  lines: { id: string; kind: string; amount: number; waived: object | null }[];
}

/** Voids drawn over all runs, by outcome: the property must see both. */
const voids = { accepted: 0, refused: 0 };

class Run {
  private sessions = new Map<string, Session>();
  readonly log: string[] = [];
  constructor(
    readonly policyId: string,
    readonly customerId: string,
  ) {}

  /** A session of the role, logged in again after the clock moved (tokens expire). */
  async as(role: 'agent' | 'senior_agent' | 'manager'): Promise<Session> {
    const key = `${role}@${t.clock.now().toISOString()}`;
    if (!this.sessions.has(key)) this.sessions.set(key, await w.as(role));
    return this.sessions.get(key)!;
  }

  async billing(): Promise<Body> {
    return w.billingOf(await this.as('agent'), this.policyId);
  }

  async payments(): Promise<Body[]> {
    return (
      await request(t.app)
        .get(`/api/policies/${this.policyId}/payments?limit=100`)
        .set((await this.as('agent')).auth)
        .expect(200)
    ).body.items;
  }
}

async function dailyJobs() {
  for (const job of [RAISE_INVOICES_JOB, MARK_OVERDUE_JOB, ASSESS_LATE_FEES_JOB]) await t.jobs.runNow(job, {});
}

/** The answer had this status; else fail saying what it was. */
function expectStatus(res: request.Response, status: number): void {
  if (res.status !== status)
    throw new Error(
      `${(res as unknown as { req: { method: string; path: string } }).req.method} ${(res as unknown as { req: { path: string } }).req.path} answered ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`,
    );
}

const unpaid = (invoices: Inv[]) =>
  invoices.filter((i) => ['open', 'partially_paid', 'overdue'].includes(i.status) && i.openAmount > 0).sort((a, b) => a.dueDate.localeCompare(b.dueDate));

/** Does one operation; returns what it did, for the log of a failing run. */
async function apply(run: Run, op: Op): Promise<string> {
  const billing = await run.billing();
  const invoices = billing.invoices as Inv[];
  const installment = (billing.installments as { amount: number }[])[0]!.amount;
  switch (op.kind) {
    case 'pay': {
      const due = billing.amountDue as number;
      const amount =
        op.size === 'part' ? Math.max(1, Math.round((due || installment) * op.frac)) : op.size === 'full' ? due || installment : due + 1 + Math.round(installment * op.frac);
      const res = await w.pay(await run.as('agent'), {
        policyId: run.policyId,
        method: op.method,
        amount,
        currency: USD,
        ...(op.method === 'check' ? { checkNumber: '100234' } : op.method === 'cash' ? {} : { reference: `BANK-${crypto.randomInt(1e6)}` }),
      });
      expectStatus(res, 201);
      return `pay ${amount} by ${op.method} → ${res.body.paymentNumber}, allocated ${JSON.stringify((res.body.allocations as { amount: number }[]).map((a) => a.amount))}`;
    }
    case 'advance': {
      const to = addDays(t.clock.businessDate(), op.days);
      t.clock.set(`${to}T10:00:00Z`);
      await dailyJobs();
      return `advance ${op.days} days to ${to} (jobs ran)`;
    }
    case 'writeOff': {
      const candidates = unpaid(invoices);
      if (!candidates.length) return 'write-off: nothing open';
      const invoice = candidates[op.pick % candidates.length]!;
      const amount = op.whole ? invoice.openAmount : Math.max(1, Math.floor(invoice.openAmount * op.frac));
      const res = await request(t.app)
        .post(`/api/invoices/${invoice.id}/write-off`)
        .set((await run.as('manager')).auth)
        .set('Idempotency-Key', crypto.randomUUID())
        .send({ amount, reason: 'Property test write-off' });
      expectStatus(res, 201);
      return `write off ${amount} of ${invoice.invoiceNumber} (open ${invoice.openAmount}) → ${res.body.invoiceStatus}`;
    }
    case 'waive': {
      const fees = invoices
        .filter((i) => i.status !== 'void')
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
        .flatMap((i) => i.lines.filter((l) => l.kind === 'late_fee' && !l.waived).map((l) => ({ invoice: i, line: l })));
      if (!fees.length) return 'waive: no fee';
      const { invoice, line } = fees[op.pick % fees.length]!;
      const res = await request(t.app)
        .post(`/api/invoices/${invoice.id}/lines/${line.id}/waive`)
        .set((await run.as('manager')).auth)
        .send({ reason: 'Property test waiver' });
      expectStatus(res, 200);
      return `waive fee ${line.amount} on ${invoice.invoiceNumber} (${invoice.status}, open ${invoice.openAmount}) → creditReturned ${res.body.creditReturned}, writeOffReleased ${res.body.writeOffReleased}`;
    }
    case 'refundPayment': {
      const payments = (await run.payments()).filter((p) => p.status === 'succeeded');
      if (!payments.length) return 'refund payment: none succeeded';
      const payment = payments[op.pick % payments.length]!;
      const amount = Math.max(1, Math.floor(payment.amount * op.frac));
      return `refund ${amount} of ${payment.paymentNumber} (${payment.amount}): ${await refund(run, { paymentId: payment.id, amount, reason: 'Property test refund' }, op.payout)}`;
    }
    case 'refundCredit': {
      const credit = billing.credit as number;
      if (credit <= 0) return 'refund credit: none';
      const amount = Math.max(1, Math.floor(credit * op.frac));
      return `refund ${amount} of credit ${credit}: ${await refund(run, { policyId: run.policyId, method: 'bank_transfer', amount, reason: 'Property test credit refund' }, op.payout)}`;
    }
    case 'reallocate': {
      const payments = (await run.payments()).filter((p) => p.status === 'succeeded');
      if (!payments.length) return 'reallocate: none succeeded';
      const payment = payments[op.pick % payments.length]!;
      const senior = await run.as('senior_agent');
      const view = (await request(t.app).get(`/api/payments/${payment.id}/allocations`).set(senior.auth).expect(200)).body;
      if (!view.reallocatable) return `reallocate ${payment.paymentNumber}: not reallocatable (${view.notReallocatableReason})`;
      const targets = [...(view.invoices as { id: string; dueDate: string; openAfterReversal: number }[])].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      if (op.mode === 'newestFirst') targets.reverse();
      let left = view.available as number;
      const allocations: { invoiceId: string; amount: number }[] = [];
      if (op.mode !== 'credit') {
        for (const invoice of targets) {
          const amount = Math.min(left, invoice.openAfterReversal);
          if (amount <= 0) continue;
          allocations.push({ invoiceId: invoice.id, amount });
          left -= amount;
        }
      }
      const res = await request(t.app)
        .post(`/api/payments/${payment.id}/reallocate`)
        .set(senior.auth)
        .set('If-Match', `"${view.version}"`)
        .send({ allocations, reason: `Property test: ${op.mode}` });
      expectStatus(res, 200);
      return `reallocate ${payment.paymentNumber} ${op.mode}: ${JSON.stringify(allocations.map((a) => a.amount))}`;
    }
    case 'bounce': {
      // A check bounces or a direct debit comes back: refused (409) while refunds hold its money.
      const payments = (await run.payments()).filter((p) => p.status === 'succeeded' && ['check', 'direct_debit'].includes(p.method));
      if (!payments.length) return 'bounce: no succeeded check or direct debit';
      const payment = payments[op.pick % payments.length]!;
      const res = await request(t.app)
        .post(`/api/payments/${payment.id}/reverse`)
        .set((await run.as('senior_agent')).auth)
        .set('If-Match', `"${payment.version}"`)
        .send({ reason: 'Property test: returned by the bank' });
      if (res.status === 409 && res.body.code === 'PAYMENT_REFUNDS_HOLD_MONEY') return `bounce ${payment.paymentNumber}: refused, refunds hold ${res.body.held}`;
      expectStatus(res, 200);
      return `bounce ${payment.paymentNumber} (${payment.method} ${payment.amount}) → reopened ${JSON.stringify((res.body.reopened as { amount: number }[]).map((a) => a.amount))}`;
    }
    case 'void': {
      // A manager voids an unpaid invoice: refused (409) once money has paid or a write-off settled some of it.
      // Mostly an invoice nothing has paid yet (it can be voided); the others are refused. Without one,
      // time first moves on to the next invoice (the jobs run), so voids that go through happen too.
      let advanced = '';
      let open = unpaid(invoices);
      if (!open.some((i) => i.openAmount === i.total)) {
        advanced = `${await apply(run, { kind: 'advance', days: 20 })}; `;
        open = unpaid((await run.billing()).invoices as Inv[]);
      }
      const candidates = [...open].sort((a, b) => Number(b.openAmount === b.total) - Number(a.openAmount === a.total));
      if (!candidates.length) return `${advanced}void: nothing unpaid`;
      const invoice = candidates[op.pick % candidates.length]!;
      const res = await request(t.app)
        .post(`/api/invoices/${invoice.id}/void`)
        .set((await run.as('manager')).auth)
        .set('Idempotency-Key', crypto.randomUUID())
        .send({ reason: 'Property test: raised in error' });
      if (res.status === 409 && res.body.code === 'INVOICE_NOT_VOIDABLE') {
        voids.refused += 1;
        return `${advanced}void ${invoice.invoiceNumber}: refused (charged ${res.body.charged}, open ${res.body.openAmount})`;
      }
      expectStatus(res, 200);
      voids.accepted += 1;
      return `${advanced}void ${invoice.invoiceNumber} (${invoice.status}, open ${invoice.openAmount}) → reversed ${res.body.reversalEntryIds.length}`;
    }
  }
}

/** Request (agent), approve (manager, another person) and perhaps record the payout. Refusals the rules allow are fine. */
async function refund(run: Run, body: object, payout: boolean): Promise<string> {
  const requested = await request(t.app)
    .post('/api/refunds')
    .set((await run.as('agent')).auth)
    .set('Idempotency-Key', crypto.randomUUID())
    .send(body);
  if (requested.status === 409) {
    expect(['REFUND_EXCEEDS_PAYMENT', 'REFUND_EXCEEDS_CREDIT', 'REFUND_PAYMENT_NOT_REFUNDABLE']).toContain(requested.body.code);
    return `refused at request (${requested.body.code})`;
  }
  expectStatus(requested, 201);
  const manager = await run.as('manager');
  const step = (r: Body, action: string, send: object) => request(t.app).post(`/api/refunds/${r.id}/${action}`).set(manager.auth).set('If-Match', `"${r.version}"`).send(send);
  const approved = await step(requested.body, 'approve', {});
  if (approved.status === 409) {
    expect(['REFUND_EXCEEDS_CREDIT', 'REFUND_EXCEEDS_PAYMENT', 'REFUND_PAYMENT_NOT_REFUNDABLE']).toContain(approved.body.code);
    await step(requested.body, 'reject', { reason: 'Refused at approval' }).expect(200);
    return `refused at approval (${approved.body.code}), rejected`;
  }
  expectStatus(approved, 200);
  if (!payout || approved.body.status !== 'approved') return approved.body.status;
  await step(approved.body, 'paid', { reference: 'TRX-1' }).expect(200);
  return 'approved and paid out';
}

// --- The invariants.

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

async function checkInvariants(run: Run, after: string) {
  const db = t.db;
  const because = (what: string) => `${what} — after: ${after}\n${run.log.join('\n')}`;

  // Every entry balances, per currency; so does the whole ledger.
  const { rows: unbalanced } = await db.raw(
    `SELECT entry_id, currency FROM postings GROUP BY entry_id, currency
      HAVING sum(amount) FILTER (WHERE direction = 'debit') IS DISTINCT FROM sum(amount) FILTER (WHERE direction = 'credit')`,
  );
  if (unbalanced.length) throw new Error(because(`unbalanced entries ${JSON.stringify(unbalanced)}`));
  if (!(await w.ledger.trialBalance(db)).balanced) throw new Error(because('the trial balance does not balance'));

  const billing = await run.billing();
  const invoices = billing.invoices as Inv[];

  // Per invoice, from its receivable postings by what posted them.
  const { rows } = await db.raw(
    `SELECT p.invoice_id,
            sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) FILTER (WHERE e.source_type IN ('invoice', 'fee', 'waiver')) AS charged,
            -sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) FILTER (WHERE e.source_type IN ('allocation', 'reallocation')) AS applied,
            -sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) FILTER (WHERE e.source_type = 'write_off') AS written_off,
            sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) FILTER (WHERE e.source_type NOT IN ('invoice', 'fee', 'waiver', 'allocation', 'reallocation', 'write_off')) AS other,
            sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) AS open
       FROM postings p JOIN ledger_accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
      WHERE a.kind = 'premium_receivable' AND a.owner_key = ? GROUP BY p.invoice_id`,
    [run.policyId],
  );
  const ledgerOf = new Map(
    (rows as Record<string, string | null>[]).map((r) => [
      r.invoice_id,
      { charged: Number(r.charged ?? 0), applied: Number(r.applied ?? 0), writtenOff: Number(r.written_off ?? 0), other: Number(r.other ?? 0), open: Number(r.open ?? 0) },
    ]),
  );
  if (ledgerOf.has(null as never)) throw new Error(because('a receivable posting of the policy carries no invoice'));
  let applied = 0;
  for (const i of invoices) {
    const l = ledgerOf.get(i.id) ?? { charged: 0, applied: 0, writtenOff: 0, other: 0, open: 0 };
    // A void invoice charges nothing any more (its charges reversed), whatever its lines said.
    const total = i.status === 'void' ? 0 : i.total;
    const label = `${i.invoiceNumber} (${i.status}, total ${i.total}, open ${i.openAmount}, ledger ${JSON.stringify(l)})`;
    if (i.openAmount !== l.open) throw new Error(because(`${label}: the API's open amount differs from its postings`));
    if (i.openAmount < 0) throw new Error(because(`${label}: open amount below zero`));
    if (l.other !== 0) throw new Error(because(`${label}: receivable postings from an unexpected source`));
    if (l.charged !== total) throw new Error(because(`${label}: what the ledger charges differs from its lines not waived`));
    if (l.applied < 0 || l.applied > total) throw new Error(because(`${label}: applied outside 0..total (paid more than its amount?)`));
    if (l.writtenOff < 0 || l.writtenOff > total) throw new Error(because(`${label}: written off outside 0..total`));
    if (i.openAmount !== total - l.applied - l.writtenOff) throw new Error(because(`${label}: open ≠ charged − applied − written off`));
    const settled = ['paid', 'written_off', 'void'].includes(i.status);
    if (settled !== (i.openAmount === 0)) throw new Error(because(`${label}: status disagrees with the open amount`));
    applied += l.applied;
  }
  const receivable = await w.balance({ kind: 'premium_receivable', owner: run.policyId, currency: USD });
  if (receivable !== sum(invoices.map((i) => i.openAmount))) throw new Error(because(`receivable ${receivable} ≠ Σ open amounts`));
  if (billing.amountDue !== sum(unpaid(invoices).map((i) => i.openAmount))) throw new Error(because(`amountDue ${billing.amountDue} ≠ Σ unpaid open amounts`));

  const credit = await w.balance({ kind: 'customer_credit', owner: run.customerId, currency: USD });
  if (credit < 0) throw new Error(because(`customer credit ${credit} below zero`));
  if (billing.credit !== credit) throw new Error(because(`the API's credit ${billing.credit} ≠ the ledger's ${credit}`));

  // Money is conserved: what came in is applied, held as credit or refunded.
  const payments = await db('payments').where({ customer_id: run.customerId });
  const paidIn = sum(payments.filter((p) => p.status === 'succeeded').map((p) => Number(p.amount)));
  const refunds = await db('refunds').where({ customer_id: run.customerId });
  const refunded = sum(refunds.filter((r) => ['approved', 'paid'].includes(r.status)).map((r) => Number(r.amount)));
  if (paidIn !== applied + credit + refunded) throw new Error(because(`paid in ${paidIn} ≠ applied ${applied} + credit ${credit} + refunded ${refunded}`));

  // Refunds never hold more of a payment than it brought.
  for (const p of payments) {
    const held = sum(refunds.filter((r) => r.payment_id === p.id && ['requested', 'approved', 'paid'].includes(r.status)).map((r) => Number(r.amount)));
    if (held > Number(p.amount)) throw new Error(because(`refunds hold ${held} of ${p.payment_number} (${p.amount})`));
  }

  // The write-off documents, less what fee waivers released, are what the ledger has written off.
  const documents = sum(
    (
      await db('write_offs').whereIn(
        'invoice_id',
        invoices.map((i) => i.id),
      )
    ).map((r) => Number(r.amount)),
  );
  const released = sum(
    (
      await db('invoice_lines').whereIn(
        'invoice_id',
        invoices.map((i) => i.id),
      )
    ).map((r) => Number(r.write_off_released)),
  );
  const writtenOff = sum([...ledgerOf.values()].map((l) => l.writtenOff));
  if (documents - released !== writtenOff) throw new Error(because(`write-offs ${documents} − released ${released} ≠ ledger ${writtenOff}`));
}

describe('billing: any sequence of operations on a policy', () => {
  it(
    `keeps every entry balanced, balances equal to invoices and credit, nothing negative, money conserved (seed ${SEED}, ${RUNS} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 2, maxLength: 12 }), async (ops) => {
          const issued = await w.issuedPolicy({ productId });
          await t.jobs.runNow(RAISE_INVOICES_JOB, {});
          const run = new Run(issued.policy.id, issued.customer.id);
          await checkInvariants(run, 'issuance');
          for (const op of ops) {
            const did = await apply(run, op);
            run.log.push(`  ${did}`);
            await checkInvariants(run, did);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: !SHRINK },
      );
      // Voids that go through, not only refusals (the void op advances to an untouched invoice when it needs one).
      expect(voids.accepted).toBeGreaterThan(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
