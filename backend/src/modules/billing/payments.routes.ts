import { z } from 'zod';
import { CreatePaymentBody, Payment, PaymentListQuery, PaymentPage, PaymentResult, PaymentReversal, ReversePaymentBody, WebhookAck } from '../../contracts/billing';
import { sendVersioned } from '../../platform/http';
import { sendIdempotent } from '../../platform/idempotency';
import type { ModuleContext } from '../../platform/module';
import type { PaymentWebhooksService } from './payment-webhooks.service';
import type { PaymentsService } from './payments.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });

/** The path the app gives a raw (unparsed) body, so the signature is checked over the exact bytes. */
export const PAYMENT_WEBHOOK_PATH = '/api/webhooks/payments';
export const PAYMENT_SIGNATURE_HEADER = 'Stripe-Signature';

export function registerPaymentRoutes({ api }: ModuleContext<never>, { payments, webhooks }: { payments: PaymentsService; webhooks: PaymentWebhooksService }) {
  api.route({
    method: 'post',
    path: '/payments',
    summary: 'Record a payment for a policy or a customer’s account (card through the gateway with the policy’s stored card)',
    description:
      'Card: charged through the payment gateway with the policy’s stored token — `succeeded`, `failed` (still 201: a declined card is a recorded payment) or ' +
      '`pending` (settled later by the gateway’s webhook). Bank transfer, direct debit, check and cash are recorded `succeeded` at once. A succeeded payment ' +
      'posts to the ledger and its credit is applied to open invoices (`allocations`).',
    tags: ['Payments'],
    access: { permission: 'payments:create' },
    idempotent: 'payments.create',
    request: { body: CreatePaymentBody },
    responses: {
      201: { description: 'The payment as recorded, with how its money was applied', schema: PaymentResult },
      404: { description: 'Policy or customer not found' },
      502: { description: 'PAYMENT_GATEWAY_ERROR: the gateway did not answer; nothing was recorded, retry with the same key' },
      503: { description: 'PAYMENT_GATEWAY_UNAVAILABLE (no card gateway configured), or the database is unavailable' },
    },
    handler: async ({ actor, body, idempotency }, _req, res) => sendIdempotent(res, await payments.create(actor, idempotency, body)),
  });

  api.route({
    method: 'get',
    path: '/payments/:id',
    summary: 'A payment',
    tags: ['Payments'],
    access: { permission: 'payments:read' },
    request: { params: Id },
    responses: { 200: { description: 'The payment', schema: Payment } },
    handler: async ({ actor, params }, _req, res) => res.json(await payments.get(actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/payments/:id/reverse',
    summary: 'Reverse a payment whose money did not arrive: a bounced check or a returned direct debit',
    description:
      'Senior agents and managers of the payment’s branch; If-Match carries the payment’s version. Only a succeeded check or direct debit (a card payment is ' +
      '409 `PAYMENT_REVERSAL_NOT_FOR_METHOD`: its chargeback arrives by the gateway’s dispute webhook), and not while refunds hold its money (409 ' +
      '`PAYMENT_REFUNDS_HOLD_MONEY`). The payment becomes `reversed`; its ledger entry is reversed and the credit its money paid invoices with is taken back ' +
      'from them (newest due first), so they are owed — overdue when past due — again (`reopened`). A second reversal is 409 `PAYMENT_ALREADY_REVERSED`. ' +
      'History and audit `payment.reverse` in the same transaction.',
    tags: ['Payments'],
    access: { permission: 'payments:reverse' },
    ifMatch: true,
    request: { params: Id, body: ReversePaymentBody },
    responses: {
      200: { description: 'The reversed payment and what was taken back from each invoice', schema: PaymentReversal },
      404: { description: 'Payment not found (or another branch’s)' },
      409: { description: 'PAYMENT_REVERSAL_NOT_FOR_METHOD, PAYMENT_NOT_REVERSIBLE, PAYMENT_ALREADY_REVERSED or PAYMENT_REFUNDS_HOLD_MONEY' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await payments.reverse(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'get',
    path: '/policies/:id/payments',
    summary: 'The payments of a policy, newest first',
    tags: ['Payments'],
    access: { permission: 'payments:read' },
    request: { params: Id, query: PaymentListQuery },
    responses: { 200: { description: 'A page of payments', schema: PaymentPage } },
    handler: async ({ actor, params, query }, _req, res) => res.json(await payments.listForPolicy(actor, params.id, query)),
  });

  api.route({
    method: 'post',
    path: '/webhooks/payments',
    summary: 'The payment gateway’s events (signed: Stripe-Signature t=…,v1=…)',
    description:
      'Public: authenticated by the HMAC-SHA256 signature over the raw body (300 s tolerance, every configured secret accepted). Each event is stored once by ' +
      'its id; a redelivery answers 200 and changes nothing.',
    tags: ['Payments'],
    access: 'public',
    responses: {
      200: { description: 'Received (or received before)', schema: WebhookAck },
      400: { description: 'Bad, stale or malformed signature, or not an event: nothing was stored' },
      409: {
        description:
          'No payment has this reference yet (WEBHOOK_PAYMENT_UNKNOWN), or a dispute for a payment still pending (WEBHOOK_PAYMENT_PENDING): nothing was stored, redeliver later',
      },
      503: { description: 'The database is unavailable (SERVICE_UNAVAILABLE): redeliver later' },
    },
    handler: async (_input, req, res) => {
      const raw: unknown = req.body;
      const body = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
      res.json(await webhooks.receive(body, req.get(PAYMENT_SIGNATURE_HEADER)));
    },
  });
}
