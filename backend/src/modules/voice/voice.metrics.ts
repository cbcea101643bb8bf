// Telephony figures for /metrics: webhook requests refused by their signature (counted as answered)
// and inbound calls in the last hour per line (one query on scrape, for the call-volume alert).
import type { AppMetrics } from '../../platform/metrics';

export const WEBHOOK_VERIFICATION_FAILURES = 'policydesk_webhook_verification_failures_total';
export const CALLS_LAST_HOUR = 'policydesk_voice_calls_last_hour';

export function registerVoiceMetrics(metrics: AppMetrics) {
  metrics.countProblems({
    name: WEBHOOK_VERIFICATION_FAILURES,
    help: 'Webhook requests refused because their signature did not verify, by webhook',
    codes: ['VOICE_SIGNATURE_INVALID'],
    labels: { webhook: 'voice' },
  });
  metrics.registerCollector({
    gauges: { [CALLS_LAST_HOUR]: { help: 'Inbound calls that started in the last hour, by phone line (the line’s own number)', labelNames: ['line'] } },
    async collect(db) {
      const { rows } = await db
        .raw<{ rows: { line: string; calls: string }[] }>(
          `SELECT l.number AS line,
                  (SELECT count(*) FROM voice_calls c WHERE c.line_id = l.id AND c.started_at > now() - interval '1 hour') AS calls
             FROM voice_phone_lines l`,
        )
        .timeout(1_500, { cancel: true });
      return { [CALLS_LAST_HOUR]: rows.map((r) => ({ labels: { line: r.line }, value: Number(r.calls) })) };
    },
  });
}
