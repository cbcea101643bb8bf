// The alert rules of docker/prometheus/alerts.yml as the admin health page evaluates them: the
// rules over figures read from the database (the same on every instance) are evaluated here from
// the current figures with the same thresholds; the rules over request rates across instances
// (response time, error rate) and scrape success (instance down) only Prometheus can evaluate,
// and the page says so. A test keeps names, thresholds and runbooks equal to the rules file.
import type { HealthAlert } from '../../contracts/system';
import type { GaugeSample, MetricsSnapshot } from '../../platform/metrics';

export const ALERT_THRESHOLDS = {
  responseTimeSeconds: 0.2,
  errorRatio: 0.01,
  callsPerLinePerHour: 100,
  openSlaBreachesPerQueue: 10,
  outboxOldestDueAgeSeconds: 600,
  jobFailuresPerQueueLastHour: 0,
} as const;

type Evaluation = { firing: boolean; detail: string | null } | null;

export interface AlertRule {
  name: string;
  severity: 'warning' | 'critical';
  summary: string;
  threshold: string;
  runbook: string;
  /** Absent: Prometheus only. Null from it: the figure could not be read. */
  evaluate?: (snapshot: MetricsSnapshot) => Evaluation;
}

const samples = (snapshot: MetricsSnapshot, name: string): GaugeSample[] | undefined => snapshot.get(name);

/** Sums samples by one label; returns those over `threshold` as "label value" pairs. */
function over(list: GaugeSample[], label: string, threshold: number): Evaluation {
  const sums = new Map<string, number>();
  for (const s of list) {
    const key = s.labels?.[label] ?? '';
    sums.set(key, (sums.get(key) ?? 0) + s.value);
  }
  const breaching = [...sums].filter(([, v]) => v > threshold).sort(([a], [b]) => a.localeCompare(b));
  return { firing: breaching.length > 0, detail: breaching.length ? breaching.map(([k, v]) => `${k}: ${v}`).join(', ') : null };
}

