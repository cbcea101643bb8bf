// The outbox's figures for /metrics and the admin health page: one query on scrape.
import type { GaugeCollector } from '../../platform/metrics';

export const OUTBOX_BACKLOG = 'policydesk_outbox_backlog';
export const OUTBOX_OLDEST_DUE_AGE = 'policydesk_outbox_oldest_due_age_seconds';

/**
 * Backlog: messages not yet sent nor given up (pending, failed awaiting a retry, sending). Age: how
 * long the oldest message that is due now has waited past its send time (0 when none is due) — a
 * message held for quiet hours or a retry's backoff is not late until its time comes.
 */
export function outboxCollector(): GaugeCollector {
  return {
    gauges: {
      [OUTBOX_BACKLOG]: { help: 'Outbox messages not yet sent nor dead (pending, failed awaiting retry, sending), by channel', labelNames: ['channel'] },
      [OUTBOX_OLDEST_DUE_AGE]: { help: 'Seconds the oldest due outbox message has waited past its send time (0: none due)' },
    },
    async collect(db) {
      const { rows } = await db
        .raw<{ rows: { channel: string; backlog: string; oldest: string | null }[] }>(
          `SELECT channel, count(*) AS backlog,
                  extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE status IN ('pending', 'failed') AND next_attempt_at <= now())) AS oldest
             FROM notification_outbox WHERE status IN ('pending', 'failed', 'sending') GROUP BY channel`,
        )
        .timeout(1_500, { cancel: true });
      const byChannel = new Map(rows.map((r) => [r.channel, r]));
      const oldest = Math.max(0, ...rows.map((r) => Number(r.oldest ?? 0)));
      return {
        [OUTBOX_BACKLOG]: ['email', 'sms'].map((channel) => ({ labels: { channel }, value: Number(byChannel.get(channel)?.backlog ?? 0) })),
        [OUTBOX_OLDEST_DUE_AGE]: [{ value: oldest }],
      };
    },
  };
}
