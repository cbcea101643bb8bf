// Re-allocation of a payment (POST /api/payments/{id}/reallocate, senior agents and managers): the
// payment's credit applications reversed, new ones posted, the rest left as credit, invoice
// statuses and history recomputed, audited; refused for other roles, other branches, other
// customers' invoices, more than an invoice owes or the payment holds, a stale version; concurrent
// re-allocations serialised. Policies are issued through the real approval: a database of its own.
import crypto from 'node:crypto';
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import type { TestApp } from '../../../../test/support/test-app';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { InvoiceService } from '../invoices.service';
import type { SandboxGateway } from '../sandbox-gateway';
import { billingWorld, type BillingWorld, type IssuedPolicy } from './billing-fixtures';

let w: BillingWorld;
let t: TestApp;
let invoices: InvoiceService;
/** Issued 2027-01-31 (monthly); on 2027-03-20 January and February are overdue, March open (due 31 March). */
let happy: IssuedPolicy, rules: IssuedPolicy, limits: IssuedPolicy, race: IssuedPolicy, twoPayments: IssuedPolicy, chargeback: IssuedPolicy, declined: IssuedPolicy;

interface Inv {
  id: string;
  invoiceNumber: string;
  dueDate: string;
  status: string;
  openAmount: number;
}

beforeAll(async () => {
  w = await billingWorld('policydesk_reallocation', { startAt: '2027-01-31T10:00:00Z' });
  t = w.t;
  invoices = new InvoiceService(t.db, t.clock, w.ledger, t.services.audit, t.services.customerProfiles, 14);
  happy = await w.issuedPolicy();
  rules = await w.issuedPolicy();
  limits = await w.issuedPolicy();
  race = await w.issuedPolicy();
  twoPayments = await w.issuedPolicy();
  chargeback = await w.issuedPolicy();
  declined = await w.issuedPolicy({ token: 'tok_sandbox_declined' });
  t.clock.set('2027-03-20T10:00:00Z');
  await invoices.raiseDue();
  await invoices.markOverdue();
}, PROCESS_TEST_TIMEOUT_MS * 2);
afterAll(() => w.close());

const invoicesOf = async (policy: IssuedPolicy): Promise<[Inv, Inv, Inv]> => (await w.billingOf(await w.as('agent'), policy.policy.id)).invoices;
const allocationsOf = (session: Session, paymentId: string) => request(t.app).get(`/api/payments/${paymentId}/allocations`).set(session.auth);
const reallocate = (session: Session, paymentId: string, version: number | null, body: object) => {
  const req = request(t.app).post(`/api/payments/${paymentId}/reallocate`).set(session.auth);
  if (version !== null) req.set('If-Match', `"${version}"`);
  return req.send(body);
};
const cash = async (policy: IssuedPolicy, amount: number) =>
  (await w.pay(await w.as('agent'), { policyId: policy.policy.id, method: 'cash', amount, currency: 'USD' }).expect(201)).body as {
    id: string;
    paymentNumber: string;
    version: number;
    allocations: { invoiceId: string; amount: number }[];
  };
const entryCount = async () => Number((await t.db('journal_entries').count<{ count: string }[]>('* as count'))[0]!.count);
const balanced = async () => (await w.trialTotals()).every((c) => c.debits === c.credits);

