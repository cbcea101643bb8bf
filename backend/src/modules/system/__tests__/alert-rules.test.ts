// The admin page's alert rules and docker/prometheus/alerts.yml say the same: names, severities,
// summaries, runbooks and thresholds. And the server-side evaluation fires exactly over a threshold.
import fs from 'node:fs';
import path from 'node:path';
import { ALERT_RULES, ALERT_THRESHOLDS, evaluateAlerts } from '../alert-rules';

const RULES_FILE = path.resolve(__dirname, '../../../../../docker/prometheus/alerts.yml');

/** The rules file's alerts (the file's own regular layout: one key per line, plain or quoted one-line strings). */
function rulesFile() {
  const text = fs.readFileSync(RULES_FILE, 'utf8');
  return text
    .split(/\n\s+- alert: /)
    .slice(1)
    .map((block) => {
      const field = (key: string) => {
        const m = new RegExp(`\\n\\s+${key}: (.*)`).exec(block);
        const raw = m?.[1]?.trim() ?? '';
        if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
        if (raw.startsWith('"')) return JSON.parse(raw) as string;
        return raw;
      };
      return { name: block.split('\n')[0]!.trim(), expr: field('expr'), severity: field('severity'), summary: field('summary'), runbook: field('runbook') };
    });
}

describe('alert rules', () => {
  it('match the Prometheus rules file: names, severities, summaries and runbooks', () => {
    const file = rulesFile();
    expect(file.map((r) => r.name)).toEqual(ALERT_RULES.map((r) => r.name));
    for (const rule of ALERT_RULES) {
      const inFile = file.find((r) => r.name === rule.name)!;
      expect({ name: rule.name, severity: inFile.severity, summary: inFile.summary, runbook: inFile.runbook }).toEqual({
        name: rule.name,
        severity: rule.severity,
        summary: rule.summary,
        runbook: rule.runbook,
      });
    }
  });

  it('use the same thresholds as the rules file', () => {
    const expr = Object.fromEntries(rulesFile().map((r) => [r.name, r.expr]));
    expect(expr.PolicydeskHighResponseTime).toMatch(new RegExp(`> ${ALERT_THRESHOLDS.responseTimeSeconds}$`));
    expect(expr.PolicydeskHighErrorRate).toMatch(new RegExp(`> ${ALERT_THRESHOLDS.errorRatio}$`));
    expect(expr.PolicydeskCallVolumeHigh).toMatch(new RegExp(`> ${ALERT_THRESHOLDS.callsPerLinePerHour}$`));
    expect(expr.PolicydeskSlaBreaches).toMatch(new RegExp(`> ${ALERT_THRESHOLDS.openSlaBreachesPerQueue}$`));
    expect(expr.PolicydeskOutboxStalled).toMatch(new RegExp(`> ${ALERT_THRESHOLDS.outboxOldestDueAgeSeconds}$`));
    expect(expr.PolicydeskJobFailures).toMatch(new RegExp(`> ${ALERT_THRESHOLDS.jobFailuresPerQueueLastHour}$`));
    expect(expr.PolicydeskDatabaseUnreachable).toBe('min(policydesk_database_up) < 1');
  });

  it('fire on figures over their thresholds and stay quiet at them; an unreadable figure is unknown', () => {
    const at = (over: boolean) =>
      new Map([
        ['policydesk_database_up', [{ value: over ? 0 : 1 }]],
        ['policydesk_voice_calls_last_hour', [{ labels: { line: '+18005550100' }, value: ALERT_THRESHOLDS.callsPerLinePerHour + (over ? 1 : 0) }]],
        [
          'policydesk_service_sla_breaches_open',
          [
            { labels: { queue: 'NYC', metric: 'first_response' }, value: 6 },
            { labels: { queue: 'NYC', metric: 'resolution' }, value: ALERT_THRESHOLDS.openSlaBreachesPerQueue - 6 + (over ? 1 : 0) },
          ],
        ],
        ['policydesk_outbox_oldest_due_age_seconds', [{ value: ALERT_THRESHOLDS.outboxOldestDueAgeSeconds + (over ? 1 : 0) }]],
        ['policydesk_job_failures_last_hour', [{ labels: { queue: 'notifications.send' }, value: over ? 1 : 0 }]],
      ]);
    const firing = (snapshot: ReturnType<typeof at>) => Object.fromEntries(evaluateAlerts(snapshot).map((a) => [a.name, a.firing]));
    expect(firing(at(true))).toEqual({
      PolicydeskDatabaseUnreachable: true,
      PolicydeskInstanceDown: null,
      PolicydeskHighResponseTime: null,
      PolicydeskHighErrorRate: null,
      PolicydeskCallVolumeHigh: true,
      PolicydeskSlaBreaches: true,
      PolicydeskOutboxStalled: true,
      PolicydeskJobFailures: true,
    });
    expect(Object.values(firing(at(false))).every((f) => f !== true)).toBe(true);
    expect(evaluateAlerts(new Map()).every((a) => a.firing === null)).toBe(true);
    expect(evaluateAlerts(at(true)).find((a) => a.name === 'PolicydeskSlaBreaches')!.detail).toBe('NYC: 11');
  });
});
