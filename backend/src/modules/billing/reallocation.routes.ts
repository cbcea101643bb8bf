import { z } from 'zod';
import { PaymentAllocations, ReallocatePaymentBody } from '../../contracts/billing';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { ReallocationService } from './reallocation.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });

export function registerReallocationRoutes({ api }: ModuleContext<never>, { reallocation }: { reallocation: ReallocationService }) {
  api.route({
    method: 'get',
    path: '/payments/:id/allocations',
    summary: 'Where a payment’s money is applied, the customer’s credit, and the invoices it could pay instead (ETag = the payment’s version)',
    tags: ['Payments'],
    access: { permission: 'payments:read' },
    request: { params: Id },
    responses: { 200: { description: 'The payment’s allocations', schema: PaymentAllocations } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await reallocation.allocations(actor, params.id)),
  });

  api.route({
    method: 'post',
    path: '/payments/:id/reallocate',
    summary: 'Re-allocate a payment: reverse its credit applications and apply its money to the invoices given; the rest stays the customer’s credit',
    description:
      'If-Match carries the payment’s version. Each amount at most the invoice’s open amount once the payment’s applications are reversed; in all at most the ' +
      'payment’s amount and the customer’s credit after the reversal. Invoices must be the payment’s customer’s, in its currency. Audited `payment.reallocate`.',
    tags: ['Payments'],
    access: { permission: 'payments:reallocate' },
    ifMatch: true,
    request: { params: Id, body: ReallocatePaymentBody },
    responses: {
      200: { description: 'The payment’s allocations after the re-allocation', schema: PaymentAllocations },
      404: { description: 'Payment not found (or another branch’s)' },
      409: { description: 'PAYMENT_NOT_REALLOCATABLE' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await reallocation.reallocate(actor, params.id, ifMatch, body)),
  });
}
