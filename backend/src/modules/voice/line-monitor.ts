// Which of a line's thresholds a window of its metrics is past (pure; the monitor job and the
// line's page both use it). A rate is only judged when there is something to rate: no queued call,
// no answered-within-20-seconds breach; no webhook request, no p95 or error-rate breach.
import type { LineBreach, PhoneLineMetrics, PhoneLineThresholds } from '../../contracts/voice';

export type LineFigures = Pick<PhoneLineMetrics, 'calls' | 'queued' | 'answeredWithin20s' | 'answeredWithin20sPercent' | 'abandoned' | 'missed' | 'webhook'>;

export function breachesOf(m: LineFigures, t: PhoneLineThresholds): LineBreach[] {
  const out: LineBreach[] = [];
  if (t.maxCalls !== null && m.calls > t.maxCalls) out.push({ metric: 'calls', value: m.calls, threshold: t.maxCalls });
  if (t.minAnsweredWithin20sPercent !== null && m.answeredWithin20sPercent !== null && m.answeredWithin20sPercent < t.minAnsweredWithin20sPercent)
    out.push({ metric: 'answered_within_20s', value: m.answeredWithin20sPercent, threshold: t.minAnsweredWithin20sPercent });
  if (t.maxAbandoned !== null && m.abandoned > t.maxAbandoned) out.push({ metric: 'abandoned', value: m.abandoned, threshold: t.maxAbandoned });
  if (t.maxMissed !== null && m.missed > t.maxMissed) out.push({ metric: 'missed', value: m.missed, threshold: t.maxMissed });
  if (t.maxWebhookP95Ms !== null && m.webhook.p95Ms !== null && m.webhook.p95Ms > t.maxWebhookP95Ms)
    out.push({ metric: 'webhook_p95_ms', value: m.webhook.p95Ms, threshold: t.maxWebhookP95Ms });
  if (t.maxWebhookErrorPercent !== null && m.webhook.errorPercent !== null && m.webhook.errorPercent > t.maxWebhookErrorPercent)
    out.push({ metric: 'webhook_error_rate', value: m.webhook.errorPercent, threshold: t.maxWebhookErrorPercent });
  return out;
}

/** Whether the admin watches anything on the line (else the job skips it). */
export const watched = (t: PhoneLineThresholds) =>
  [t.maxCalls, t.minAnsweredWithin20sPercent, t.maxAbandoned, t.maxMissed, t.maxWebhookP95Ms, t.maxWebhookErrorPercent].some((v) => v !== null);

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The alert task's words: "webhook p95 312 ms, over 200 ms". */
export function describeBreach(b: LineBreach): string {
  switch (b.metric) {
    case 'calls':
      return `${b.value} calls, more than ${b.threshold}`;
    case 'answered_within_20s':
      return `${round1(b.value)}% answered within 20 seconds, below ${b.threshold}%`;
    case 'abandoned':
      return `${b.value} abandoned calls, more than ${b.threshold}`;
    case 'missed':
      return `${b.value} missed calls, more than ${b.threshold}`;
    case 'webhook_p95_ms':
      return `webhook p95 ${Math.round(b.value)} ms, over ${b.threshold} ms`;
    case 'webhook_error_rate':
      return `webhook error rate ${round1(b.value)}%, over ${b.threshold}%`;
  }
}
