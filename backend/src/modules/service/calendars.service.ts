// Business-hours calendars: read by anyone who works cases, changed by admins (If-Match, audited).
// The company-wide default is made on first use, Monday–Friday 09:00–17:00 in the configured
// business time zone. Other parts of the module get a ready BusinessTime through `forBranch`.
import type { ServiceCalendar, UpdateServiceCalendarBody } from '../../contracts/service';
import { withTransaction, type Db, type DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { BusinessTime, calendarProblems, officeHours } from '../../platform/business-time';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import * as repo from './calendars.repository';

export const DEFAULT_CALENDAR_NAME = 'Company hours';

const toCalendar = (r: repo.CalendarRow): ServiceCalendar => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  hours: r.hours,
  holidays: r.holidays,
  isDefault: r.is_default,
  branchId: r.branch_id,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

const auditView = (r: repo.CalendarRow) => ({ name: r.name, timeZone: r.time_zone, hours: r.hours, holidays: r.holidays });

export class CalendarsService {
  /** BusinessTime per calendar id and version: building one is cheap, but its day cache is worth keeping. */
  private readonly engines = new Map<string, BusinessTime>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly businessTimeZone: string,
  ) {}

  private async ensureDefault(db: DbOrTrx): Promise<void> {
    if (await repo.findDefault(db)) return;
    const { timeZone, hours, holidays } = officeHours(this.businessTimeZone);
    await repo.insertDefaultIfMissing(db, { name: DEFAULT_CALENDAR_NAME, time_zone: timeZone, hours, holidays, created_at: this.clock.now() });
  }

  async list(): Promise<ServiceCalendar[]> {
    await this.ensureDefault(this.db);
    return (await repo.listCalendars(this.db)).map(toCalendar);
  }

  async get(id: string): Promise<ServiceCalendar> {
    const row = await repo.findCalendar(this.db, id);
    if (!row) throw new NotFoundError('calendar');
    return toCalendar(row);
  }

  async update(actor: Actor, id: string, version: number, input: UpdateServiceCalendarBody): Promise<ServiceCalendar> {
    const problems = calendarProblems({ timeZone: input.timeZone, hours: input.hours, holidays: input.holidays });
    if (problems.length) throw new ValidationError(problems, 'The calendar is not usable.', 'SERVICE_CALENDAR_INVALID');
    const holidays = [...input.holidays].sort((a, b) => a.date.localeCompare(b.date));
    return withTransaction(this.db, async (trx) => {
      const before = await repo.findCalendar(trx, id, true);
      if (!before) throw new NotFoundError('calendar');
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      const row = (await repo.updateCalendarIfVersion(trx, id, version, {
        name: input.name,
        time_zone: input.timeZone,
        hours: input.hours,
        holidays,
        updated_at: this.clock.now(),
        updated_by: actor.userId,
      }))!;
      await this.audit.record(trx, { actor, action: 'service_calendar.update', entity: { type: 'service_calendar', id }, before: auditView(before), after: auditView(row) });
      return toCalendar(row);
    });
  }

  /** The calendar row of a branch (its own, else the default). */
  async rowForBranch(db: DbOrTrx, branchId: string): Promise<repo.CalendarRow> {
    let row = await repo.findForBranch(db, branchId);
    if (!row) {
      await this.ensureDefault(db);
      row = (await repo.findForBranch(db, branchId))!;
    }
    return row;
  }

  private engine(row: repo.CalendarRow): BusinessTime {
    const key = `${row.id}:${row.version}`;
    let engine = this.engines.get(key);
    if (!engine) {
      engine = new BusinessTime(repo.toBusinessCalendar(row));
      if (this.engines.size > 100) this.engines.clear();
      this.engines.set(key, engine);
    }
    return engine;
  }

  /** The business time of a branch (its own calendar, else the default). */
  async forBranch(db: DbOrTrx, branchId: string): Promise<BusinessTime> {
    return this.engine(await this.rowForBranch(db, branchId));
  }

  /** The business time of the company-wide default calendar. */
  async defaultEngine(db: DbOrTrx): Promise<BusinessTime> {
    await this.ensureDefault(db);
    return this.engine((await repo.findDefault(db))!);
  }

  /** The business time of one calendar (a clock counts in the calendar it started on). */
  async engineOf(db: DbOrTrx, calendarId: string): Promise<BusinessTime> {
    const row = await repo.findCalendar(db, calendarId);
    if (!row) throw new NotFoundError('calendar');
    return this.engine(row);
  }
}
