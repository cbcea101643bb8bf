// The days the earning job has earned (append-only): the monthly close checks it has run through
// the month's last day.
import type { DbOrTrx } from '../../db';

export async function lastEarnedDay(db: DbOrTrx): Promise<string | null> {
  const row = await db('premium_earning_days').max<{ last: string | null }>('day as last').first();
  return row?.last ?? null;
}

export async function isEarned(db: DbOrTrx, day: string): Promise<boolean> {
  return (await db('premium_earning_days').where({ day }).first()) !== undefined;
}

export async function insertEarnedDay(db: DbOrTrx, row: { day: string; entries: number; run_at: Date }): Promise<void> {
  await db('premium_earning_days').insert(row);
}
