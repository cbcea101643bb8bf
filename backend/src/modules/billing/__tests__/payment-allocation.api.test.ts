// Payments meet invoices: a succeeded payment pays the policy's open invoices oldest due first (one
// credit application per invoice), clears the overdue, leaves the rest as the customer's credit, and
// that credit pays the next invoice when it is raised. A card payment double-clicked with one key
// charges once. Policies are issued through the real approval (approval limits are one global
// table): a database of its own.
import crypto from 'node:crypto';
import request from 'supertest';
import type { TestApp } from '../../../../test/support/test-app';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { InvoiceService } from '../invoices.service';
import type { LedgerService } from '../ledger.service';
import type { SandboxGateway } from '../sandbox-gateway';
import { billingWorld, type BillingWorld } from './billing-fixtures';

let w: BillingWorld;
let t: TestApp;
let ledger: LedgerService;
let invoices: InvoiceService;
const DAY = 86_400_000;

beforeAll(async () => {
  w = await billingWorld('policydesk_allocation', { startAt: '2027-01-31T10:00:00Z' });
  ({ t, ledger } = w);
  invoices = new InvoiceService(t.db, t.clock, ledger, t.services.audit, t.services.customerProfiles, 14);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const as = (role: 'agent' | 'underwriter') => w.as(role);
const issuedMonthlyPolicy = () => w.issuedPolicy();
const billingOf = (...args: Parameters<BillingWorld['billingOf']>) => w.billingOf(...args);
const pay = (...args: Parameters<BillingWorld['pay']>) => w.pay(...args);

describe('a payment pays open invoices', () => {
  it('oldest due first, clears the overdue, keeps the rest as credit, and the credit pays the next invoice when raised', async () => {
    const { customer, policy } = await issuedMonthlyPolicy();
    // Two months later, without a payment: January and February invoices raised and overdue, March raised.
    t.clock.set('2027-03-20T10:00:00Z');
    await invoices.raiseDue();
    await invoices.markOverdue();
    const agent = await as('agent');
    const before = await billingOf(agent, policy.id);
    expect(before.invoices.map((i: { status: string }) => i.status)).toEqual(['overdue', 'overdue', 'open']);
    expect(before.overdueSince).toBe(before.invoices[0].dueDate);
    const [jan, feb, mar] = before.invoices as { id: string; invoiceNumber: string; openAmount: number }[];
    const extra = 1_23;

    const res = await pay(agent, { policyId: policy.id, method: 'cash', amount: jan!.openAmount + feb!.openAmount + mar!.openAmount + extra, currency: 'USD' }).expect(201);
    expect(res.body.status).toBe('succeeded');
    expect(res.body.allocations).toEqual([
      expect.objectContaining({ invoiceId: jan!.id, amount: jan!.openAmount }),
      expect.objectContaining({ invoiceId: feb!.id, amount: feb!.openAmount }),
      expect.objectContaining({ invoiceId: mar!.id, amount: mar!.openAmount }),
    ]);

    const after = await billingOf(agent, policy.id);
    expect(after.invoices.map((i: { status: string; openAmount: number }) => [i.status, i.openAmount])).toEqual([
      ['paid', 0],
      ['paid', 0],
      ['paid', 0],
    ]);
    expect(after).toMatchObject({ amountDue: 0, overdueAmount: 0, overdueSince: null, credit: extra });

    // April's invoice is raised 14 days before 30 April: the credit pays part of it at once.
    t.clock.set('2027-04-16T10:00:00Z');
    await invoices.raiseDue();
    const april = await billingOf(await as('agent'), policy.id);
    const apr = april.invoices[3];
    expect(apr).toMatchObject({ status: 'partially_paid', openAmount: policy.installments.amount - extra });
    expect(april.credit).toBe(0);
    expect(await ledger.balance(t.db, { kind: 'customer_credit', owner: customer.id, currency: 'USD' })).toBe(0);
    expect((await ledger.trialBalance(t.db)).balanced).toBe(true);
  });

  it('a double-clicked card payment (two requests, one key) charges and allocates once', async () => {
    const { policy } = await issuedMonthlyPolicy();
    t.clock.advance(DAY);
    await invoices.raiseDue();
    const agent = await as('agent');
    const due = (await billingOf(agent, policy.id)).amountDue;
    expect(due).toBeGreaterThan(0);
    const key = crypto.randomUUID();
    const body = { policyId: policy.id, method: 'card', amount: due, currency: 'USD' };
    const [a, b] = await Promise.all([pay(agent, body, key), pay(agent, body, key)]);
    const statuses = [a.status, b.status].sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const retry = await pay(agent, body, key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await t.db('payments').where({ policy_id: policy.id })).toHaveLength(1);
    expect(await t.db('journal_entries').where({ policy_id: policy.id, source_type: 'payment' })).toHaveLength(1);
    expect((await billingOf(agent, policy.id)).amountDue).toBe(0);
  });

  it('a chargeback takes the money back from the invoices it paid: they are owed (and overdue) again, the credit is not negative, the ledger balances', async () => {
    const { customer, policy } = await issuedMonthlyPolicy();
    t.clock.advance(DAY);
    await invoices.raiseDue();
    const agent = await as('agent');
    const before = await billingOf(agent, policy.id);
    const invoice = before.invoices[0] as { id: string; openAmount: number };
    const paid = (await pay(agent, { policyId: policy.id, method: 'card', amount: invoice.openAmount, currency: 'USD' }).expect(201)).body;
    expect(paid.allocations).toEqual([expect.objectContaining({ invoiceId: invoice.id, amount: invoice.openAmount })]);
    expect((await billingOf(agent, policy.id)).invoices[0]).toMatchObject({ status: 'paid', openAmount: 0 });

    const dispute = (t.services.paymentGateway as SandboxGateway).openDispute(paid.gatewayReference);
    await request(t.app).post('/api/webhooks/payments').set('Content-Type', 'application/json').set('Stripe-Signature', dispute.signatureHeader).send(dispute.rawBody).expect(200);

    const after = await billingOf(agent, policy.id);
    expect(after.invoices[0]).toMatchObject({ status: 'overdue', openAmount: invoice.openAmount });
    expect(after).toMatchObject({ amountDue: invoice.openAmount, overdueAmount: invoice.openAmount, credit: 0 });
    expect(await ledger.balance(t.db, { kind: 'customer_credit', owner: customer.id, currency: 'USD' })).toBe(0);
    expect((await ledger.trialBalance(t.db)).balanced).toBe(true);
  });
});

describe('payment dates', () => {
  it('refuses a received date PostgreSQL cannot hold (year 0000) with 400 naming receivedOn, and records nothing', async () => {
    const { policy } = await issuedMonthlyPolicy();
    const agent = await as('agent');
    const res = await pay(agent, { policyId: policy.id, method: 'cash', amount: 10_00, currency: 'USD', receivedOn: '0000-01-01' }).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'receivedOn' })]));
    expect(await t.db('payments').where({ policy_id: policy.id })).toHaveLength(0);
  });
});
