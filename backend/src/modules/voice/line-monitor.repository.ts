// SQL of the per-line monitoring: webhook requests' timings (one narrow row each), the window's call
// figures, and alert episodes (voice_webhook_requests, voice_line_alerts; reads voice_calls and
// voice_ringing_calls).
import type { LineMetric, VoiceProvider } from '../../contracts/voice';
import type { DbOrTrx } from '../../db';

/**
 * Stores one verified webhook request's handling time and answer, against the call's line (or, for
 * a call not stored yet, the line of the number called). A request for no line of ours is not kept.
 * One INSERT … SELECT: the line is found in the same statement.
 */
export async function recordRequest(
  db: DbOrTrx,
  r: { provider: VoiceProvider; callId: string | null; to: string | null; event: string; receivedAt: Date; durationMs: number; status: number },
): Promise<void> {
  await db.raw(
    `INSERT INTO voice_webhook_requests (line_id, provider, event, received_at, duration_ms, status)
     SELECT line_id, ?, ?, ?, ?, ? FROM (
       SELECT coalesce((SELECT line_id FROM voice_calls WHERE provider = ? AND call_id = ?), (SELECT id FROM voice_phone_lines WHERE number = ?)) AS line_id
     ) l WHERE line_id IS NOT NULL`,
    [r.provider, r.event, r.receivedAt, r.durationMs, r.status, r.provider, r.callId ?? '', r.to ?? ''],
  );
}

export interface WindowFigures {
  calls: number;
  queued: number;
  answered_within_20s: number;
  abandoned: number;
  missed: number;
  requests: number;
  p95_ms: number | null;
  errors: number;
}

/**
 * The line's figures for calls started in [from, to): calls; queued (rang for agents); taken within
 * 20 seconds of ringing; abandoned (the caller hung up while it rang: missed before its ring time
 * ended); missed (the ring time ran out); and its verified webhook requests, their p95 and errors.
 */
export async function windowFigures(db: DbOrTrx, lineId: string, from: Date, to: Date): Promise<WindowFigures> {
  const { rows } = await db.raw<{ rows: WindowFigures[] }>(
    `SELECT
       (SELECT count(*)::int FROM voice_calls WHERE line_id = :lineId AND started_at >= :from AND started_at < :to) AS calls,
       r.queued, r.answered_within_20s, r.abandoned, r.missed,
       w.requests, w.p95_ms, w.errors
     FROM (
       SELECT count(*)::int AS queued,
              count(*) FILTER (WHERE status = 'taken' AND taken_at <= created_at + interval '20 seconds')::int AS answered_within_20s,
              count(*) FILTER (WHERE status = 'missed' AND missed_at < ring_until)::int AS abandoned,
              count(*) FILTER (WHERE status = 'missed' AND missed_at >= ring_until)::int AS missed
         FROM voice_ringing_calls WHERE line_id = :lineId AND created_at >= :from AND created_at < :to
     ) r, (
       SELECT count(*)::int AS requests,
              (percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms))::float8 AS p95_ms,
              count(*) FILTER (WHERE status >= 400)::int AS errors
         FROM voice_webhook_requests WHERE line_id = :lineId AND received_at >= :from AND received_at < :to
     ) w`,
    { lineId, from, to },
  );
  return rows[0]!;
}

export interface AlertRow {
  id: string;
  line_id: string;
  metric: LineMetric;
  threshold: string;
  value: string;
  window_minutes: number;
  started_at: Date;
  cleared_at: Date | null;
  task_id: string | null;
}

/** Opens the (line, metric) episode unless one is open (another run or instance got there first: undefined). */
export async function openAlert(
  db: DbOrTrx,
  row: { line_id: string; metric: LineMetric; threshold: number; value: number; window_minutes: number; started_at: Date },
): Promise<AlertRow | undefined> {
  const { rows } = await db.raw<{ rows: AlertRow[] }>(
    `INSERT INTO voice_line_alerts (line_id, metric, threshold, value, window_minutes, started_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (line_id, metric) WHERE cleared_at IS NULL DO NOTHING RETURNING *`,
    [row.line_id, row.metric, row.threshold, row.value, row.window_minutes, row.started_at],
  );
  return rows[0];
}

export async function setAlertTask(db: DbOrTrx, id: string, taskId: string): Promise<void> {
  await db('voice_line_alerts').where({ id }).update({ task_id: taskId });
}

/** Ends the line's open episodes of the metrics no longer past their threshold. */
export async function clearAlerts(db: DbOrTrx, lineId: string, stillBreached: readonly LineMetric[], now: Date): Promise<number> {
  const q = db('voice_line_alerts').where({ line_id: lineId }).whereNull('cleared_at');
  if (stillBreached.length) q.whereNotIn('metric', stillBreached);
  return q.update({ cleared_at: now });
}

/** The open episodes, then the latest closed ones. */
export function alertsOf(db: DbOrTrx, lineId: string, limit = 20): Promise<AlertRow[]> {
  return db<AlertRow>('voice_line_alerts').where({ line_id: lineId }).orderByRaw('cleared_at IS NOT NULL, started_at DESC, id').limit(limit);
}

/** Webhook timings older than this are no longer needed (the longest window is a day). */
export async function purgeRequests(db: DbOrTrx, before: Date): Promise<number> {
  return db('voice_webhook_requests').where('received_at', '<', before).delete();
}
