// The close and reopen history of the accounting periods (append-only). The months' standing itself
// is the ledger's lock (billing's ledger.repository.ts).
import type { DbOrTrx } from '../../db';

export interface PeriodHistoryRow {
  period_start: string;
  event: 'closed' | 'reopened';
  reason: string | null;
  changed_by: string;
  changed_by_name: string;
  changed_at: Date;
}

export async function insertHistory(db: DbOrTrx, row: Omit<PeriodHistoryRow, 'changed_by_name'>): Promise<void> {
  await db('accounting_period_history').insert(row);
}

export function historyFrom(db: DbOrTrx, from: string): Promise<PeriodHistoryRow[]> {
  return db('accounting_period_history as h')
    .join('users as u', 'u.id', 'h.changed_by')
    .where('h.period_start', '>=', from)
    .orderBy('h.id')
    .select('h.period_start', 'h.event', 'h.reason', 'h.changed_by', 'u.name as changed_by_name', 'h.changed_at');
}
