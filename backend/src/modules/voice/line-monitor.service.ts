// Per-line monitoring: what a phone line delivered over a window (call volume, answered within 20
// seconds, abandoned, missed, webhook p95 and error rate) against the thresholds its admin set. The
// every-minute job (`voice.line-monitor`, one run whatever the instance count) opens an alert
// episode per (line, metric) when a threshold is crossed — with its alert task, in one transaction —
// and closes it when the metric is back within bounds: one task per breach episode, never one a
// minute. The partial unique index on open episodes makes a concurrent run a no-op.
import { DEFAULT_LINE_THRESHOLDS, type PhoneLineMetrics, type PhoneLineThresholds } from '../../contracts/voice';
import { withTransaction, type Db } from '../../db';
import type { Clock } from '../../platform/clock';
import type { TaskService } from '../service/tasks.service';
import { breachesOf, describeBreach, watched, type LineFigures } from './line-monitor';
import * as repo from './line-monitor.repository';
import * as lines from './phone-lines.repository';

export const LINE_MONITOR_JOB = 'voice.line-monitor';

/** How long webhook timings are kept (the longest window is a day). */
const KEEP_REQUESTS_MS = 8 * 24 * 3_600_000;
const ALERT_DUE_MS = 3_600_000;

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 100 : null);

export interface MonitorRunResult {
  lines: number;
  opened: number;
  cleared: number;
}

export class LineMonitor {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly tasks: TaskService,
  ) {}

  private async figures(lineId: string, windowMinutes: number, now: Date): Promise<LineFigures & { from: Date }> {
    const from = new Date(now.getTime() - windowMinutes * 60_000);
    const f = await repo.windowFigures(this.db, lineId, from, new Date(now.getTime() + 1));
    return {
      from,
      calls: f.calls,
      queued: f.queued,
      answeredWithin20s: f.answered_within_20s,
      answeredWithin20sPercent: percent(f.answered_within_20s, f.queued),
      abandoned: f.abandoned,
      missed: f.missed,
      webhook: {
        requests: f.requests,
        p95Ms: f.p95_ms === null ? null : Math.round(f.p95_ms * 10) / 10,
        errors: f.errors,
        errorPercent: percent(f.errors, f.requests),
      },
    };
  }

  /** The line's figures over its window (or `windowMinutes`), the thresholds past now and the latest alert episodes. */
  async metrics(line: lines.PhoneLineRow, windowMinutes?: number): Promise<PhoneLineMetrics> {
    const thresholds: PhoneLineThresholds = { ...DEFAULT_LINE_THRESHOLDS, ...line.thresholds };
    const window = windowMinutes ?? thresholds.windowMinutes;
    const now = this.clock.now();
    const { from, ...f } = await this.figures(line.id, window, now);
    return {
      lineId: line.id,
      windowMinutes: window,
      from: from.toISOString(),
      to: now.toISOString(),
      ...f,
      thresholds,
      breaches: breachesOf(f, { ...thresholds, windowMinutes: window }),
      alerts: (await repo.alertsOf(this.db, line.id)).map((a) => ({
        id: a.id,
        metric: a.metric,
        value: Number(a.value),
        threshold: Number(a.threshold),
        windowMinutes: a.window_minutes,
        startedAt: a.started_at.toISOString(),
        clearedAt: a.cleared_at ? a.cleared_at.toISOString() : null,
        taskId: a.task_id,
      })),
    };
  }

  /** One run over the active lines with thresholds (or those of `lineIds`: tests that share a database). */
  async run({ lineIds }: { lineIds?: string[] } = {}): Promise<MonitorRunResult> {
    const now = this.clock.now();
    const result: MonitorRunResult = { lines: 0, opened: 0, cleared: 0 };
    for (const line of await lines.listLines(this.db)) {
      if (!line.active || (lineIds && !lineIds.includes(line.id))) continue;
      const thresholds: PhoneLineThresholds = { ...DEFAULT_LINE_THRESHOLDS, ...line.thresholds };
      const breaches = watched(thresholds) ? breachesOf(await this.figures(line.id, thresholds.windowMinutes, now), thresholds) : [];
      result.lines++;
      await withTransaction(this.db, async (trx) => {
        result.cleared += await repo.clearAlerts(
          trx,
          line.id,
          breaches.map((b) => b.metric),
          now,
        );
        for (const b of breaches) {
          const alert = await repo.openAlert(trx, {
            line_id: line.id,
            metric: b.metric,
            threshold: b.threshold,
            value: b.value,
            window_minutes: thresholds.windowMinutes,
            started_at: now,
          });
          if (!alert) continue; // this episode is already open: its task exists
          const { task } = await this.tasks.create(trx, null, {
            title: `Phone line ${line.name} (${line.number}): ${describeBreach(b)} in ${thresholds.windowMinutes} minutes`,
            description: `The line's threshold was crossed at ${now.toISOString()}. Open the phone line's page to see its figures; this alert closes when the figure is back within the threshold.`,
            dueAt: new Date(now.getTime() + ALERT_DUE_MS),
            branchId: line.branch_id,
            priority: 'high',
            source: 'voice',
            sourceKey: `line-alert:${alert.id}`,
          });
          await repo.setAlertTask(trx, alert.id, task.id);
          result.opened++;
        }
      });
    }
    await repo.purgeRequests(this.db, new Date(now.getTime() - KEEP_REQUESTS_MS));
    return result;
  }
}
