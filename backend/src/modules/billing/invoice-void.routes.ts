import { z } from 'zod';
import { InvoiceVoided, VoidInvoiceBody } from '../../contracts/billing';
import { sendIdempotent } from '../../platform/idempotency';
import type { ModuleContext } from '../../platform/module';
import type { InvoiceVoidService } from './invoice-void.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });

export function registerInvoiceVoidRoutes({ api }: ModuleContext<never>, { invoiceVoids }: { invoiceVoids: InvoiceVoidService }) {
  api.route({
    method: 'post',
    path: '/invoices/:id/void',
    summary: 'Void an invoice raised in error, with a reason (its charges are reversed; it owes nothing and is never raised again)',
    description:
      'Managers and finance managers of the invoice’s branch. Only an unpaid invoice that no money has paid and no write-off settled: otherwise 409 ' +
      '`INVOICE_NOT_VOIDABLE` (with `currentStatus`, `charged`, `openAmount`); re-allocate the payment first. A second void is the same 409.',
    tags: ['Invoices'],
    access: { permission: 'invoices:void' },
    idempotent: 'invoices.void',
    request: { params: Id, body: VoidInvoiceBody },
    responses: {
      200: { description: 'The voided invoice and the reversals of its charges', schema: InvoiceVoided },
      404: { description: 'Invoice not found (or another branch’s)' },
      409: { description: 'Not voidable: paid, partly paid, written off or already void' },
    },
    handler: async ({ actor, params, body, idempotency }, _req, res) => sendIdempotent(res, await invoiceVoids.void(actor, idempotency, params.id, body)),
  });
}
