// Report exports (issue 18): a report written to a CSV, Excel or PDF file by a pg-boss job, kept 7
// days under DATA_DIR/exports and downloaded only by whoever asked. The rows come from the report's
// own `rows(db, actor, params)` run as the requester is *now* (their current role and branches), so
// an export never shows more than the API would.
//
// The job is idempotent through a lease on the row (`run_token`, `heartbeat_at`): a run claims a
// queued export (or a running one whose heartbeat went stale: its worker died), writes its own file
// (`<id>/<token>.<ext>`), reports progress under the lease after each batch, and marks it done under
// the lease. A second run while the first is alive finds nothing to claim; a run that lost its lease
// stops at its next batch and deletes its file. Exports of reports with personal data are audited
// with the request and with the completion, in their transactions.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { PDF_EXPORT_ROW_LIMIT, REPORT_EXPORT_KEEP_DAYS, type ExportFileFormat, type ReportColumn, type ReportExport, type ReportsErrorCode } from '../../contracts/reports';
import { withTransaction, type Db, type Trx } from '../../db';
import type { NotificationService } from '../notifications/notifications.service';
import type { ActorDirectory } from '../identity/actor-directory';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../../platform/actor';
import { ReadRouter } from '../../platform/read-router';
import type { Clock } from '../../platform/clock';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { JobRegistry } from '../../platform/jobs';
import type { Logger } from '../../platform/logger';
import { zodIssuesToFieldErrors } from '../../platform/validation';
import { EXPORT_CONTENT_TYPES, writeExport } from './export-writers';
import { assertFormatOffered, ReportTooLarge, type ReportDefinition, type ReportRegistry, type ReportRow } from './report-registry';
import * as repo from './report-exports.repository';
import type { ReportExportRow } from './report-exports.repository';

export const RUN_REPORT_EXPORT_JOB = 'reports.run-export';
export const PURGE_REPORT_EXPORTS_JOB = 'reports.purge-exports';

/** A running export whose heartbeat is older than this is taken as crashed, and another run takes it over. */
export const EXPORT_LEASE_MS = 5 * 60_000;
/** Runs that may fail for a reason a retry could change (the database away) before the export is failed. */
export const EXPORT_MAX_ATTEMPTS = 3;
const DAY_MS = 24 * 60 * 60_000;

class TooManyRows extends Error {}
class LeaseLost extends Error {}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toReportExport(row: ReportExportRow, now: Date): ReportExport {
  return {
    id: row.id,
    reportKey: row.report_key,
    reportTitle: row.report_title,
    format: row.format,
    params: row.params,
    status: row.status,
    rowsWritten: row.rows_written,
    fileName: row.file_name,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    sha256: row.sha256,
    requestedAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    expiresAt: row.expires_at.toISOString(),
    expired: row.expires_at <= now || row.file_deleted_at !== null,
    error: row.error_code ? { code: row.error_code, message: row.error ?? '' } : null,
  };
}

/** "Status: open", "From: 2026-11-01" — the parameters as the PDF's filter line shows them. */
function filtersOf(params: Record<string, unknown>): [string, string][] {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()), typeof v === 'string' ? v : JSON.stringify(v)]);
}