export const ALERT_RULES: readonly AlertRule[] = [
  {
    name: 'PolicydeskDatabaseUnreachable',
    severity: 'critical',
    summary: 'The database does not answer (SELECT 1 within 1.5 s) from at least one instance.',
    threshold: 'policydesk_database_up < 1 for 1 minute',
    runbook:
      'Check PostgreSQL is up and accepting connections (pg_isready), the runtime role can log in, max_connections is not exhausted (policydesk_db_pool_connections) and the network between the app and the database; /readyz on each instance says which ones are affected.',
    evaluate: (s) => {
      const up = samples(s, 'policydesk_database_up')?.[0]?.value;
      return up === undefined ? null : { firing: up < 1, detail: up < 1 ? 'SELECT 1 did not answer within 1.5 s' : null };
    },
  },
  {
    name: 'PolicydeskInstanceDown',
    severity: 'critical',
    summary: 'An instance has not answered the metrics scrape for 2 minutes (the 99.9 % uptime target).',
    threshold: 'up == 0 for 2 minutes',
    runbook: "Look at the instance's container or service logs and its /livez and /readyz; restart it if it hangs; check the load balancer still routes to the healthy instances.",
  },
  {
    name: 'PolicydeskHighResponseTime',
    severity: 'warning',
    summary: 'Average API response time over 5 minutes is above 200 ms.',
    threshold: `average > ${ALERT_THRESHOLDS.responseTimeSeconds * 1000} ms over 5 minutes, for 10 minutes`,
    runbook:
      'Find the slow route templates (topk by route of the duration rate), then the database: policydesk_db_query_duration_seconds, pool waits (policydesk_db_pool_connections{state="pending"}) and pg_stat_activity for long queries or locks.',
  },
  {
    name: 'PolicydeskHighErrorRate',
    severity: 'critical',
    summary: 'More than 1 % of requests answer 5xx over 5 minutes.',
    threshold: `5xx > ${ALERT_THRESHOLDS.errorRatio * 100} % of requests over 5 minutes, for 5 minutes`,
    runbook:
      'Search the JSON logs for level>=50 (error) lines and their requestId and route; a 503 wave usually means the database (see PolicydeskDatabaseUnreachable), a 500 wave a deployment: roll back if it started with one.',
  },
  {
    name: 'PolicydeskCallVolumeHigh',
    severity: 'warning',
    summary: "A phone line received more than 100 calls in the last hour (the playbook's call-volume threshold).",
    threshold: `> ${ALERT_THRESHOLDS.callsPerLinePerHour} calls in the last hour on one line, for 5 minutes`,
    runbook:
      "Check for an incident driving calls (an outage, a mailing, a failed payment run); add agents to the line's queues (agent availability) and consider the after-hours voicemail or a greeting update.",
    evaluate: (s) => {
      const list = samples(s, 'policydesk_voice_calls_last_hour');
      return list ? over(list, 'line', ALERT_THRESHOLDS.callsPerLinePerHour) : null;
    },
  },
  {
    name: 'PolicydeskSlaBreaches',
    severity: 'warning',
    summary: 'More than 10 open service cases in one queue have breached an SLA clock.',
    threshold: `> ${ALERT_THRESHOLDS.openSlaBreachesPerQueue} open breaches in one queue, for 15 minutes`,
    runbook:
      "Open the team view (/service/team) for the queue's branch: reassign breached cases, check agents' availability and the business-hours calendar; managers may escalate by hand.",
    evaluate: (s) => {
      const list = samples(s, 'policydesk_service_sla_breaches_open');
      return list ? over(list, 'queue', ALERT_THRESHOLDS.openSlaBreachesPerQueue) : null;
    },
  },
  {
    name: 'PolicydeskOutboxStalled',
    severity: 'warning',
    summary: 'A due email or text has waited more than 10 minutes to be sent (the send job runs every minute).',
    threshold: `oldest due message > ${ALERT_THRESHOLDS.outboxOldestDueAgeSeconds / 60} minutes late, for 5 minutes`,
    runbook:
      'Check the notifications.send job (policydesk_job_failures_last_hour, last run on the admin health page), the SMTP server or SMS provider and their credentials; GET /api/notifications lists failed messages with their last error.',
    evaluate: (s) => {
      const age = samples(s, 'policydesk_outbox_oldest_due_age_seconds')?.[0]?.value;
      if (age === undefined) return null;
      const firing = age > ALERT_THRESHOLDS.outboxOldestDueAgeSeconds;
      return { firing, detail: firing ? `oldest due message waiting ${Math.round(age / 60)} minutes` : null };
    },
  },
  {
    name: 'PolicydeskJobFailures',
    severity: 'warning',
    summary: 'A background job failed (all retries spent) in the last hour.',
    threshold: `> ${ALERT_THRESHOLDS.jobFailuresPerQueueLastHour} failed runs of a queue in the last hour`,
    runbook:
      'Search the logs for "job failed" with the queue\'s name; a job is retried by pg-boss and scheduled jobs run again at their next time, so fix the cause (data, a provider, the database) and watch the next run on the admin health page.',
    evaluate: (s) => {
      const list = samples(s, 'policydesk_job_failures_last_hour');
      return list ? over(list, 'queue', ALERT_THRESHOLDS.jobFailuresPerQueueLastHour) : null;
    },
  },
];

/** Every rule with its state from the current figures (`firing: null` when Prometheus alone can tell). */
export function evaluateAlerts(snapshot: MetricsSnapshot): HealthAlert[] {
  return ALERT_RULES.map((rule) => {
    const result = rule.evaluate ? rule.evaluate(snapshot) : null;
    return {
      name: rule.name,
      severity: rule.severity,
      evaluatedBy: rule.evaluate ? 'server' : 'prometheus',
      firing: result ? result.firing : null,
      summary: rule.summary,
      threshold: rule.threshold,
      detail: result?.detail ?? null,
      runbook: rule.runbook,
    };
  });
}
