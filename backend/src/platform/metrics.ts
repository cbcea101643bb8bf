// Prometheus metrics (prom-client). Three kinds of figures:
// - counted in this process: HTTP request durations (method, route TEMPLATE, status class), database
//   query durations, and problem answers modules ask to count (login failures, webhook verification
//   failures) — Prometheus sums them over the instances;
// - read on scrape from PostgreSQL by collectors the platform and the modules register (queue depths,
//   outbox backlog, open SLA breaches, locked accounts…): one query each under a timeout, the same
//   figure on every instance (the alert rules take `max` over instances);
// - the process's own (memory, CPU, event-loop lag: prom-client's default metrics).
// Labels only ever hold bounded, non-personal values: route templates, never a concrete path.
import crypto from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db';
import type { Logger } from './logger';

/** The label a request gets when no declared route answered it (unknown paths, the console's files). */
export const UNMATCHED_ROUTE = 'unmatched';

/** How long one scrape-time query may take before its figure is skipped for this scrape. */
export const COLLECT_TIMEOUT_MS = 2_000;

/** One sample of a scrape-time gauge. */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

/**
 * Figures read from the database on scrape (and by the admin health page): ONE query (under
 * `COLLECT_TIMEOUT_MS`) answering one or more gauges, each listed in `gauges` with its help and labels.
 */
export interface GaugeCollector {
  gauges: Record<string, { help: string; labelNames?: readonly string[] }>;
  collect(db: Db): Promise<Record<string, GaugeSample[]>>;
}

/** What the collectors read at one moment: gauge name → samples (absent when its query failed). */
export type MetricsSnapshot = Map<string, GaugeSample[]>;

// Default process metrics once per process: several apps in one process (the tests) share them.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 20 });
  }
  return processRegistry;
}

/** A gauge filled from a scrape-time query; left out entirely (no sample, not a 0) when the query failed. */
class CollectedGauge extends Gauge {
  missing = false;

