// Issue 21: a customer pays an open invoice by card through the gateway (the sandbox), one
// Idempotency-Key per attempt — a double tap never pays twice and the ledger stays balanced; another
// customer's invoice is a 404, a paid one a 409, a declined card a recorded failure.
import crypto from 'node:crypto';
import request from 'supertest';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { InvoiceService } from '../../billing/invoices.service';
import { PORTAL_TEST_ENV, registeredCustomer, type PortalCustomer } from './portal-fixtures';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld('portal_payments', { env: PORTAL_TEST_ENV });
});
afterAll(() => w.close());

const raiseInvoices = () => new InvoiceService(w.t.db, w.t.clock, w.ledger, w.t.services.audit, w.t.services.customerProfiles, w.t.config.invoiceLeadDays).raiseDue();
const pay = (c: PortalCustomer, invoiceId: string, key: string) => request(w.t.app).post(`/api/portal/invoices/${invoiceId}/payments`).set(c.auth).set('Idempotency-Key', key);
const openInvoice = async (c: PortalCustomer) => {
  const items = (await request(w.t.app).get('/api/portal/invoices').set(c.auth).expect(200)).body.items as { id: string; openAmount: number; status: string }[];
  const open = items.find((i) => i.openAmount > 0);
  if (!open) throw new Error('no open invoice');
  return open;
};
const balanced = async () => {
  for (const t of await w.trialTotals()) expect(t.debits).toBe(t.credits);
};

describe('paying an invoice in the portal', () => {
  let alice: PortalCustomer;
  let bob: PortalCustomer;
  beforeAll(async () => {
    alice = await registeredCustomer(w, await w.issuedPolicy({ token: 'tok_sandbox_visa' }));
    bob = await registeredCustomer(w, await w.issuedPolicy({ token: 'tok_sandbox_visa' }));
    await raiseInvoices();
  });

  it('a double tap (the same key twice, and at once) makes one payment; the invoice is paid and the ledger balances', async () => {
    const invoice = await openInvoice(alice);
    const key = crypto.randomUUID();
    const [first, second] = await Promise.all([pay(alice, invoice.id, key), pay(alice, invoice.id, key)]);
    const statuses = [first.status, second.status].sort();
    // Either the second waited for nothing (409 in flight) or replayed the first's answer.
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const replay = await pay(alice, invoice.id, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toMatchObject({ status: 'succeeded', amount: invoice.openAmount, method: 'card', cardLast4: expect.any(String) });
    const payments = await w.t.db('payments').where({ customer_id: alice.customerId });
    expect(payments).toHaveLength(1);
    expect(payments[0].created_by).toBeNull();
    const after = (await request(w.t.app).get(`/api/portal/invoices/${invoice.id}`).set(alice.auth).expect(200)).body;
    expect(after).toMatchObject({ status: 'paid', openAmount: 0 });
    await balanced();
    // The payment shows in the portal, and on the staff side audited with Alice as actor.
    expect((await request(w.t.app).get('/api/portal/payments').set(alice.auth).expect(200)).body.items).toHaveLength(1);
    const audit = await w.t.db('audit_log').where({ action: 'payment.create', entity_id: payments[0].id }).first();
    expect(audit).toMatchObject({ actor_role: 'customer', actor_user_id: null });
  });

  it('a second attempt with a new key finds nothing left to pay (409), and charges nothing', async () => {
    const paid = (await request(w.t.app).get('/api/portal/invoices').set(alice.auth).expect(200)).body.items.find((i: { status: string }) => i.status === 'paid');
    const res = await pay(alice, paid.id, crypto.randomUUID()).expect(409);
    expect(res.body.code).toBe('PAYMENT_INVOICE_NOT_OPEN');
    expect(await w.t.db('payments').where({ customer_id: alice.customerId })).toHaveLength(1);
  });

  it("answers 404 for Bob's invoice, and pays nothing", async () => {
    const bobs = await openInvoice(bob);
    expect((await pay(alice, bobs.id, crypto.randomUUID()).expect(404)).body.code).toBe('NOT_FOUND');
    expect(await w.t.db('payments').where({ customer_id: bob.customerId })).toHaveLength(0);
  });

  it('needs an Idempotency-Key (400), and refuses a staff token (401)', async () => {
    const bobs = await openInvoice(bob);
    expect((await request(w.t.app).post(`/api/portal/invoices/${bobs.id}/payments`).set(bob.auth).expect(400)).body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    await request(w.t.app).post(`/api/portal/invoices/${bobs.id}/payments`).set(w.admin.auth).set('Idempotency-Key', crypto.randomUUID()).expect(401);
  });

  it('records a declined card as a failed payment (201, replayed on retry) and leaves the invoice open', async () => {
    const carol = await registeredCustomer(w, await w.issuedPolicy({ token: 'tok_sandbox_declined' }));
    await raiseInvoices();
    const invoice = await openInvoice(carol);
    const key = crypto.randomUUID();
    const declined = await pay(carol, invoice.id, key).expect(201);
    expect(declined.body).toMatchObject({ status: 'failed', failureMessage: expect.any(String) });
    await pay(carol, invoice.id, key).expect(201);
    expect(await w.t.db('payments').where({ customer_id: carol.customerId })).toHaveLength(1);
    expect((await request(w.t.app).get(`/api/portal/invoices/${invoice.id}`).set(carol.auth).expect(200)).body.openAmount).toBe(invoice.openAmount);
    await balanced();
  });
});