describe('re-allocating a payment', () => {
  it('reverses its applications, applies it where the senior agent says, leaves the rest as credit; statuses, history, ledger and audit follow', async () => {
    const [jan, feb, mar] = await invoicesOf(happy);
    expect([jan.status, feb.status, mar.status]).toEqual(['overdue', 'overdue', 'open']);
    const payment = await cash(happy, jan.openAmount + feb.openAmount);
    expect(payment.allocations.map((a) => a.invoiceId)).toEqual([jan.id, feb.id]);

    const senior = await w.userAs('senior_agent');
    const view = await allocationsOf(senior.session, payment.id).expect(200);
    expect(view.headers.etag).toBe(`"${payment.version}"`);
    expect(view.body).toMatchObject({
      paymentId: payment.id,
      amount: jan.openAmount + feb.openAmount,
      credit: 0,
      available: jan.openAmount + feb.openAmount,
      reallocatable: true,
      allocations: [
        { invoiceId: jan.id, invoiceNumber: jan.invoiceNumber, amount: jan.openAmount },
        { invoiceId: feb.id, invoiceNumber: feb.invoiceNumber, amount: feb.openAmount },
      ],
    });
    expect(
      view.body.invoices.map((i: { id: string; openAmount: number; allocated: number; openAfterReversal: number }) => [i.id, i.openAmount, i.allocated, i.openAfterReversal]),
    ).toEqual([
      [jan.id, 0, jan.openAmount, jan.openAmount],
      [feb.id, 0, feb.openAmount, feb.openAmount],
      [mar.id, mar.openAmount, 0, mar.openAmount],
    ]);
    const originals = await t.db('payment_allocations').where({ payment_id: payment.id }).pluck('entry_id');
    expect(originals).toHaveLength(2);

    // February and most of March instead of January; 1.00 of March stays unpaid, the rest is credit.
    const toMar = mar.openAmount - 1_00;
    const res = await reallocate(senior.session, payment.id, payment.version, {
      allocations: [
        { invoiceId: feb.id, amount: feb.openAmount },
        { invoiceId: mar.id, amount: toMar },
      ],
      reason: 'Customer asked to pay February and March first',
    }).expect(200);
    expect(res.headers.etag).toBe(`"${payment.version + 1}"`);
    const leftover = jan.openAmount - toMar;
    expect(res.body).toMatchObject({
      version: payment.version + 1,
      credit: leftover,
      allocations: [
        { invoiceId: feb.id, amount: feb.openAmount },
        { invoiceId: mar.id, amount: toMar },
      ],
    });

    const after = await w.billingOf(await w.as('agent'), happy.policy.id);
    expect(after.invoices.slice(0, 3).map((i: Inv) => [i.status, i.openAmount])).toEqual([
      ['overdue', jan.openAmount],
      ['paid', 0],
      ['partially_paid', 1_00],
    ]);
    expect(after.credit).toBe(leftover);
    expect(await w.balance({ kind: 'customer_credit', owner: happy.customer.id, currency: 'USD' })).toBe(leftover);
    expect(await balanced()).toBe(true);

    // Each original application reversed by an entry pointing at it; two new applications linked to the payment.
    const reversals = await t.db('journal_entries').whereIn('reverses_entry_id', originals);
    expect(reversals).toHaveLength(2);
    const links = await t.db('payment_allocations').where({ payment_id: payment.id }).whereNotNull('reallocation_id');
    expect(links.map((l) => l.invoice_id).sort()).toEqual([feb.id, mar.id].sort());
    const reallocation = await t.db('payment_reallocations').where({ payment_id: payment.id }).first();
    expect(reallocation).toMatchObject({ reason: 'Customer asked to pay February and March first', created_by: senior.userId });

    const history = await t.db('invoice_status_history').whereIn('invoice_id', [jan.id, mar.id]).where('reason', 'like', '%Re-allocation%').orderBy('id');
    expect(history.map((h) => [h.invoice_id, h.from_status, h.to_status, h.changed_by])).toEqual(
      expect.arrayContaining([
        [jan.id, 'paid', 'overdue', senior.userId],
        [mar.id, 'open', 'partially_paid', senior.userId],
      ]),
    );
    expect(history).toHaveLength(2);
    const audit = await t.db('audit_log').where({ action: 'payment.reallocate', entity_id: payment.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: senior.userId, branch_id: w.branch });
    expect(audit[0].metadata).toMatchObject({ reason: 'Customer asked to pay February and March first', reallocationId: reallocation.id });

    // A second re-allocation reverses the first's applications: everything back to credit.
    await reallocate(senior.session, payment.id, payment.version, { allocations: [], reason: 'stale' }).expect(412);
    const back = await reallocate(senior.session, payment.id, payment.version + 1, { allocations: [], reason: 'Hold it all as credit' }).expect(200);
    expect(back.body).toMatchObject({ allocations: [], credit: jan.openAmount + feb.openAmount, version: payment.version + 2 });
    const final = await w.billingOf(await w.as('agent'), happy.policy.id);
    expect(final.invoices.slice(0, 3).map((i: Inv) => i.status)).toEqual(['overdue', 'overdue', 'open']);
    expect(final.invoices.slice(0, 3).map((i: Inv) => i.openAmount)).toEqual([jan.openAmount, feb.openAmount, mar.openAmount]);
    expect(await balanced()).toBe(true);

    // The next payment brings the held credit into play: only its own 1.00 is its money (the
    // application that straddles the line is posted as two entries); the rest stays the first's.
    const next = await cash(happy, 1_00);
    expect(next.allocations.map((a) => [a.invoiceId, a.amount])).toEqual([
      [jan.id, jan.openAmount],
      [feb.id, feb.openAmount],
      [mar.id, 1_00],
    ]);
    expect((await allocationsOf(senior.session, next.id).expect(200)).body.allocations).toEqual([{ invoiceId: jan.id, invoiceNumber: jan.invoiceNumber, amount: 1_00 }]);
    expect(await t.db('journal_entries').where({ source_type: 'allocation', source_id: jan.id }).where('description', 'like', `%${next.paymentNumber}`)).toHaveLength(2);
    expect((await allocationsOf(senior.session, payment.id).expect(200)).body).toMatchObject({ allocations: [], credit: 0 });
    expect(await balanced()).toBe(true);
  });

  it('is for senior agents and managers of the payment’s branch: an agent is refused (403), another branch sees nothing (404)', async () => {
    const [jan] = await invoicesOf(rules);
    const payment = await cash(rules, jan.openAmount);
    const body = { allocations: [], reason: 'Moving it' };
    const agent = await reallocate(await w.as('agent'), payment.id, payment.version, body).expect(403);
    expect(agent.body.code).toBe('PERMISSION_DENIED');
    const elsewhere = await w.as('senior_agent', w.otherBranch);
    expect((await reallocate(elsewhere, payment.id, payment.version, body).expect(404)).body.code).toBe('NOT_FOUND');
    await allocationsOf(elsewhere, payment.id).expect(404);
    await allocationsOf(await w.as('agent'), payment.id).expect(200);
    // A manager may; without If-Match it is 428.
    const manager = await w.as('manager');
    expect((await reallocate(manager, payment.id, null, body).expect(428)).body.code).toBe('IF_MATCH_REQUIRED');
    await reallocate(manager, payment.id, payment.version, body).expect(200);
  });

  it('refuses other customers’ invoices, more than an invoice owes, more than the payment holds, and bad bodies — writing nothing', async () => {
    const [jan, feb, mar] = await invoicesOf(limits);
    const [otherJan] = await invoicesOf(race);
    // January paid; February and March open to receive it instead.
    const payment = { ...(await cash(limits, jan.openAmount)), amount: jan.openAmount };
    expect(payment.allocations).toEqual([expect.objectContaining({ invoiceId: jan.id, amount: jan.openAmount })]);
    const senior = await w.as('senior_agent');
    const current = (await allocationsOf(senior, payment.id).expect(200)).body;
    const entries = await entryCount();
    const refuse = async (body: object, status: number, code: string, path?: string) => {
      const res = await reallocate(senior, payment.id, current.version, body).expect(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
      if (path) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      return res.body;
    };
    const reason = 'Testing the limits';
    await refuse({ allocations: [{ invoiceId: otherJan.id, amount: 1_00 }], reason }, 400, 'REALLOCATION_INVOICE_NOT_ELIGIBLE', 'allocations.0.invoiceId');
    await refuse({ allocations: [{ invoiceId: crypto.randomUUID(), amount: 1_00 }], reason }, 400, 'REALLOCATION_INVOICE_NOT_ELIGIBLE', 'allocations.0.invoiceId');
    await refuse({ allocations: [{ invoiceId: mar.id, amount: mar.openAmount + 1 }], reason }, 400, 'REALLOCATION_EXCEEDS_OPEN_AMOUNT', 'allocations.0.amount');
    const over = await refuse(
      {
        allocations: [
          { invoiceId: feb.id, amount: feb.openAmount },
          { invoiceId: mar.id, amount: mar.openAmount },
        ],
        reason,
      },
      400,
      'REALLOCATION_EXCEEDS_AVAILABLE',
      'allocations',
    );
    expect(current.available).toBe(jan.openAmount);
    expect(over).toMatchObject({ available: jan.openAmount, requested: feb.openAmount + mar.openAmount });
    await refuse(
      {
        allocations: [
          { invoiceId: mar.id, amount: 1_00 },
          { invoiceId: mar.id, amount: 1_00 },
        ],
        reason,
      },
      400,
      'VALIDATION_FAILED',
      'allocations.1.invoiceId',
    );
    await refuse({ allocations: [{ invoiceId: mar.id, amount: 0 }], reason }, 400, 'VALIDATION_FAILED', 'allocations.0.amount');
    await refuse({ allocations: [{ invoiceId: mar.id, amount: 1.5 }], reason }, 400, 'VALIDATION_FAILED', 'allocations.0.amount');
    await refuse({ allocations: [] }, 400, 'VALIDATION_FAILED', 'reason');
    await refuse({ allocations: [], reason, extra: true }, 400, 'VALIDATION_FAILED');

    expect(await entryCount()).toBe(entries);
    expect((await allocationsOf(senior, payment.id).expect(200)).body).toEqual(current);
    // Within the limits it works: February in full, the rest to March.
    await reallocate(senior, payment.id, current.version, {
      allocations: [
        { invoiceId: feb.id, amount: feb.openAmount },
        { invoiceId: mar.id, amount: jan.openAmount - feb.openAmount },
      ].filter((l) => l.amount > 0),
      reason,
    }).expect(200);
  });

  it('refuses a payment whose money is not there to move: declined (409 PAYMENT_NOT_REALLOCATABLE)', async () => {
    const agent = await w.as('agent');
    const failed = (await w.pay(agent, { policyId: declined.policy.id, method: 'card', amount: 10_00, currency: 'USD' }).expect(201)).body;
    expect(failed.status).toBe('failed');
    const senior = await w.as('senior_agent');
    const view = (await allocationsOf(senior, failed.id).expect(200)).body;
    expect(view).toMatchObject({ reallocatable: false, notReallocatableReason: expect.stringContaining('failed') });
    const res = await reallocate(senior, failed.id, failed.version, { allocations: [], reason: 'Try' }).expect(409);
    expect(res.body.code).toBe('PAYMENT_NOT_REALLOCATABLE');
  });

  it('refuses a payment whose applications a chargeback of another payment has taken back (it would owe the invoice twice)', async () => {
    const [jan, feb] = await invoicesOf(chargeback);
    expect(jan.openAmount).toBeGreaterThanOrEqual(feb.openAmount);
    const agent = await w.as('agent');
    const card = (await w.pay(agent, { policyId: chargeback.policy.id, method: 'card', amount: jan.openAmount, currency: 'USD' }).expect(201)).body;
    const second = await cash(chargeback, feb.openAmount);
    expect(second.allocations).toEqual([expect.objectContaining({ invoiceId: feb.id, amount: feb.openAmount })]);
    // The card payment is charged back: its money is taken back from the newest invoice credit paid, February.
    const dispute = (t.services.paymentGateway as SandboxGateway).openDispute(card.gatewayReference);
    await request(t.app).post('/api/webhooks/payments').set('Content-Type', 'application/json').set('Stripe-Signature', dispute.signatureHeader).send(dispute.rawBody).expect(200);

    const senior = await w.as('senior_agent');
    const view = (await allocationsOf(senior, second.id).expect(200)).body;
    expect(view).toMatchObject({ reallocatable: false, notReallocatableReason: expect.stringContaining('chargeback') });
    const entries = await entryCount();
    const res = await reallocate(senior, second.id, second.version, { allocations: [], reason: 'Try' }).expect(409);
    expect(res.body.code).toBe('PAYMENT_NOT_REALLOCATABLE');
    expect(await entryCount()).toBe(entries);
    expect((await reallocate(senior, card.id, card.version + 1, { allocations: [], reason: 'Try' })).body.code).toBe('PAYMENT_NOT_REALLOCATABLE');
  });
});

describe('concurrent re-allocations', () => {
  it('of one payment with one version: exactly one wins, the others are 412, its applications reversed once', async () => {
    const [jan, , mar] = await invoicesOf(race);
    const payment = await cash(race, jan.openAmount);
    const senior = await w.as('senior_agent');
    const body = { allocations: [{ invoiceId: mar.id, amount: Math.min(mar.openAmount, jan.openAmount) }], reason: 'Concurrent' };
    const results = await Promise.all(Array.from({ length: 8 }, () => reallocate(senior, payment.id, payment.version, body)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 412)).toBe(true);
    const originals = await t.db('payment_allocations').where({ payment_id: payment.id }).whereNull('reallocation_id').pluck('entry_id');
    expect(await t.db('journal_entries').whereIn('reverses_entry_id', originals)).toHaveLength(originals.length);
    expect(await t.db('payment_reallocations').where({ payment_id: payment.id })).toHaveLength(1);
    expect(await balanced()).toBe(true);
  });

  it('of two payments of one customer wanting the same invoice: serialised, the invoice is paid once, the loser changes nothing', async () => {
    const [jan, feb, mar] = await invoicesOf(twoPayments);
    const first = await cash(twoPayments, jan.openAmount);
    const second = await cash(twoPayments, feb.openAmount);
    expect(first.allocations.map((a) => a.invoiceId)).toEqual([jan.id]);
    expect(second.allocations.map((a) => a.invoiceId)).toEqual([feb.id]);
    // Each alone may pay all of March; together they cannot.
    expect(feb.openAmount).toBeGreaterThanOrEqual(mar.openAmount);
    const body = { allocations: [{ invoiceId: mar.id, amount: mar.openAmount }], reason: 'Both want March' };
    const [a, b] = await Promise.all([reallocate(await w.as('senior_agent'), first.id, first.version, body), reallocate(await w.as('manager'), second.id, second.version, body)]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const loser = [a, b].find((r) => r.status !== 200)!;
    expect(loser.body.code).toBe('REALLOCATION_EXCEEDS_OPEN_AMOUNT');

    const after = await w.billingOf(await w.as('agent'), twoPayments.policy.id);
    expect((after.invoices as Inv[]).slice(0, 3).map((i) => [i.status, i.openAmount])).toEqual([
      a.status === 200 ? ['overdue', jan.openAmount] : ['paid', 0],
      a.status === 200 ? ['paid', 0] : ['overdue', feb.openAmount],
      ['paid', 0],
    ]);
    expect(await w.balance({ kind: 'customer_credit', owner: twoPayments.customer.id, currency: 'USD' })).toBeGreaterThanOrEqual(0);
    expect(await t.db('payment_reallocations').whereIn('payment_id', [first.id, second.id])).toHaveLength(1);
    expect(await balanced()).toBe(true);
  });
});
