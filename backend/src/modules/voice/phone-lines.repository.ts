// SQL of phone lines and their history (voice_phone_lines, voice_phone_line_history).
import type { PhoneLineMenuOption, PhoneLineThresholds, PhoneLineUrgent } from '../../contracts/voice';
import type { DbOrTrx } from '../../db';

export interface PhoneLineRow {
  id: string;
  number: string;
  name: string;
  greeting: string;
  calendar_id: string;
  branch_id: string;
  menu: PhoneLineMenuOption[];
  urgent: PhoneLineUrgent | null;
  after_hours: 'voicemail' | 'hangup';
  voicemail_prompt: string;
  active: boolean;
  /** What the admin set (fields missing in older rows are the defaults: not watched). */
  thresholds: Partial<PhoneLineThresholds>;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

export type PhoneLineFields = Pick<
  PhoneLineRow,
  'number' | 'name' | 'greeting' | 'calendar_id' | 'branch_id' | 'menu' | 'urgent' | 'after_hours' | 'voicemail_prompt' | 'active'
> & {
  /** Absent: unchanged (a new line: none). */
  thresholds?: PhoneLineThresholds;
};

const json = (f: Partial<PhoneLineFields>) => ({
  ...f,
  ...(f.menu !== undefined ? { menu: JSON.stringify(f.menu) } : {}),
  ...(f.urgent !== undefined ? { urgent: f.urgent === null ? null : JSON.stringify(f.urgent) } : {}),
  ...(f.thresholds !== undefined ? { thresholds: JSON.stringify(f.thresholds) } : {}),
});

export function listLines(db: DbOrTrx): Promise<PhoneLineRow[]> {
  return db<PhoneLineRow>('voice_phone_lines').orderBy([{ column: 'name' }, { column: 'id' }]);
}

export function findLine(db: DbOrTrx, id: string, forUpdate = false): Promise<PhoneLineRow | undefined> {
  const q = db<PhoneLineRow>('voice_phone_lines').where({ id });
  return (forUpdate ? q.forUpdate() : q).first();
}

export function findLineByNumber(db: DbOrTrx, number: string): Promise<PhoneLineRow | undefined> {
  return db<PhoneLineRow>('voice_phone_lines').where({ number }).first();
}

export async function insertLine(db: DbOrTrx, fields: PhoneLineFields, by: string, now: Date): Promise<PhoneLineRow> {
  const [row] = await db('voice_phone_lines')
    .insert({ ...json(fields), created_by: by, updated_by: by, created_at: now, updated_at: now })
    .returning('*');
  return row as PhoneLineRow;
}

export async function updateLineIfVersion(db: DbOrTrx, id: string, version: number, fields: PhoneLineFields, by: string, now: Date): Promise<PhoneLineRow | undefined> {
  const [row] = await db('voice_phone_lines')
    .where({ id, version })
    .update({ ...json(fields), updated_by: by, updated_at: now, version: db.raw('version + 1') })
    .returning('*');
  return row as PhoneLineRow | undefined;
}

export async function insertHistory(
  db: DbOrTrx,
  row: { line_id: string; version: number; change: 'create' | 'update'; line: Record<string, unknown>; changed_by: string; changed_at: Date },
) {
  await db('voice_phone_line_history').insert({ ...row, line: JSON.stringify(row.line) });
}

export function historyOf(db: DbOrTrx, lineId: string) {
  return db('voice_phone_line_history as h')
    .join('users as u', 'u.id', 'h.changed_by')
    .where('h.line_id', lineId)
    .orderBy('h.version', 'desc')
    .select<{ version: number; change: 'create' | 'update'; line: Record<string, unknown>; changed_by: string; changed_by_name: string; changed_at: Date }[]>(
      'h.version',
      'h.change',
      'h.line',
      'h.changed_by',
      'u.name as changed_by_name',
      'h.changed_at',
    );
}
