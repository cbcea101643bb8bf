// Background jobs on pg-boss 10, in the same database. Modules register queued and scheduled jobs here;
// the server starts workers at boot and stops them on shutdown. pg-boss locks each job with
// SKIP LOCKED and keeps one cron monitor, so several app instances never run a job twice at once.
import PgBoss from 'pg-boss';
import type { Logger } from './logger';
import type { Trx } from '../db';

export interface JobDefinition<Data extends object = object> {
  /** Queue name: `<module>.<what>`, e.g. `billing.generate-invoices`. */
  name: string;
  /** Must be idempotent: a job may run again after a crash or a retry. */
  handler: (data: Data, meta: { id: string; name: string }) => Promise<void>;
  /** Cron expression (in the business time zone) for recurring jobs. */
  schedule?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
}

export interface SendOptions {
  /** Only one queued job per key at a time. */
  singletonKey?: string;
  startAfter?: Date;
  /** Send inside this transaction: the job exists only if the transaction commits (outbox). */
  trx?: Trx;
}

/** Lets pg-boss run its INSERT on a knex transaction (pg-boss writes `$1` placeholders, knex wants `?`). */
function knexExecutor(trx: Trx) {
  return {
    async executeSql(text: string, values: unknown[]) {
      const bindings: unknown[] = [];
      const sql = text.replace(/\?/g, '\\?').replace(/\$(\d+)/g, (_m, n: string) => {
        bindings.push(values[Number(n) - 1] ?? null); // pg sends undefined as NULL; knex refuses it
        return '?';
      });
      const result = await trx.raw(sql, bindings as never[]);
      return { rows: result.rows as unknown[] };
    },
  };
}

/** pg-boss 10's internal queue for schedules (QUEUES.SEND_IT in pg-boss's timekeeper; not exported by it). */
export const CRON_SEND_IT_QUEUE = '__pgboss__send-it';

export class JobRegistry {
  private readonly definitions = new Map<string, JobDefinition<never>>();
  private boss: PgBoss | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly timeZone = 'UTC',
  ) {}

  define<Data extends object>(definition: JobDefinition<Data>): void {
    if (this.definitions.has(definition.name)) throw new Error(`Job ${definition.name} is defined twice`);
    if (this.boss) throw new Error(`Job ${definition.name} defined after the job runner started`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition<never>);
  }

  get names(): string[] {
    return [...this.definitions.keys()];
  }

  private queueOptions(def: JobDefinition<never>): PgBoss.Queue {
    return {
      name: def.name,
      retryLimit: def.retryLimit ?? 3,
      retryDelay: def.retryDelaySeconds ?? 30,
      retryBackoff: true,
      expireInSeconds: def.expireInSeconds ?? 15 * 60,
    };
  }

  /**
   * Creates (or migrates) pg-boss's tables and a queue per defined job. Run as the owner role at
   * start-up, under the start-up lock: pg-boss keeps each queue in a table of its own, so creating a
   * queue is DDL that the runtime role may not do. The runtime role reads and writes those tables
   * through the grants given after this (database-roles.ts).
   */
  async install(connectionString: string): Promise<void> {
    const boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'policydesk-jobs-install', max: 1, supervise: false, schedule: false });
    boss.on('error', (err: Error) => this.logger.error({ err }, 'job tables: error'));
    await boss.start();
    try {
      for (const def of this.definitions.values()) await boss.createQueue(def.name, this.queueOptions(def));
      // pg-boss's cron turns each due schedule into a job of this internal queue, which then sends the
      // scheduled job. pg-boss creates it when it starts with schedules, but that start runs as the
      // runtime role, which may not create tables (and pg-boss swallows the failure): without it no
      // schedule ever fired.
      await boss.createQueue(CRON_SEND_IT_QUEUE);
    } finally {
      await boss.stop({ graceful: false });
    }
  }

  /**
   * Starts pg-boss as the runtime role on tables `install` made (it never creates or migrates them) and,
   * with `runWorkers`, the workers and schedules; with `runWorkers` false this instance only sends jobs.
   */
  async start(connectionString: string, { runWorkers = true, pollingIntervalSeconds = 2 }: { runWorkers?: boolean; pollingIntervalSeconds?: number } = {}): Promise<void> {
    const boss = new PgBoss({
      connectionString,
      schema: 'pgboss',
      application_name: 'policydesk-jobs',
      max: 4,
      migrate: false,
      supervise: runWorkers,
      schedule: runWorkers,
    });
    boss.on('error', (err: Error & { code?: string }) => {
      // 57P01: the database server is shutting down (e.g. the embedded one on Ctrl-C) — expected, not a fault.
      if (err.code === '57P01') this.logger.warn('job runner: database is shutting down');
      else this.logger.error({ err }, 'job runner error');
    });
    await boss.start();
    this.boss = boss;
    if (!runWorkers) return;
    for (const def of this.definitions.values()) {
      await boss.work<object>(def.name, { pollingIntervalSeconds }, async (jobs) => {
        for (const job of jobs) {
          const started = Date.now();
          try {
            await def.handler(job.data as never, { id: job.id, name: job.name });
            this.logger.info({ job: job.name, jobId: job.id, durationMs: Date.now() - started }, 'job completed');
          } catch (err) {
            this.logger.error({ err, job: job.name, jobId: job.id }, 'job failed');
            throw err;
          }
        }
      });
      if (def.schedule) await boss.schedule(def.name, def.schedule, {}, { tz: this.timeZone });
    }
  }

  async send<Data extends object>(name: string, data: Data, options: SendOptions = {}): Promise<string | null> {
    if (!this.boss) throw new Error('The job runner is not started');
    if (!this.definitions.has(name)) throw new Error(`Unknown job ${name}`);
    return this.boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfter,
      db: options.trx ? knexExecutor(options.trx) : undefined,
    });
  }

  /** Runs a job's handler here and now (tests, and admin tooling that must not wait for the schedule). */
  async runNow<Data extends object>(name: string, data: Data): Promise<void> {
    const def = this.definitions.get(name);
    if (!def) throw new Error(`Unknown job ${name}`);
    await def.handler(data as never, { id: 'direct', name });
  }

  /** Lets running jobs finish (up to `timeoutMs`), then closes the job runner's connections. */
  async stop(timeoutMs = 8_000): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = undefined;
    // `stopped` fires once workers are done and pg-boss has closed its own pool.
    const stopped = new Promise<void>((resolve) => {
      boss.once('stopped', () => resolve());
      setTimeout(resolve, timeoutMs + 1_000).unref();
    });
    await boss.stop({ graceful: true, timeout: timeoutMs });
    await stopped;
  }
}