  override async get() {
    const metric = await super.get();
    return this.missing ? { ...metric, values: [] } : metric;
  }
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** The route template that answered (set by RouteRegistrar), or the fixed label for unmatched requests. */
export function routeLabel(res: Response): string {
  const template = res.locals.routeTemplate;
  return typeof template === 'string' ? template : UNMATCHED_ROUTE;
}

/** Runs `query` and gives up after `ms` (the query is cancelled by knex's `.timeout(…, { cancel: true })` where used). */
export async function withTimeout<T>(promise: Promise<T>, ms = COLLECT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Token comparison in constant time (length leaks nothing useful: both are hashed first). */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * The app's metrics. `enabled: false` (METRICS_ENABLED=false) records nothing and serves no
 * /metrics; the benchmark compares both in one run.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly collectors: GaugeCollector[] = [];
  private readonly gauges = new Map<string, CollectedGauge>();
  private readonly problemCounters = new Map<string, { counter: Counter; labels: Record<string, string> }[]>();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly collectFailures: Counter<'collector'>;

  constructor(
    readonly enabled: boolean,
    private readonly db: Db,
    private readonly logger: Logger,
  ) {
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status class',
      labelNames: ['method', 'route', 'status_class'] as const,
      // 0.2 s is the response-time threshold of the alert rules.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.collectFailures = new Counter({
      name: 'policydesk_metrics_collect_failures_total',
      help: 'Scrape-time database reads that failed or timed out (their figure was left out of that scrape)',
      labelNames: ['collector'] as const,
      registers: [this.registry],
    });
    if (enabled) this.instrumentDb();
  }

  /** Observes every response: duration by method, route template and status class; counted problem codes. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      if (!this.enabled) return next();
      const end = this.httpDuration.startTimer();
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        end({ method: req.method, route: routeLabel(res), status_class: statusClass(res.statusCode) });
        const code = res.locals.problemCode;
        if (typeof code === 'string') for (const c of this.problemCounters.get(code) ?? []) c.counter.inc(c.labels);
      };
      res.on('finish', finish);
      res.on('close', finish);
      next();
    };
  }

  /**
   * A counter of problem answers with one of `codes` (e.g. INVALID_CREDENTIALS → login failures).
   * Modules sharing a counter name tell their answers apart by `labels`.
   */
  countProblems(spec: { name: string; help: string; codes: readonly string[]; labels?: Record<string, string> }): void {
    const labelNames = Object.keys(spec.labels ?? {});
    const counter = (this.registry.getSingleMetric(spec.name) as Counter | undefined) ?? new Counter({ name: spec.name, help: spec.help, labelNames, registers: [this.registry] });
    for (const code of spec.codes) {
      const list = this.problemCounters.get(code) ?? [];
      list.push({ counter, labels: spec.labels ?? {} });
      this.problemCounters.set(code, list);
    }
  }

  /** Gauges read from the database on scrape (one query under a timeout). */
  registerCollector(collector: GaugeCollector): void {
    for (const [name, spec] of Object.entries(collector.gauges)) {
      if (this.gauges.has(name)) throw new Error(`Metric ${name} is registered twice`);
      this.gauges.set(name, new CollectedGauge({ name, help: spec.help, labelNames: [...(spec.labelNames ?? [])], registers: [this.registry] }));
    }
    this.collectors.push(collector);
  }

  private async runCollector(collector: GaugeCollector): Promise<Record<string, GaugeSample[]> | undefined> {
    try {
      return await withTimeout(collector.collect(this.db));
    } catch (err) {
      const names = Object.keys(collector.gauges);
      for (const name of names) this.collectFailures.inc({ collector: name });
      this.logger.warn({ err, collector: names.join(',') }, 'metrics collector failed');
      return undefined;
    }
  }

  /** Every collector's current figures (the admin health page and each scrape), the queries run concurrently. */
  async snapshot(): Promise<MetricsSnapshot> {
    const results = await Promise.all(this.collectors.map((c) => this.runCollector(c)));
    const snapshot: MetricsSnapshot = new Map();
    for (const result of results) for (const [name, samples] of Object.entries(result ?? {})) snapshot.set(name, samples);
    return snapshot;
  }

  /** The Prometheus text exposition: this app's metrics, then the process's. */
  async render(): Promise<string> {
    const snapshot = await this.snapshot();
    // A gauge whose query failed is left out of this scrape (absent, not a stale or zero figure).
    for (const [name, gauge] of this.gauges) {
      gauge.reset();
      gauge.missing = !snapshot.has(name);
      for (const s of snapshot.get(name) ?? []) {
        if (s.labels) gauge.set(s.labels, s.value);
        else gauge.set(s.value);
      }
    }
    const [app, proc] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${app}\n${proc}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Pool use (no query) and query durations (knex's query events). */
  private instrumentDb() {
    const pool = () => (this.db.client as { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number; max: number } }).pool;
    new Gauge({
      name: 'policydesk_db_pool_connections',
      help: "This instance's database pool: connections in use, idle, requests waiting, and the maximum",
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'used' }, p.numUsed());
        this.set({ state: 'free' }, p.numFree());
        this.set({ state: 'pending' }, p.numPendingAcquires());
        this.set({ state: 'max' }, p.max);
      },
    });
    const queryDuration = new Histogram({
      name: 'policydesk_db_query_duration_seconds',
      help: 'Database query duration (every query of the runtime pool)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    const started = new Map<string, number>();
    const now = () => performance.now();
    const done = (_x: unknown, q: { __knexQueryUid?: string }) => {
      const uid = q?.__knexQueryUid;
      if (!uid) return;
      const t = started.get(uid);
      if (t === undefined) return;
      started.delete(uid);
      queryDuration.observe((now() - t) / 1000);
    };
    this.db.on('query', (q: { __knexQueryUid?: string }) => {
      if (q.__knexQueryUid) started.set(q.__knexQueryUid, now());
    });
    this.db.on('query-response', (_r: unknown, q: { __knexQueryUid?: string }) => done(_r, q));
    this.db.on('query-error', (_e: unknown, q: { __knexQueryUid?: string }) => done(_e, q));
  }
}
