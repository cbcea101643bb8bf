// SQL for scheduled reports. First argument: the db or the transaction. Only the `report_schedule*`
// tables.
import type { Page } from '../../contracts/common';
import type { ReportExportFormat } from '../../contracts/reports';
import type { DbOrTrx, Trx } from '../../db';
import { keysetPage, type SortKey } from '../../platform/pagination';
import type { SchedulePeriod } from './schedule-cron';

export type ScheduleStatus = 'active' | 'paused' | 'deleted';

export interface ReportScheduleRow {
  id: string;
  seq: number;
  report_key: string;
  report_title: string;
  params: Record<string, unknown>;
  format: ReportExportFormat;
  cron: string;
  time_zone: string;
  period: SchedulePeriod | null;
  owner_id: string;
  branch_id: string;
  status: ScheduleStatus;
  next_run_at: Date | null;
  last_run_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export type ScheduleFields = Pick<ReportScheduleRow, 'params' | 'format' | 'cron' | 'time_zone' | 'period' | 'status' | 'next_run_at'>;

export async function insertSchedule(
  db: DbOrTrx,
  row: ScheduleFields & Pick<ReportScheduleRow, 'report_key' | 'report_title' | 'owner_id' | 'branch_id' | 'created_at' | 'updated_at'>,
): Promise<ReportScheduleRow> {
  const [inserted] = await db('report_schedules')
    .insert({ ...row, params: JSON.stringify(row.params) })
    .returning('*');
  return inserted as ReportScheduleRow;
}

export async function findSchedule(db: DbOrTrx, id: string, forUpdate = false): Promise<ReportScheduleRow | undefined> {
  const q = db('report_schedules').where({ id }).whereNot({ status: 'deleted' }).first();
  return forUpdate ? q.forUpdate() : q;
}

export async function updateScheduleIfVersion(db: DbOrTrx, id: string, version: number, fields: Partial<ScheduleFields>, now: Date): Promise<ReportScheduleRow | undefined> {
  const [row] = await db('report_schedules')
    .where({ id, version })
    .update({ ...fields, ...(fields.params ? { params: JSON.stringify(fields.params) } : {}), version: db.raw('version + 1'), updated_at: now })
    .returning('*');
  return row as ReportScheduleRow | undefined;
}

export async function setRecipients(db: DbOrTrx, scheduleId: string, userIds: readonly string[]): Promise<void> {
  await db('report_schedule_recipients').where({ schedule_id: scheduleId }).delete();
  await db('report_schedule_recipients').insert(userIds.map((user_id) => ({ schedule_id: scheduleId, user_id })));
}

/** Recipient ids per schedule, in the order chosen (by id: stable). */
export async function recipientsOf(db: DbOrTrx, scheduleIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows: { schedule_id: string; user_id: string }[] = scheduleIds.length
    ? await db('report_schedule_recipients').whereIn('schedule_id', scheduleIds).orderBy(['schedule_id', 'user_id']).select('schedule_id', 'user_id')
    : [];
  const map = new Map<string, string[]>(scheduleIds.map((id) => [id, []]));
  for (const r of rows) map.get(r.schedule_id)!.push(r.user_id);
  return map;
}

export async function insertHistory(
  db: DbOrTrx,
  row: { schedule_id: string; version: number; change: 'create' | 'update' | 'pause' | 'resume' | 'delete'; schedule: object; changed_by: string; changed_at: Date },
) {
  await db('report_schedule_history').insert({ ...row, schedule: JSON.stringify(row.schedule) });
}

const LIST_ORDER: SortKey[] = [{ column: 'seq', field: 'seq', dir: 'desc' }];

/** A page of the owner's schedules (not deleted), newest first. */
export function listOwned(db: DbOrTrx, ownerId: string, page: { limit: number; cursor?: string }): Promise<Page<ReportScheduleRow>> {
  return keysetPage<ReportScheduleRow & Record<string, unknown>>(db('report_schedules').where({ owner_id: ownerId }).whereNot({ status: 'deleted' }), LIST_ORDER, page);
}

/** Active schedules whose time has come, locked for this transaction; another worker skips them. */
export function claimDue(trx: Trx, now: Date, limit: number): Promise<ReportScheduleRow[]> {
  return trx('report_schedules').where({ status: 'active' }).where('next_run_at', '<=', now).orderBy('next_run_at').limit(limit).forUpdate().skipLocked();
}

/** The run of a schedule for one scheduled instant, once: undefined when it was already made. */
export async function insertRun(db: DbOrTrx, scheduleId: string, scheduledFor: Date, now: Date): Promise<{ id: string } | undefined> {
  const [row] = await db('report_schedule_runs')
    .insert({ schedule_id: scheduleId, scheduled_for: scheduledFor, started_at: now })
    .onConflict(['schedule_id', 'scheduled_for'])
    .ignore()
    .returning('id');
  return row as { id: string } | undefined;
}

/** After a run: when it ran and the next time (strictly later). */
export async function advance(db: DbOrTrx, id: string, ranAt: Date, next: Date): Promise<void> {
  await db('report_schedules').where({ id }).update({ last_run_at: ranAt, next_run_at: next });
}
