// The payment receipt, the first message wired into a business transaction: queued in the payment's
// transaction (once per payment, also on a replayed request), by text for a customer without email.
import crypto from 'node:crypto';
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeCustomer, sessionAs } from '../../../../test/support/factories';

const t = appForFile();

async function agentWithCustomer(overrides: Record<string, unknown> = {}) {
  const branch = await makeBranch(t.db);
  const { session } = await loggedIn(t.app, t.db, { role: 'agent', branchId: branch.id });
  const { customer, body } = await makeCustomer(t.app, session, branch.id, overrides);
  return { session, customer, body };
}

const receipts = (customerId: string) => t.db('notification_outbox').where({ customer_id: customerId, template_key: 'payment-receipt' });

it('queues a receipt (email, the default preference) in the payment’s transaction, once per payment, with the payment’s figures', async () => {
  const { session, customer, body } = await agentWithCustomer();
  const key = crypto.randomUUID();
  const pay = () =>
    request(t.app).post('/api/payments').set(session.auth).set('Idempotency-Key', key).send({ customerId: customer.id, method: 'cash', amount: 1234_56, currency: 'USD' });
  const payment = await pay().expect(201);
  await pay().expect(201); // the replay answers the stored response and queues nothing
  const rows = await receipts(customer.id);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    channel: 'email',
    recipient: body.email,
    status: 'pending',
    purpose: 'service',
    idempotency_key: `payment:${payment.body.id}:receipt`,
    data: { customerName: `${body.firstName} ${body.lastName}`, paymentNumber: payment.body.paymentNumber, amount: '1,234.56 USD', receivedOn: payment.body.receivedOn },
  });
  const admin = await sessionAs(t, 'admin');
  const listed = await request(t.app).get('/api/notifications').set(admin.auth).query({ customerId: customer.id }).expect(200);
  expect(listed.body.items).toEqual([expect.objectContaining({ template: 'payment-receipt', recipient: body.email, status: 'pending' })]);
});

it('sends the receipt by text to a customer without an email address (the preferred channel’s fallback)', async () => {
  const { session, customer, body } = await agentWithCustomer({ email: undefined, preferredChannel: 'phone' });
  await request(t.app)
    .post('/api/payments')
    .set(session.auth)
    .set('Idempotency-Key', crypto.randomUUID())
    .send({ customerId: customer.id, method: 'cash', amount: 50_00, currency: 'USD' })
    .expect(201);
  const rows = await receipts(customer.id);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ channel: 'sms', recipient: `+1${body.phone.replace(/\D/g, '')}`, data: { amount: '50.00 USD' } }); // the number as stored, E.164
});

it('queues nothing when the payment is refused (its transaction rolls back)', async () => {
  const { session, customer } = await agentWithCustomer();
  const refused = await request(t.app)
    .post('/api/payments')
    .set(session.auth)
    .set('Idempotency-Key', crypto.randomUUID())
    .send({ customerId: customer.id, method: 'cash', amount: 50_00, currency: 'USD', receivedOn: '2999-01-01' })
    .expect(400);
  expect(refused.body.code).toBe('VALIDATION_FAILED');
  expect(await receipts(customer.id)).toHaveLength(0);
});
