import { z } from 'zod';
import { LateFeeWaiver, WaiveLateFeeBody } from '../../contracts/billing';
import type { ModuleContext } from '../../platform/module';
import type { LateFeeService } from './late-fees.service';

const LineId = z.strictObject({ id: z.uuid('Not a valid id'), lineId: z.uuid('Not a valid id') });

export function registerLateFeeRoutes({ api }: ModuleContext<never>, { lateFees }: { lateFees: LateFeeService }) {
  api.route({
    method: 'post',
    path: '/invoices/:id/lines/:lineId/waive',
    summary: 'Waive a late fee with a reason (its ledger entry is reversed; what the customer had paid of it becomes their credit)',
    description:
      'Senior agents and managers of the invoice’s branch. Only a charged late fee that is not waived yet: an installment line is 409 `INVOICE_LINE_NOT_A_LATE_FEE`, ' +
      'a second waiver 409 `LATE_FEE_ALREADY_WAIVED`. The invoice becomes paid when only the fee was open.',
    tags: ['Billing'],
    access: { permission: 'fees:waive' },
    request: { params: LineId, body: WaiveLateFeeBody },
    responses: {
      200: { description: 'The invoice after the waiver', schema: LateFeeWaiver },
      404: { description: 'Invoice or line not found (or another branch’s)' },
      409: { description: 'Not a late fee, already waived, or the invoice is void (INVOICE_VOID)' },
    },
    handler: async ({ actor, params, body }, _req, res) => res.json(await lateFees.waive(actor, params.id, params.lineId, body)),
  });
}
