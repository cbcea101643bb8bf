// The service desk's figure for /metrics and the admin health page: open SLA breaches per queue
// (a branch's queue) and clock, one query on scrape.
import type { GaugeCollector } from '../../platform/metrics';

export const SLA_BREACHES_OPEN = 'policydesk_service_sla_breaches_open';

/** Open cases (new, open, pending) whose clock breached and has not been fulfilled or restarted since. */
export function slaBreachesCollector(): GaugeCollector {
  return {
    gauges: {
      [SLA_BREACHES_OPEN]: { help: "Open service cases with a breached SLA clock not fulfilled since, by queue (the case's branch) and clock", labelNames: ['queue', 'metric'] },
    },
    async collect(db) {
      const { rows } = await db
        .raw<{ rows: { queue: string; metric: string; open: string }[] }>(
          `SELECT b.code AS queue, e.metric, count(DISTINCT c.id) AS open
             FROM service_cases c
             JOIN branches b ON b.id = c.branch_id
             JOIN service_clock_events e ON e.subject_type = 'case' AND e.subject_id = c.id AND e.type = 'breach'
            WHERE c.status IN ('new', 'open', 'pending')
              AND NOT EXISTS (SELECT 1 FROM service_clock_events f
                               WHERE f.subject_type = 'case' AND f.subject_id = c.id AND f.metric = e.metric
                                 AND f.type IN ('fulfil', 'restart') AND f.id > e.id)
            GROUP BY 1, 2`,
        )
        .timeout(1_500, { cancel: true });
      return { [SLA_BREACHES_OPEN]: rows.map((r) => ({ labels: { queue: r.queue, metric: r.metric }, value: Number(r.open) })) };
    },
  };
}
