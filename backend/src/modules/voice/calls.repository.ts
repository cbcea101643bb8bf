// SQL of calls and of the webhook requests stored once each (voice_calls, voice_callbacks).
import type { VoiceCallStatus, VoiceProvider } from '../../contracts/voice';
import type { DbOrTrx } from '../../db';

export interface CallRow {
  id: string;
  provider: VoiceProvider;
  call_id: string;
  line_id: string;
  from_number: string;
  caller_match: 'identified' | 'ambiguous' | 'unknown';
  customer_id: string | null;
  candidate_ids: string[];
  status: VoiceCallStatus;
  after_hours: boolean;
  queue: 'claims' | 'payments' | 'policy_changes' | 'agent' | 'urgent' | 'voicemail' | null;
  menu_attempts: number;
  case_id: string | null;
  interaction_id: string | null;
  duration_seconds: number | null;
  recording_url: string | null;
  transcription: string | null;
  started_at: Date;
  ended_at: Date | null;
  updated_at: Date;
}

/**
 * Stores a webhook request once by (provider, call, event key). Undefined when it was stored before:
 * a concurrent duplicate waits here on the unique index until the first one commits.
 */
export async function claimCallback(
  db: DbOrTrx,
  row: { provider: VoiceProvider; call_id: string; event_key: string; params: Record<string, string>; received_at: Date },
): Promise<number | undefined> {
  const result = await db.raw<{ rows: { id: string }[] }>(
    `INSERT INTO voice_callbacks (provider, call_id, event_key, params, received_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (provider, call_id, event_key) DO NOTHING RETURNING id`,
    [row.provider, row.call_id, row.event_key, JSON.stringify(row.params), row.received_at],
  );
  return result.rows[0] ? Number(result.rows[0].id) : undefined;
}

export async function storedResponse(db: DbOrTrx, provider: VoiceProvider, callId: string, eventKey: string): Promise<string | null> {
  const row = await db('voice_callbacks').where({ provider, call_id: callId, event_key: eventKey }).first('response');
  return (row?.response as string | null | undefined) ?? null;
}

export async function saveResponse(db: DbOrTrx, id: number, response: string) {
  await db('voice_callbacks').where({ id }).update({ response });
}

export function findCall(db: DbOrTrx, provider: VoiceProvider, callId: string): Promise<CallRow | undefined> {
  return db<CallRow>('voice_calls').where({ provider, call_id: callId }).forUpdate().first();
}

export async function insertCall(
  db: DbOrTrx,
  row: Omit<CallRow, 'id' | 'menu_attempts' | 'case_id' | 'interaction_id' | 'duration_seconds' | 'recording_url' | 'transcription' | 'ended_at' | 'queue'> & {
    queue: CallRow['queue'];
  },
): Promise<CallRow> {
  const [inserted] = await db('voice_calls').insert(row).returning('*');
  return inserted as CallRow;
}

export async function updateCall(db: DbOrTrx, id: string, changes: Partial<Omit<CallRow, 'id'>>): Promise<CallRow> {
  const [row] = await db('voice_calls').where({ id }).update(changes).returning('*');
  return row as CallRow;
}

export function callsOfLine(db: DbOrTrx, lineId: string, limit: number): Promise<CallRow[]> {
  return db<CallRow>('voice_calls')
    .where({ line_id: lineId })
    .orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
}

/** The parameters of the call's status callbacks stored so far, in the order they arrived. */
export async function statusCallbacks(db: DbOrTrx, provider: VoiceProvider, callId: string): Promise<Record<string, string>[]> {
  const rows = await db('voice_callbacks').where({ provider, call_id: callId }).where('event_key', 'like', 'status:%').orderBy('id').select('params');
  return rows.map((r: { params: Record<string, string> }) => r.params);
}
