import { z } from 'zod';
import { LedgerPage, LedgerQuery, type LedgerEntry } from '../../contracts/billing';
import { toCsv } from '../../platform/csv';
import type { ModuleContext } from '../../platform/module';
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

export function registerBillingRoutes({ api, clock }: ModuleContext<never>, { ledger }: { ledger: LedgerService }) {
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
