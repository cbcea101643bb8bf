import { z } from 'zod';
import { CustomerBilling, LedgerPage, LedgerQuery, PolicyBilling, type LedgerEntry } from '../../contracts/billing';
import { toCsv } from '../../platform/csv';
import type { ModuleContext } from '../../platform/module';
import type { InvoiceService } from './invoices.service';
import { LEDGER_EXPORT_MAX, type LedgerService } from './ledger.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });

const CSV_HEADER = [
  'entrySeq',
  'entryId',
  'externalId',
  'effectiveDate',
  'sourceType',
  'sourceId',
  'description',
  'reversesEntryId',
  'reversedByEntryId',
  'createdAt',
  'accountKind',
  'accountOwner',
  'direction',
  'amountMinorUnits',
  'currency',
];

/** One CSV row per posting, with its entry's facts repeated. */
const csvRows = (entries: LedgerEntry[]) =>
  entries.flatMap((e) =>
    e.postings.map((p) => [
      e.seq,
      e.id,
      e.externalId,
      e.effectiveDate,
      e.sourceType,
      e.sourceId,
      e.description,
      e.reversesEntryId,
      e.reversedByEntryId,
      e.createdAt,
      p.accountKind,
      p.accountOwner,
      p.direction,
      p.amount,
      p.currency,
    ]),
  );

export function registerBillingRoutes({ api, clock }: ModuleContext<never>, { ledger, invoices }: { ledger: LedgerService; invoices: InvoiceService }) {
  // --- Invoices: the billing summary of a policy and of a customer.
  api.route({
    method: 'get',
    path: '/policies/:id/billing',
    summary: "The policy's billing: amount due, overdue, next due, the customer's credit, installments and invoices",
    tags: ['Billing'],
    access: { permission: 'billing:read' },
    request: { params: Id },
    responses: { 200: { description: "The policy's billing", schema: PolicyBilling } },
    handler: async ({ actor, params }, _req, res) => res.json(await invoices.policyBilling(actor, params.id)),
  });
  api.route({
    method: 'get',
    path: '/customers/:id/billing',
    summary: "The customer's billing totals across their policies, per currency",
    tags: ['Billing'],
    access: { permission: 'billing:read' },
    request: { params: Id },
    responses: { 200: { description: "The customer's billing totals", schema: CustomerBilling } },
    handler: async ({ actor, params }, _req, res) => res.json(await invoices.customerBilling(actor, params.id)),
  });

  for (const owner of ['policy', 'customer'] as const) {
    const base = owner === 'policy' ? '/policies/:id/ledger' : '/customers/:id/ledger';
    const scopeOf = (id: string) => (owner === 'policy' ? { policyId: id } : { customerId: id });

    api.route({
      method: 'get',
      path: base,
      summary: `The ${owner}'s ledger entries with their postings, newest first`,
      tags: ['Billing'],
      access: { permission: 'ledger:read' },
      request: { params: Id, query: LedgerQuery },
      responses: { 200: { description: 'A page of ledger entries', schema: LedgerPage } },
      handler: async ({ actor, params, query }, _req, res) =>
        res.json(owner === 'policy' ? await ledger.policyLedger(actor, params.id, query) : await ledger.customerLedger(actor, params.id, query)),
    });

    api.route({
      method: 'get',
      path: `${base}/export`,
      summary: `The ${owner}'s ledger as CSV, one row per posting (newest entry first, at most ${LEDGER_EXPORT_MAX} entries)`,
      tags: ['Billing'],
      access: { permission: 'ledger:read' },
      request: { params: Id },
      responses: { 200: { description: 'CSV file', contentType: 'text/csv' } },
      handler: async ({ actor, params }, _req, res) => {
        const entries = await ledger.exportLedger(actor, scopeOf(params.id));
        res
          .type('text/csv; charset=utf-8')
          .attachment(`policydesk-${owner}-ledger-${clock.businessDate()}.csv`)
          .send(toCsv(CSV_HEADER, csvRows(entries)));
      },
    });
  }
}
