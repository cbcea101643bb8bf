// SQL of the business-hours calendars.
import type { DbOrTrx } from '../../db';
import type { BusinessCalendar, Holiday, OpeningInterval, Weekday } from '../../platform/business-time';

export interface CalendarRow {
  id: string;
  name: string;
  time_zone: string;
  hours: Record<Weekday, OpeningInterval[]>;
  holidays: Holiday[];
  is_default: boolean;
  branch_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  updated_by: string | null;
}

export const toBusinessCalendar = (r: CalendarRow): BusinessCalendar => ({ timeZone: r.time_zone, hours: r.hours, holidays: r.holidays });

export function listCalendars(db: DbOrTrx): Promise<CalendarRow[]> {
  return db<CalendarRow>('service_calendars').orderBy([{ column: 'is_default', order: 'desc' }, 'name']);
}

export function findCalendar(db: DbOrTrx, id: string, forUpdate = false): Promise<CalendarRow | undefined> {
  const q = db<CalendarRow>('service_calendars').where({ id }).first();
  return forUpdate ? q.forUpdate() : q;
}

export function findDefault(db: DbOrTrx): Promise<CalendarRow | undefined> {
  return db<CalendarRow>('service_calendars').where({ is_default: true }).first();
}

/** The calendar of a branch: its own, else the default. */
export function findForBranch(db: DbOrTrx, branchId: string): Promise<CalendarRow | undefined> {
  return db<CalendarRow>('service_calendars').where({ branch_id: branchId }).orWhere({ is_default: true }).orderByRaw('branch_id IS NULL').first();
}

/** Inserts the default calendar unless one exists (two instances racing insert one). */
export async function insertDefaultIfMissing(db: DbOrTrx, row: Pick<CalendarRow, 'name' | 'time_zone' | 'hours' | 'holidays'> & { created_at: Date }): Promise<void> {
  await db.raw(
    `INSERT INTO service_calendars (name, time_zone, hours, holidays, is_default, created_at, updated_at)
     VALUES (?, ?, ?::jsonb, ?::jsonb, true, ?, ?) ON CONFLICT DO NOTHING`,
    [row.name, row.time_zone, JSON.stringify(row.hours), JSON.stringify(row.holidays), row.created_at, row.created_at],
  );
}

export async function updateCalendarIfVersion(
  db: DbOrTrx,
  id: string,
  version: number,
  patch: Pick<CalendarRow, 'name' | 'time_zone' | 'hours' | 'holidays' | 'updated_at' | 'updated_by'>,
): Promise<CalendarRow | undefined> {
  const [row] = await db<CalendarRow>('service_calendars')
    .where({ id, version })
    .update({ ...patch, hours: JSON.stringify(patch.hours) as never, holidays: JSON.stringify(patch.holidays) as never, version: db.raw('version + 1') as never })
    .returning('*');
  return row;
}
