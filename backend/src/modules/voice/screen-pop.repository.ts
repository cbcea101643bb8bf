// SQL of the screen pop: agents' availability per queue and the calls ringing in their console.
import type { RingingQueue, VoiceQueue } from '../../contracts/voice';
import type { DbOrTrx, Trx } from '../../db';

export interface RingingRow {
  id: string;
  call_id: string;
  queue: RingingQueue;
  branch_id: string;
  line_id: string;
  from_number: string;
  customer_id: string | null;
  case_id: string;
  interaction_id: string | null;
  status: 'ringing' | 'taken' | 'missed';
  ring_until: Date;
  taken_by: string | null;
  taken_at: Date | null;
  missed_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A ringing call with its line and the name of who took it. */
export interface RingingView extends RingingRow {
  line_name: string;
  line_number: string;
  taken_by_name: string | null;
}

export function availabilityOf(db: DbOrTrx, userId: string): Promise<{ queue: VoiceQueue; since: Date }[]> {
  return db('voice_agent_availability').where({ user_id: userId }).orderBy('queue').select('queue', 'since');
}

/** Replaces the agent's queues: queues kept keep their `since`. Locks the agent's rows (two tabs saving at once). */
export async function replaceAvailability(trx: Trx, userId: string, queues: readonly VoiceQueue[], now: Date) {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`voice-availability:${userId}`]);
  await trx('voice_agent_availability')
    .where({ user_id: userId })
    .whereNotIn('queue', [...queues])
    .delete();
  if (queues.length) {
    await trx('voice_agent_availability')
      .insert(queues.map((queue) => ({ user_id: userId, queue, since: now })))
      .onConflict(['user_id', 'queue'])
      .ignore();
  }
}

/** Who is available for a call of this queue: those in the queue, or — urgent — in any queue. */
export async function availableFor(db: DbOrTrx, queue: RingingQueue): Promise<Set<string>> {
  const q = db('voice_agent_availability').distinct('user_id');
  if (queue !== 'urgent') q.where({ queue });
  return new Set((await q).map((r: { user_id: string }) => r.user_id));
}

export async function insertRinging(trx: Trx, row: Omit<RingingRow, 'id' | 'status' | 'taken_by' | 'taken_at' | 'missed_at' | 'version'>): Promise<RingingRow | undefined> {
  const [inserted] = await trx('voice_ringing_calls')
    .insert({ ...row, status: 'ringing' })
    .onConflict('call_id')
    .ignore()
    .returning('*');
  return inserted as RingingRow | undefined;
}

const viewQuery = (db: DbOrTrx) =>
  db('voice_ringing_calls as r')
    .join('voice_phone_lines as l', 'l.id', 'r.line_id')
    .leftJoin('users as u', 'u.id', 'r.taken_by')
    .select('r.*', 'l.name as line_name', 'l.number as line_number', 'u.name as taken_by_name');

export function findView(db: DbOrTrx, id: string): Promise<RingingView | undefined> {
  return viewQuery(db).where('r.id', id).first();
}

/** Calls ringing now for someone available in these queues (urgent ones whenever they are available at all). */
export function ringingFor(db: DbOrTrx, queues: readonly VoiceQueue[], now: Date): Promise<RingingView[]> {
  if (!queues.length) return Promise.resolve([]);
  return viewQuery(db)
    .where('r.status', 'ringing')
    .where('r.ring_until', '>', now)
    .whereIn('r.queue', [...queues, 'urgent'])
    .orderBy([
      { column: 'r.created_at', order: 'asc' },
      { column: 'r.id', order: 'asc' },
    ]);
}

/** The first agent wins: only a call still ringing, and within its ring time, is taken. */
export async function take(trx: Trx, id: string, userId: string, now: Date): Promise<RingingRow | undefined> {
  const [row] = await trx('voice_ringing_calls')
    .where({ id, status: 'ringing' })
    .where('ring_until', '>', now)
    .update({ status: 'taken', taken_by: userId, taken_at: now, version: trx.raw('version + 1'), updated_at: now })
    .returning('*');
  return row as RingingRow | undefined;
}

/** Nobody took it in time: missed, once (a second run finds it no longer ringing). */
export async function miss(trx: Trx, id: string, now: Date): Promise<RingingRow | undefined> {
  const [row] = await trx('voice_ringing_calls')
    .where({ id, status: 'ringing' })
    .where('ring_until', '<=', now)
    .update({ status: 'missed', missed_at: now, version: trx.raw('version + 1'), updated_at: now })
    .returning('*');
  return row as RingingRow | undefined;
}

/** The caller hung up while it rang: missed now, ring time or not (nothing if it was taken or already missed). */
export async function missOnHangUp(trx: Trx, callId: string, now: Date): Promise<RingingRow | undefined> {
  const [row] = await trx('voice_ringing_calls')
    .where({ call_id: callId, status: 'ringing' })
    .update({ status: 'missed', missed_at: now, version: trx.raw('version + 1'), updated_at: now })
    .returning('*');
  return row as RingingRow | undefined;
}

export function findRow(db: DbOrTrx, id: string): Promise<RingingRow | undefined> {
  return db<RingingRow>('voice_ringing_calls').where({ id }).first();
}
