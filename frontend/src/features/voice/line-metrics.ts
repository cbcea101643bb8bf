// How the line's page shows its figures: each metric with its value, its threshold and whether it
// is past it now (the API's `breaches`).
import type { LineMetric, PhoneLineMetrics } from '@contracts/voice';

export interface MetricRow {
  metric: LineMetric;
  label: string;
  value: string;
  threshold: string;
  breached: boolean;
}

const num = (n: number | null, unit = '') => (n === null ? '—' : `${Number.isInteger(n) ? n : n.toFixed(1)}${unit}`);

export const METRIC_LABELS: Record<LineMetric, string> = {
  calls: 'Calls',
  answered_within_20s: 'Answered within 20 s',
  abandoned: 'Abandoned',
  missed: 'Missed',
  webhook_p95_ms: 'Webhook p95',
  webhook_error_rate: 'Webhook errors',
};

export function metricRows(m: PhoneLineMetrics): MetricRow[] {
  const t = m.thresholds;
  const breached = new Set(m.breaches.map((b) => b.metric));
  const limit = (prefix: string, v: number | null, unit = '') => (v === null ? 'Not watched' : `${prefix} ${num(v, unit)}`);
  return [
    { metric: 'calls', label: METRIC_LABELS.calls, value: num(m.calls), threshold: limit('At most', t.maxCalls) },
    {
      metric: 'answered_within_20s',
      label: METRIC_LABELS.answered_within_20s,
      value: m.answeredWithin20sPercent === null ? '—' : `${num(m.answeredWithin20sPercent, '%')} (${m.answeredWithin20s} of ${m.queued})`,
      threshold: limit('At least', t.minAnsweredWithin20sPercent, '%'),
    },
    { metric: 'abandoned', label: METRIC_LABELS.abandoned, value: num(m.abandoned), threshold: limit('At most', t.maxAbandoned) },
    { metric: 'missed', label: METRIC_LABELS.missed, value: num(m.missed), threshold: limit('At most', t.maxMissed) },
    { metric: 'webhook_p95_ms', label: METRIC_LABELS.webhook_p95_ms, value: num(m.webhook.p95Ms, ' ms'), threshold: limit('At most', t.maxWebhookP95Ms, ' ms') },
    {
      metric: 'webhook_error_rate',
      label: METRIC_LABELS.webhook_error_rate,
      value: m.webhook.errorPercent === null ? '—' : `${num(m.webhook.errorPercent, '%')} (${m.webhook.errors} of ${m.webhook.requests})`,
      threshold: limit('At most', t.maxWebhookErrorPercent, '%'),
    },
  ].map((r) => ({ ...r, metric: r.metric as LineMetric, breached: breached.has(r.metric as LineMetric) }));
}
