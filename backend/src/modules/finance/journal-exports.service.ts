// Exporting the books to the accounting system. Finance managers map every Policydesk account kind
// to a general-ledger code (the set replaced as a whole, If-Match on its revision). A closed month's
// journal is then exported once per format as a batch: the day-by-day summary of the ledger with the
// mapping of that moment, kept as generated (downloaded again byte for byte, never regenerated), its
// totals equal to the month's movements in the ledger.
import crypto from 'node:crypto';
import type { AccountKind } from '../../contracts/billing';
import type { CreateJournalExportBody, FinanceErrorCode, GlMapping, JournalExportBatch, ReplaceGlMappingBody } from '../../contracts/finance';
import { withTransaction, type Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import { CHART_OF_ACCOUNTS } from '../billing/chart-of-accounts';
import type { LedgerService } from '../billing/ledger.service';
import { journalLines, renderJournal, totalsOf } from './journal-export';
import * as repo from './journal-exports.repository';
import { monthEnd, monthOf, monthStart } from './periods';

const conflict = (code: FinanceErrorCode, detail: string, extras?: Record<string, unknown>) => new ConflictError(code, detail, extras);

const toBatch = (r: Omit<repo.BatchRow, 'content'>): JournalExportBatch => ({
  id: r.id,
  month: monthOf(r.period_start),
  format: r.format,
  filename: r.filename,
  lineCount: r.line_count,
  entryCount: r.entry_count,
  sha256: r.sha256,
  totals: r.totals,
  createdBy: { id: r.created_by, name: r.created_by_name },
  createdAt: r.created_at.toISOString(),
});

export class JournalExportsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
  ) {}

  /** Every account kind with its general-ledger code, or null where none is set. */
  async mapping(): Promise<GlMapping> {
    const rows = new Map((await repo.mappingRows(this.db)).map((r) => [r.kind, r]));
    return {
      revision: await repo.mappingRevision(this.db),
      items: (Object.keys(CHART_OF_ACCOUNTS) as AccountKind[]).map((kind) => ({
        kind,
        description: CHART_OF_ACCOUNTS[kind].description,
        glCode: rows.get(kind)?.gl_code ?? null,
        glName: rows.get(kind)?.gl_name ?? null,
      })),
    };
  }

  /** Replaces the whole mapping (finance managers; If-Match on its revision). */
  async replaceMapping(actor: Actor, revision: number, body: ReplaceGlMappingBody): Promise<GlMapping> {
    await withTransaction(this.db, async (trx) => {
      await repo.lockMapping(trx);
      const current = await repo.mappingRevision(trx);
      if (current !== revision) throw new PreconditionFailedError(current);
      const before = Object.fromEntries((await repo.mappingRows(trx)).map((r) => [r.kind, r.gl_code]));
      const next = await repo.replaceMapping(
        trx,
        body.items.map((i) => ({ kind: i.kind, gl_code: i.glCode, gl_name: i.glName })),
        actor.userId,
        this.clock.now(),
      );
      await this.audit.record(trx, {
        actor,
        action: 'gl_mapping.replace',
        entity: { type: 'gl_mapping', id: 'all' },
        before,
        after: Object.fromEntries(body.items.map((i) => [i.kind, i.glCode])),
        metadata: { revision: next },
      });
    });
    return this.mapping();
  }

  async list(): Promise<{ items: JournalExportBatch[] }> {
    return { items: (await repo.listBatches(this.db)).map(toBatch) };
  }

  /**
   * Exports a closed month in a format: 201 with the new batch, or 200 with the one made before (a
   * batch is never made twice). 409 EXPORT_PERIOD_OPEN for an open month, EXPORT_UNMAPPED_ACCOUNTS
   * when an account with postings in the month has no general-ledger code.
   */
  async create(actor: Actor, month: string, body: CreateJournalExportBody): Promise<{ batch: JournalExportBatch; created: boolean }> {
    const periodStart = monthStart(month);
    const existing = await repo.findBatch(this.db, { period_start: periodStart, format: body.format });
    if (existing) return { batch: toBatch(existing), created: false };
    const created = await withTransaction(this.db, async (trx) => {
      const lockedThrough = await this.ledger.lockedThrough(trx);
      if (lockedThrough === null || monthEnd(month) > lockedThrough) throw conflict('EXPORT_PERIOD_OPEN', `${month} is open: close it before exporting its journal.`);
      const movements = await this.ledger.dailyMovements(trx, periodStart, monthEnd(month));
      const mapping = new Map((await repo.mappingRows(trx)).map((r) => [r.kind as AccountKind, { glCode: r.gl_code, glName: r.gl_name }]));
      const unmapped = [...new Set(movements.map((m) => m.kind))].filter((k) => !mapping.has(k)).sort();
      if (unmapped.length) throw conflict('EXPORT_UNMAPPED_ACCOUNTS', `Map ${unmapped.join(', ')} to general-ledger accounts first.`, { unmapped });
      const lines = journalLines(movements, mapping);
      const file = renderJournal(body.format, month, lines);
      const totals = totalsOf(lines);
      const id = await repo.insertBatchIfNew(trx, {
        period_start: periodStart,
        format: body.format,
        filename: file.filename,
        content: file.content,
        sha256: crypto.createHash('sha256').update(file.content).digest('hex'),
        line_count: lines.length,
        entry_count: await this.ledger.entryCount(trx, periodStart, monthEnd(month)),
        totals,
        mapping: Object.fromEntries(mapping),
        created_by: actor.userId,
        created_at: this.clock.now(),
      });
      if (!id) return false; // made by a concurrent request: answered below
      await this.audit.record(trx, {
        actor,
        action: 'journal.export',
        entity: { type: 'journal_export', id },
        metadata: { month, format: body.format, lines: lines.length, totals },
      });
      return true;
    });
    return { batch: toBatch((await repo.findBatch(this.db, { period_start: periodStart, format: body.format }))!), created };
  }

  /** A batch's file exactly as it was made. */
  async file(id: string): Promise<{ filename: string; content: string }> {
    const batch = await repo.findBatch(this.db, { id });
    if (!batch) throw new NotFoundError('journal export');
    return { filename: batch.filename, content: (await repo.batchContent(this.db, id))! };
  }
}
