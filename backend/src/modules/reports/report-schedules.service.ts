// Scheduled reports (issue 18): a report the owner may run, its parameters and format, a cron
// expression on a time zone's wall clock (schedule-cron.ts) and the users who receive it. The
// minute job runs each schedule once per scheduled instant — the run is a unique row, and due
// schedules are taken FOR UPDATE SKIP LOCKED, so several instances never run one twice — and gives
// each recipient their own export, run as that recipient is then (their branches, their masking:
// nobody receives more than they could export themselves), whose completion emails them a link.
// After downtime a schedule runs once for the time it missed, then follows its cron from now. A
// schedule with a period fills the report's dates at each run (the week before the run's week, …).
import type { ReportExportFormat, ReportSchedule, UpdateReportScheduleBody } from '../../contracts/reports';
import type { FieldError } from '../../contracts/common';
import { withTransaction, type Db, type DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { inScope } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { ActorDirectory } from '../identity/actor-directory';
import { checkedParams, type ReportExportsService } from './report-exports.service';
import { assertFormatOffered, type ReportDefinition, type ReportRegistry } from './report-registry';
import * as repo from './report-schedules.repository';
import type { ReportScheduleRow } from './report-schedules.repository';
import { nextRunAfter, periodDates, timingErrors, type SchedulePeriod } from './schedule-cron';

export const RUN_REPORT_SCHEDULES_JOB = 'reports.run-schedules';
/** Schedules taken per transaction by the minute job. */
const DUE_BATCH = 20;

interface ScheduleInput {
  format: ReportExportFormat;
  params: Record<string, unknown>;
  cron: string;
  timeZone: string;
  period: SchedulePeriod | null;
  recipientIds: string[];
}

/**
 * The parameters a run at `runAt` uses: the stored ones, with the report's dates filled from the
 * schedule's period (on the schedule's time zone's calendar) when it has one.
 */
export function runParams(report: ReportDefinition<unknown>, schedule: Pick<ReportScheduleRow, 'params' | 'period' | 'time_zone'>, runAt: Date): Record<string, unknown> {
  if (!schedule.period || !report.period) return schedule.params;
  const { from, to } = periodDates(schedule.period, runAt, schedule.time_zone);
  return { ...schedule.params, [report.period.from]: from, [report.period.to]: to };
}

/**
 * The parameters to store: checked by the report's schema as its first run will use them, the
 * period's dates left out (each run fills its own).
 */
function storedParams(report: ReportDefinition<unknown>, input: ScheduleInput, firstRun: Date): Record<string, unknown> {
  const timing = { params: input.params, period: input.period, time_zone: input.timeZone };
  const checked = checkedParams(report, runParams(report, timing, firstRun));
  if (!input.period || !report.period) return checked;
  const { [report.period.from]: _from, [report.period.to]: _to, ...rest } = checked;
  return rest;
}

const snapshot = (row: ReportScheduleRow, recipientIds: string[]) => ({
  report: row.report_key,
  format: row.format,
  params: row.params,
  cron: row.cron,
  timeZone: row.time_zone,
  period: row.period,
  status: row.status,
  recipientIds,
});

export class ReportSchedulesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly reports: ReportRegistry,
    private readonly exports: ReportExportsService,
    private readonly audit: AuditService,
    private readonly actors: ActorDirectory,
  ) {}

  async create(actor: Actor, key: string, body: ScheduleInput): Promise<ReportSchedule> {
    const report = this.reports.forActor(actor, key);
    await this.check(this.db, actor, report, body);
    const now = this.clock.now();
    const nextRun = nextRunAfter({ cron: body.cron, timeZone: body.timeZone }, now);
    const params = storedParams(report, body, nextRun);
    return withTransaction(this.db, async (trx) => {
      const row = await repo.insertSchedule(trx, {
        report_key: report.key,
        report_title: report.title,
        params,
        format: body.format,
        cron: body.cron,
        time_zone: body.timeZone,
        period: body.period,
        status: 'active',
        next_run_at: nextRun,
        owner_id: actor.userId,
        branch_id: actor.branchId,
        created_at: now,
        updated_at: now,
      });
      await repo.setRecipients(trx, row.id, body.recipientIds);
      await repo.insertHistory(trx, {
        schedule_id: row.id,
        version: row.version,
        change: 'create',
        schedule: snapshot(row, body.recipientIds),
        changed_by: actor.userId,
        changed_at: now,
      });
      await this.audit.record(trx, {
        actor,
        action: 'report_schedule.create',
        entity: { type: 'report_schedule', id: row.id },
        branchId: actor.branchId,
        after: snapshot(row, body.recipientIds),
      });
      return this.toDto(trx, row);
    });
  }

  /** The caller's own schedules, newest first. */
  async list(actor: Actor, page: { limit: number; cursor?: string }): Promise<{ items: ReportSchedule[]; nextCursor: string | null }> {
    const { items, nextCursor } = await repo.listOwned(this.db, actor.userId, page);
    const recipients = await repo.recipientsOf(
      this.db,
      items.map((r) => r.id),
    );
    const names = await this.actors.contacts(this.db, [...recipients.values()].flat());
    return { items: items.map((r) => this.dto(r, recipients.get(r.id) ?? [], names)), nextCursor };
  }

  /** One of the caller's own schedules; anyone else's (or an unknown id) → 404. */
  async get(actor: Actor, id: string): Promise<ReportSchedule> {
    return this.toDto(this.db, await this.own(this.db, actor, id));
  }

  /** Changes a schedule (If-Match): its settings, or pauses or resumes it. */
  async update(actor: Actor, id: string, version: number, body: UpdateReportScheduleBody): Promise<ReportSchedule> {
    const current = await this.own(this.db, actor, id);
    const report = this.reports.forActor(actor, current.report_key);
    const before = (await repo.recipientsOf(this.db, [id])).get(id)!;
    const next: ScheduleInput = {
      format: body.format ?? current.format,
      params: body.params ?? current.params,
      cron: body.cron ?? current.cron,
      timeZone: body.timeZone ?? current.time_zone,
      period: body.period === undefined ? current.period : body.period,
      recipientIds: body.recipientIds ?? before,
    };
    await this.check(this.db, actor, report, next);
    const params = storedParams(report, next, nextRunAfter(next, this.clock.now()));
    const status = body.status ?? (current.status as 'active' | 'paused');
    return withTransaction(this.db, async (trx) => {
      const locked = await this.own(trx, actor, id, true);
      if (locked.version !== version) throw new PreconditionFailedError(locked.version);
      const now = this.clock.now();
      const timingChanged = next.cron !== locked.cron || next.timeZone !== locked.time_zone || status !== locked.status;
      const row = (await repo.updateScheduleIfVersion(
        trx,
        id,
        version,
        {
          format: next.format,
          params,
          cron: next.cron,
          time_zone: next.timeZone,
          period: next.period,
          status,
          next_run_at: status === 'paused' ? null : timingChanged ? nextRunAfter(next, now) : locked.next_run_at,
        },
        now,
      ))!;
      if (body.recipientIds) await repo.setRecipients(trx, id, next.recipientIds);
      const change = status !== locked.status ? (status === 'paused' ? 'pause' : 'resume') : 'update';
      await repo.insertHistory(trx, { schedule_id: id, version: row.version, change, schedule: snapshot(row, next.recipientIds), changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'report_schedule.update',
        entity: { type: 'report_schedule', id },
        branchId: row.branch_id,
        before: snapshot(locked, before),
        after: snapshot(row, next.recipientIds),
      });
      return this.toDto(trx, row);
    });
  }

  /** Deletes a schedule (If-Match): it never runs again; its runs and exports stay. */
  async remove(actor: Actor, id: string, version: number): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      const locked = await this.own(trx, actor, id, true);
      if (locked.version !== version) throw new PreconditionFailedError(locked.version);
      const now = this.clock.now();
      const recipients = (await repo.recipientsOf(trx, [id])).get(id)!;
      const row = (await repo.updateScheduleIfVersion(trx, id, version, { status: 'deleted', next_run_at: null }, now))!;
      await repo.insertHistory(trx, { schedule_id: id, version: row.version, change: 'delete', schedule: snapshot(row, recipients), changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'report_schedule.delete',
        entity: { type: 'report_schedule', id },
        branchId: row.branch_id,
        before: snapshot(locked, recipients),
      });
    });
  }

  /**
   * The minute job: every active schedule whose time has come runs once for that instant — an
   * export per active recipient, queued as them — and moves on to its next time after now.
   * Answers the number of runs made.
   */
  async runDue(): Promise<number> {
    let runs = 0;
    for (;;) {
      const taken = await withTransaction(this.db, async (trx) => {
        const now = this.clock.now();
        const due = await repo.claimDue(trx, now, DUE_BATCH);
        for (const schedule of due) {
          const scheduledFor = schedule.next_run_at!;
          const run = await repo.insertRun(trx, schedule.id, scheduledFor, now);
          if (run) {
            runs++;
            const report = this.reports.byKey(schedule.report_key);
            for (const userId of (await repo.recipientsOf(trx, [schedule.id])).get(schedule.id)!) {
              // As the recipient is now: a disabled user gets nothing; one who may no longer run the
              // report gets a failed export saying so (the export job checks) in their list.
              const recipient = await this.actors.actorOf(trx, userId, `job:${RUN_REPORT_SCHEDULES_JOB}`);
              if (recipient && report) await this.exports.queue(trx, recipient, report, runParams(report, schedule, scheduledFor), schedule.format, run.id);
            }
          }
          const timing = { cron: schedule.cron, timeZone: schedule.time_zone };
          await repo.advance(trx, schedule.id, now, nextRunAfter(timing, now > scheduledFor ? now : scheduledFor));
        }
        return due.length;
      });
      if (taken < DUE_BATCH) return runs;
    }
  }

  /** Timing and recipients: active users in the owner's branches who may run the report. */
  private async check(db: DbOrTrx, owner: Actor, report: ReportDefinition<unknown>, input: ScheduleInput) {
    assertFormatOffered(report, input.format);
    const errors: FieldError[] = timingErrors(input);
    if (input.period && !report.period) errors.push({ path: 'period', message: 'This report has no dates for a period to fill' });
    for (const [i, id] of input.recipientIds.entries()) {
      const user = await this.actors.actorOf(db, id, 'schedule-check');
      if (!user || !inScope(owner, user.branchId)) errors.push({ path: `recipientIds.${i}`, message: 'No active user with this id in your branches' });
      else if (!user.permissions.has(report.permission)) errors.push({ path: `recipientIds.${i}`, message: 'This user may not run this report' });
    }
    if (errors.length) throw new ValidationError(errors, 'The schedule cannot be saved as it is.', 'REPORT_SCHEDULE_INVALID');
  }

  private async own(db: DbOrTrx, actor: Actor, id: string, forUpdate = false): Promise<ReportScheduleRow> {
    const row = await repo.findSchedule(db, id, forUpdate);
    if (!row || row.owner_id !== actor.userId) throw new NotFoundError('report schedule');
    return row;
  }

  private async toDto(db: DbOrTrx, row: ReportScheduleRow): Promise<ReportSchedule> {
    const ids = (await repo.recipientsOf(db, [row.id])).get(row.id)!;
    return this.dto(row, ids, await this.actors.contacts(db, ids));
  }

  private dto(row: ReportScheduleRow, recipientIds: string[], names: Map<string, { name: string }>): ReportSchedule {
    return {
      id: row.id,
      reportKey: row.report_key,
      reportTitle: row.report_title,
      format: row.format,
      params: row.params,
      cron: row.cron,
      timeZone: row.time_zone,
      period: row.period,
      status: row.status === 'paused' ? 'paused' : 'active',
      recipients: recipientIds.map((id) => ({ id, name: names.get(id)?.name ?? '' })),
      nextRunAt: row.next_run_at?.toISOString() ?? null,
      lastRunAt: row.last_run_at?.toISOString() ?? null,
      version: row.version,
      createdAt: row.created_at.toISOString(),
    };
  }
}
