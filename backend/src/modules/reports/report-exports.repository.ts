// SQL for report exports. First argument: the db or the transaction. Only `report_exports`.
import type { ExportFileFormat, ReportExportStatus } from '../../contracts/reports';
import type { Page } from '../../contracts/common';
import type { DbOrTrx } from '../../db';
import { keysetPage, type SortKey } from '../../platform/pagination';

export interface ReportExportRow {
  id: string;
  seq: number;
  report_key: string;
  report_title: string;
  params: Record<string, unknown>;
  format: ExportFileFormat;
  personal_data: boolean;
  requested_by: string;
  branch_id: string;
  status: ReportExportStatus;
  rows_written: number;
  attempts: number;
  run_token: string | null;
  heartbeat_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  file_name: string | null;
  file_path: string | null;
  size_bytes: number | string | null;
  sha256: string | null;
  expires_at: Date;
  file_deleted_at: Date | null;
  error_code: string | null;
  error: string | null;
  /** The scheduled run that made it (null: asked for by hand). */
  schedule_run_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const bump = (db: DbOrTrx, now: Date) => ({ version: db.raw('version + 1'), updated_at: now });

export async function insert(
  db: DbOrTrx,
  row: Pick<
    ReportExportRow,
    'report_key' | 'report_title' | 'params' | 'format' | 'personal_data' | 'requested_by' | 'branch_id' | 'schedule_run_id' | 'expires_at' | 'created_at' | 'updated_at'
  >,
): Promise<ReportExportRow> {
  const [inserted] = await db('report_exports')
    .insert({ ...row, params: JSON.stringify(row.params) })
    .returning('*');
  return inserted as ReportExportRow;
}

export function find(db: DbOrTrx, id: string): Promise<ReportExportRow | undefined> {
  return db('report_exports').where({ id }).first();
}

const LIST_ORDER: SortKey[] = [{ column: 'seq', field: 'seq', dir: 'desc' }];

/** A page of the requester's exports, newest first. */
export function listOf(db: DbOrTrx, userId: string, page: { limit: number; cursor?: string }): Promise<Page<ReportExportRow>> {
  return keysetPage<ReportExportRow & Record<string, unknown>>(db('report_exports').where({ requested_by: userId }), LIST_ORDER, page);
}

/**
 * Takes the export for a run: a queued one, or a running one whose heartbeat is older than
 * `staleBefore` (its worker died). Anything else (done, failed, running under a live lease) → undefined.
 */
export async function claim(db: DbOrTrx, id: string, token: string, now: Date, staleBefore: Date): Promise<ReportExportRow | undefined> {
  const [row] = await db('report_exports')
    .where({ id })
    .andWhere((q) => q.where({ status: 'queued' }).orWhere((r) => r.where({ status: 'running' }).andWhere('heartbeat_at', '<', staleBefore)))
    .update({
      status: 'running',
      run_token: token,
      heartbeat_at: now,
      started_at: db.raw('coalesce(started_at, ?)', [now]),
      attempts: db.raw('attempts + 1'),
      rows_written: 0,
      ...bump(db, now),
    })
    .returning('*');
  return row as ReportExportRow | undefined;
}

/** Progress under the run's lease; false when the lease was lost (another run took over). */
export async function progress(db: DbOrTrx, id: string, token: string, rowsWritten: number, now: Date): Promise<boolean> {
  const n = await db('report_exports').where({ id, run_token: token, status: 'running' }).update({ rows_written: rowsWritten, heartbeat_at: now, updated_at: now });
  return n === 1;
}

export async function complete(
  db: DbOrTrx,
  id: string,
  token: string,
  done: { rows_written: number; file_name: string; file_path: string; size_bytes: number; sha256: string; finished_at: Date; expires_at: Date },
): Promise<ReportExportRow | undefined> {
  const [row] = await db('report_exports')
    .where({ id, run_token: token, status: 'running' })
    .update({ ...done, status: 'done', run_token: null, heartbeat_at: null, error_code: null, error: null, ...bump(db, done.finished_at) })
    .returning('*');
  return row as ReportExportRow | undefined;
}

/** Ends the run as failed (a reason a retry cannot change). */
export async function fail(db: DbOrTrx, id: string, token: string, code: string, message: string, now: Date): Promise<boolean> {
  const n = await db('report_exports')
    .where({ id, run_token: token, status: 'running' })
    .update({ status: 'failed', run_token: null, heartbeat_at: null, error_code: code, error: message.slice(0, 1000), finished_at: now, ...bump(db, now) });
  return n === 1;
}

/** Gives the export back to the queue after a run that may succeed when retried. */
export async function release(db: DbOrTrx, id: string, token: string, now: Date): Promise<boolean> {
  const n = await db('report_exports')
    .where({ id, run_token: token, status: 'running' })
    .update({ status: 'queued', run_token: null, heartbeat_at: null, ...bump(db, now) });
  return n === 1;
}

/** Exports whose files are past their expiry and still on disk, oldest first. */
export function expiredFiles(db: DbOrTrx, now: Date, limit: number): Promise<Pick<ReportExportRow, 'id' | 'file_path'>[]> {
  return db('report_exports').whereNotNull('file_path').whereNull('file_deleted_at').where('expires_at', '<=', now).orderBy('expires_at').limit(limit).select('id', 'file_path');
}

export function markFileDeleted(db: DbOrTrx, ids: readonly string[], now: Date) {
  return db('report_exports')
    .whereIn('id', ids)
    .update({ file_deleted_at: now, ...bump(db, now) });
}
