import { OverdueListQuery, OverduePage, ReceivablesAging, ReceivablesAgingQuery } from '../../contracts/billing';
import type { ModuleContext } from '../../platform/module';
import type { OverdueWorklist } from './overdue.service';

export function registerOverdueRoutes({ api }: ModuleContext<never>, { overdue }: { overdue: OverdueWorklist }) {
  api.route({
    method: 'get',
    path: '/billing/overdue',
    summary: 'The overdue worklist: policies of your branches with overdue invoices, most days past due first',
    description:
      'One row per policy: the customer, the oldest overdue due date and days past due, the overdue amount (Σ open amounts of its overdue invoices) and the ' +
      'last contact with the customer (the latest payment attempt until the service desk logs interactions). Filters: days past due from/to, minimum amount, ' +
      'product, branch, customer, part of the policy number. Keyset-paged; a forged cursor is 400 INVALID_CURSOR.',
    tags: ['Billing'],
    access: { permission: 'billing:read' },
    request: { query: OverdueListQuery },
    responses: { 200: { description: 'A page of the worklist', schema: OverduePage } },
    handler: async ({ actor, query }, _req, res) => res.json(await overdue.list(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/billing/receivables-aging',
    summary: 'Receivables ageing: the open amounts of your branches’ unpaid invoices per currency, by days past due (current, 1–30, 31–60, 61–90, over 90) as of a day',
    description:
      'The aged receivables report (`billing.aged-receivables`, exported through the reports API) summed per bucket. `asOf` (default today): the receivables as ' +
      'they stood at the end of that day — invoices issued by then, open amounts from the ledger entries dated by then, days past due on that day; a day to come is 400 AGING_AS_OF_IN_FUTURE.',
    tags: ['Billing'],
    access: { permission: 'billing:read' },
    request: { query: ReceivablesAgingQuery },
    responses: { 200: { description: 'The ageing', schema: ReceivablesAging }, 400: { description: 'VALIDATION_FAILED, AGING_AS_OF_IN_FUTURE' } },
    handler: async ({ actor, query }, _req, res) => res.json(await overdue.aging(actor, query)),
  });
}
