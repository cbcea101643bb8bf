// The platform's scrape-time figures: is the database reachable, and pg-boss's queues (depth,
// failures in the last hour, last runs). Module figures are registered by the modules themselves.
import type { Db } from '../db';
import type { GaugeCollector, GaugeSample } from './metrics';

const QUERY_TIMEOUT_MS = 1_500;

/** `policydesk_database_up`: 1 when `SELECT 1` answers within the timeout, else 0 (never left out, so the alert sees it). */
export function databaseCollector(): GaugeCollector {
  return {
    gauges: { policydesk_database_up: { help: '1 when the database answers SELECT 1 within 1.5 s, else 0' } },
    async collect(db: Db) {
      const up = await db
        .raw('SELECT 1')
        .timeout(QUERY_TIMEOUT_MS, { cancel: true })
        .then(() => 1)
        .catch(() => 0);
      return { policydesk_database_up: [{ value: up }] };
    },
  };
}

/** The job queues' figures (pg-boss's tables), one query; every defined queue is reported, zero included. */
export function jobsCollector(queueNames: () => readonly string[]): GaugeCollector {
  return {
    gauges: {
      policydesk_job_queue_depth: {
        help: 'Jobs per queue: waiting (due, not started), active (running), scheduled (due later)',
        labelNames: ['queue', 'state'],
      },
      policydesk_job_failures_last_hour: { help: 'Jobs per queue that failed (retries exhausted) in the last hour', labelNames: ['queue'] },
      policydesk_job_last_run_timestamp_seconds: {
        help: 'When a job of the queue last ended, by outcome (completed or failed), as a Unix time; kept by pg-boss ~1 day',
        labelNames: ['queue', 'outcome'],
      },
    },
    async collect(db: Db) {
      const { rows } = await db
        .raw<{ rows: { queue: string; kind: string; state: string; value: string | number }[] }>(
          `SELECT name AS queue, 'depth' AS kind,
                  CASE WHEN state = 'active' THEN 'active' WHEN start_after <= now() THEN 'waiting' ELSE 'scheduled' END AS state,
                  count(*) AS value
             FROM pgboss.job WHERE state < 'completed' GROUP BY 1, 2, 3
           UNION ALL
           SELECT name, 'failed', 'failed', count(*) FROM pgboss.job
            WHERE state = 'failed' AND completed_on > now() - interval '1 hour' GROUP BY 1
           UNION ALL
           SELECT name, 'last', state::text, extract(epoch FROM max(completed_on)) FROM (
             SELECT name, state, completed_on FROM pgboss.job WHERE state IN ('completed', 'failed')
             UNION ALL
             SELECT name, state, completed_on FROM pgboss.archive WHERE archived_on > now() - interval '26 hours' AND state IN ('completed', 'failed')
           ) ended GROUP BY 1, 3`,
        )
        .timeout(QUERY_TIMEOUT_MS, { cancel: true });
      const names = new Set(queueNames());
      const depth: GaugeSample[] = [];
      const failed = new Map<string, number>([...names].map((n) => [n, 0]));
      const last: GaugeSample[] = [];
      const seenDepth = new Set<string>();
      for (const r of rows) {
        const value = Number(r.value);
        if (r.kind === 'depth') {
          depth.push({ labels: { queue: r.queue, state: r.state }, value });
          seenDepth.add(`${r.queue}/${r.state}`);
        } else if (r.kind === 'failed') failed.set(r.queue, value);
        else last.push({ labels: { queue: r.queue, outcome: r.state }, value });
      }
      for (const queue of names) for (const state of ['waiting', 'active']) if (!seenDepth.has(`${queue}/${state}`)) depth.push({ labels: { queue, state }, value: 0 });
      return {
        policydesk_job_queue_depth: depth,
        policydesk_job_failures_last_hour: [...failed].map(([queue, value]) => ({ labels: { queue }, value })),
        policydesk_job_last_run_timestamp_seconds: last,
      };
    },
  };
}