/** `claims-register-20261207-0412.xlsx`: the report's name and the time it was written (UTC). */
function fileNameOf(key: string, format: ExportFileFormat, at: Date): string {
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${key.replace('.', '-')}-${stamp}.${format}`;
}

/** The report's own check of its parameters, defaulted; errors at `params.<name>`. */
export function checkedParams(report: ReportDefinition<unknown>, params: Record<string, unknown>): Record<string, unknown> {
  const parsed = report.params.safeParse(params);
  if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors(parsed.error.issues, 'params'), 'The report’s parameters are not valid.');
  return (parsed.data ?? {}) as Record<string, unknown>;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

export class ReportExportsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly reports: ReportRegistry,
    private readonly audit: AuditService,
    private readonly actors: ActorDirectory,
    private readonly jobs: JobRegistry,
    private readonly notifications: NotificationService,
    private readonly dir: string,
    /** The console's address as users reach it (config.publicUrl): the start of every link sent. */
    private readonly publicUrl: string,
    private readonly logger: Logger,
    /** A report's heading and rows are read where reads may go (the replica when it may serve); the export's own bookkeeping stays on the primary. */
    private readonly reads: ReadRouter = new ReadRouter(db),
  ) {}

  /** Queues an export of a report the actor may run, its parameters checked by the report's schema. */
  async request(actor: Actor, key: string, body: { format: ExportFileFormat; params: Record<string, unknown> }): Promise<ReportExport> {
    const report = this.reports.forActor(actor, key);
    assertFormatOffered(report, body.format);
    const params = checkedParams(report, body.params);
    // A report whose title depends on its params (a saved custom report) names it now, and says 404 when not the actor's to run.
    const title = report.heading ? (await report.heading(this.db, actor, params)).title : report.title;
    const row = await withTransaction(this.db, (trx) => this.queue(trx, actor, report, params, body.format, null, title));
    return toReportExport(row, this.clock.now());
  }

  /**
   * Writes a queued export for `actor` and its job in the caller's transaction; an export of a report
   * with personal data is audited with it. `scheduleRunId`: the scheduled run it belongs to.
   */
  async queue(
    trx: Trx,
    actor: Actor,
    report: ReportDefinition<unknown>,
    params: Record<string, unknown>,
    format: ExportFileFormat,
    scheduleRunId: string | null,
    title: string = report.title,
  ): Promise<ReportExportRow> {
    const now = this.clock.now();
    const row = await repo.insert(trx, {
      report_key: report.key,
      report_title: title,
      params,
      format,
      personal_data: report.personalData,
      requested_by: actor.userId,
      branch_id: actor.branchId,
      schedule_run_id: scheduleRunId,
      expires_at: new Date(now.getTime() + REPORT_EXPORT_KEEP_DAYS * DAY_MS),
      created_at: now,
      updated_at: now,
    });
    if (report.personalData) {
      await this.audit.record(trx, {
        actor,
        action: 'report_export.request',
        entity: { type: 'report_export', id: row.id },
        branchId: actor.branchId,
        metadata: { report: report.key, format, params, ...(scheduleRunId ? { scheduleRunId } : {}) },
      });
    }
    await this.jobs.send(RUN_REPORT_EXPORT_JOB, { exportId: row.id }, { trx, singletonKey: row.id });
    return row;
  }

  /** The actor's own exports, newest first, a page at a time. */
  async list(actor: Actor, page: { limit: number; cursor?: string }): Promise<{ items: ReportExport[]; nextCursor: string | null }> {
    const now = this.clock.now();
    const { items, nextCursor } = await repo.listOf(this.db, actor.userId, page);
    return { items: items.map((r) => toReportExport(r, now)), nextCursor };
  }

  /** One of the actor's own exports; anyone else's (or an unknown id) → 404. */
  async get(actor: Actor, id: string): Promise<ReportExport> {
    return toReportExport(await this.own(actor, id), this.clock.now());
  }

  private async own(actor: Actor, id: string): Promise<ReportExportRow> {
    const row = await repo.find(this.db, id);
    if (!row || row.requested_by !== actor.userId) throw new NotFoundError('export');
    return row;
  }

  /** The file to download: only the requester's, only once written, never after its expiry (410). */
  async file(actor: Actor, id: string): Promise<{ path: string; fileName: string; contentType: string }> {
    const row = await this.own(actor, id);
    const now = this.clock.now();
    if (row.expires_at <= now || row.file_deleted_at) {
      throw new AppError(
        410,
        'REPORT_EXPORT_EXPIRED',
        'Gone',
        `Export files are kept ${REPORT_EXPORT_KEEP_DAYS} days; this one expired on ${row.expires_at.toISOString().slice(0, 10)}. Export the report again.`,
      );
    }
    if (row.status !== 'done' || !row.file_path || !row.file_name) {
      throw new ConflictError(
        'REPORT_EXPORT_NOT_READY',
        row.status === 'failed' ? 'The export failed: there is no file.' : 'The export is not written yet: try again when it is done.',
        {
          exportStatus: row.status,
        },
      );
    }
    return { path: path.join(this.dir, row.file_path), fileName: row.file_name, contentType: EXPORT_CONTENT_TYPES[row.format] };
  }

  /** The job: writes the export's file (see the header for how a second or crashed run behaves). */
  async run(exportId: string): Promise<void> {
    const token = randomUUID();
    const started = this.clock.now();
    const row = await repo.claim(this.db, exportId, token, started, new Date(started.getTime() - EXPORT_LEASE_MS));
    if (!row) return; // done, failed, unknown, or another run holds a live lease

    const fail = async (code: ReportsErrorCode, message: string) => {
      await repo.fail(this.db, row.id, token, code, message, this.clock.now());
    };
    if (row.attempts > EXPORT_MAX_ATTEMPTS)
      return fail('REPORT_EXPORT_FAILED', `The export failed ${EXPORT_MAX_ATTEMPTS} times: ask for it again, or contact support if it keeps failing.`);

    // The requester as they are now: a user disabled or moved to a role without the report gets nothing.
    const actor = await this.actors.actorOf(this.db, row.requested_by, `job:${RUN_REPORT_EXPORT_JOB}`);
    let report: ReportDefinition<unknown> | undefined;
    try {
      report = actor && this.reports.forActor(actor, row.report_key);
    } catch {
      report = undefined;
    }
    const params = report?.params.safeParse(row.params);
    if (!actor || !report || !params?.success)
      return fail('REPORT_EXPORT_NOT_ALLOWED', 'You may no longer run this report (or its parameters no longer apply): nothing was exported.');
    let heading: { title: string; columns: readonly ReportColumn[] } = { title: report.title, columns: report.columns };
    // One database for the whole file (a long read cannot move midway): the replica when it may serve.
    const readDb = await this.reads.dbFor(actor);
    if (report.heading) {
      try {
        heading = await report.heading(readDb, actor, params.data);
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return fail('REPORT_EXPORT_NOT_ALLOWED', 'You may no longer run this report (or its parameters no longer apply): nothing was exported.');
        throw err;
      }
    }

    const folder = path.join(this.dir, row.id);
    await fs.promises.mkdir(folder, { recursive: true });
    const relative = path.join(row.id, `${token}.${row.format}`);
    const file = path.join(this.dir, relative);
    const out = fs.createWriteStream(file, { flags: 'wx' });
    // A write still in flight when the stream is destroyed below fails with an 'error' event: expected, not a fault.
    out.on('error', () => undefined);
    try {
      const rows = await writeExport(
        row.format,
        { title: heading.title, filters: filtersOf(row.params), generatedAt: started, columns: heading.columns },
        this.capped(row.format, report.rows(readDb, actor, params.data)),
        out,
        async (written) => {
          if (!(await repo.progress(this.db, row.id, token, written, this.clock.now()))) throw new LeaseLost();
        },
      );
      const [sha256, stat] = await Promise.all([sha256Of(file), fs.promises.stat(file)]);
      const finished = this.clock.now();
      const done = await withTransaction(this.db, async (trx) => {
        const completed = await repo.complete(trx, row.id, token, {
          rows_written: rows,
          file_name: fileNameOf(row.report_key, row.format, started),
          file_path: relative,
          size_bytes: stat.size,
          sha256,
          finished_at: finished,
          expires_at: new Date(finished.getTime() + REPORT_EXPORT_KEEP_DAYS * DAY_MS),
        });
        if (completed && completed.personal_data) {
          await this.audit.record(trx, {
            actor,
            action: 'report_export.complete',
            entity: { type: 'report_export', id: row.id },
            branchId: row.branch_id,
            metadata: { report: row.report_key, format: row.format, params: row.params, rows, sha256 },
          });
        }
        // A scheduled copy: its recipient is told by email, with a link to it — never the file.
        if (completed?.schedule_run_id) await this.tellRecipient(trx, completed);
        return completed;
      });
      if (!done) throw new LeaseLost();
      await this.removeOthers(folder, `${token}.${row.format}`);
    } catch (err) {
      // Nothing more is wanted from the stream: close it (events.once would reject on its 'error').
      const closed = out.closed ? Promise.resolve() : new Promise<void>((resolve) => out.once('close', () => resolve()));
      out.destroy();
      await closed;
      await fs.promises.rm(file, { force: true });
      if (err instanceof LeaseLost) return; // another run took over and writes the file
      if (err instanceof ReportTooLarge) return fail('REPORT_EXPORT_TOO_MANY_ROWS', `${err.message} Nothing was exported.`);
      if (err instanceof TooManyRows) {
        return fail(
          'REPORT_EXPORT_TOO_MANY_ROWS',
          `A PDF export holds at most ${PDF_EXPORT_ROW_LIMIT.toLocaleString('en-US')} rows and this report has more: export it as CSV or Excel, or narrow its parameters.`,
        );
      }
      // Perhaps passing (the database away): give it back to the queue and let pg-boss retry.
      this.logger.error({ err, exportId: row.id, attempt: row.attempts }, 'report export failed');
      if (row.attempts >= EXPORT_MAX_ATTEMPTS) return fail('REPORT_EXPORT_FAILED', 'The export failed: ask for it again, or contact support if it keeps failing.');
      await repo.release(this.db, row.id, token, this.clock.now());
      throw err;
    }
  }

  private async tellRecipient(trx: Trx, row: ReportExportRow) {
    const contact = (await this.actors.contacts(trx, [row.requested_by])).get(row.requested_by);
    if (!contact) return;
    await this.notifications.enqueue(trx, {
      channel: 'email',
      template: 'report-ready',
      recipient: contact.email,
      data: {
        recipientName: contact.name,
        reportTitle: row.report_title,
        link: `${this.publicUrl}/reports?export=${row.id}`,
        expiresOn: this.clock.businessDate(row.expires_at),
      },
      idempotencyKey: `report-ready:${row.id}`,
      purpose: 'service',
    });
  }

  /** A PDF keeps every page until the end: past the limit the export stops (and fails saying so). */
  private async *capped(format: ExportFileFormat, batches: AsyncIterable<ReportRow[]>): AsyncGenerator<ReportRow[]> {
    let count = 0;
    for await (const batch of batches) {
      count += batch.length;
      if (format === 'pdf' && count > PDF_EXPORT_ROW_LIMIT) throw new TooManyRows();
      yield batch;
    }
  }

  /** Files of runs that crashed or lost their lease, beside the one kept. */
  private async removeOthers(folder: string, keep: string) {
    for (const name of await fs.promises.readdir(folder)) if (name !== keep) await fs.promises.rm(path.join(folder, name), { force: true });
  }

  /** The daily clean-up: deletes the files past their expiry (the rows stay, marked, for the list). */
  async purgeExpired(): Promise<number> {
    let purged = 0;
    for (;;) {
      const now = this.clock.now();
      const batch = await repo.expiredFiles(this.db, now, 500);
      if (!batch.length) return purged;
      for (const { id } of batch) await fs.promises.rm(path.join(this.dir, id), { recursive: true, force: true });
      await repo.markFileDeleted(
        this.db,
        batch.map((b) => b.id),
        now,
      );
      purged += batch.length;
      if (batch.length < 500) return purged;
    }
  }
}
