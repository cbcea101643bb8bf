// The admin health page's figures: this instance's readiness and the figures /metrics exposes
// (read once from the database, one query per collector), with the alert rules evaluated on them.
import type { HealthOverview } from '../../contracts/system';
import type { Clock } from '../../platform/clock';
import type { HealthState } from '../../platform/health';
import type { AppMetrics, GaugeSample } from '../../platform/metrics';
import { APP_VERSION } from '../../platform/version';
import { evaluateAlerts } from './alert-rules';

const iso = (seconds: number | undefined) => (seconds === undefined ? null : new Date(seconds * 1000).toISOString());

function queuesOf(depth: GaugeSample[], failures: GaugeSample[], lastRuns: GaugeSample[]): NonNullable<HealthOverview['queues']> {
  const queues = new Map<string, NonNullable<HealthOverview['queues']>[number]>();
  const entry = (queue: string) => {
    let q = queues.get(queue);
    if (!q) queues.set(queue, (q = { queue, waiting: 0, active: 0, scheduled: 0, failedLastHour: 0, lastCompletedAt: null, lastFailedAt: null }));
    return q;
  };
  for (const s of depth) {
    const q = entry(s.labels!.queue!);
    const state = s.labels!.state as 'waiting' | 'active' | 'scheduled';
    q[state] = s.value;
  }
  for (const s of failures) entry(s.labels!.queue!).failedLastHour = s.value;
  for (const s of lastRuns) {
    const q = entry(s.labels!.queue!);
    if (s.labels!.outcome === 'completed') q.lastCompletedAt = iso(s.value);
    else q.lastFailedAt = iso(s.value);
  }
  return [...queues.values()].sort((a, b) => a.queue.localeCompare(b.queue));
}

export async function healthOverview(metrics: AppMetrics, state: HealthState, clock: Clock): Promise<HealthOverview> {
  const snapshot = await metrics.snapshot();
  const databaseUp = snapshot.get('policydesk_database_up')?.[0]?.value === 1;
  const depth = snapshot.get('policydesk_job_queue_depth');
  const failures = snapshot.get('policydesk_job_failures_last_hour');
  const lastRuns = snapshot.get('policydesk_job_last_run_timestamp_seconds');
  const backlog = snapshot.get('policydesk_outbox_backlog');
  const age = snapshot.get('policydesk_outbox_oldest_due_age_seconds');
  const breaches = snapshot.get('policydesk_service_sla_breaches_open');
  return {
    checkedAt: clock.now().toISOString(),
    instance: {
      ready: databaseUp && !state.shuttingDown,
      database: databaseUp ? 'up' : 'down',
      shuttingDown: state.shuttingDown,
      version: APP_VERSION,
      uptimeSeconds: Math.floor(process.uptime()),
      memoryBytes: process.memoryUsage().rss,
    },
    queues: depth && failures && lastRuns ? queuesOf(depth, failures, lastRuns) : null,
    outbox:
      backlog && age
        ? {
            backlog: backlog.reduce((sum, s) => sum + s.value, 0),
            byChannel: Object.fromEntries(backlog.map((s) => [s.labels!.channel!, s.value])),
            oldestDueAgeSeconds: Math.round(age[0]?.value ?? 0),
          }
        : null,
    slaBreaches: breaches
      ? breaches
          .map((s) => ({ queue: s.labels!.queue!, metric: s.labels!.metric!, open: s.value }))
          .sort((a, b) => a.queue.localeCompare(b.queue) || a.metric.localeCompare(b.metric))
      : null,
    alerts: evaluateAlerts(snapshot),
  };
}
