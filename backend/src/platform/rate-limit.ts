// Per-client-IP rate limits that answer problem+json 429 with Retry-After. The app's limits (the
// general /api limit, login throttling) count in PostgreSQL through PostgresRateLimitStore, so they
// hold across instances; the in-process default store is for tests and tools only.
import type { Request, RequestHandler } from 'express';
import { rateLimit, type ClientRateLimitInfo, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Db } from '../db';
import { TooManyRequestsError } from './errors';

export interface PerIpLimitOptions {
  /** Where the counters are kept (default: this process's memory). */
  store?: Store;
  /** Count only requests that fail (status ≥ 400), e.g. wrong passwords on a password change. */
  onlyFailures?: boolean;
}

export function perIpLimit(perMinute: number, code = 'RATE_LIMITED', options: PerIpLimitOptions = {}): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(options.store ? { store: options.store } : {}),
    skipSuccessfulRequests: options.onlyFailures ?? false,
    handler: (req, _res, next) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
      next(new TooManyRequestsError(seconds, code));
    },
  });
}

const PURGE_EVERY = 500;

/**
 * express-rate-limit counters in PostgreSQL (`rate_limit_hits`): one atomic upsert per counted
 * request, with the database's clock for the window, so every instance sees the same count.
 * Limiters built with the same `prefix` share their counters.
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private increments = 0;

  constructor(
    private readonly db: Db,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db('rate_limit_hits')
      .where({ key: this.key(key) })
      .andWhere('reset_at', '>', this.db.fn.now())
      .first('hits', 'reset_at');
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    if (++this.increments % PURGE_EVERY === 0) await this.db('rate_limit_hits').where('reset_at', '<', this.db.fn.now()).delete();
    const { rows } = await this.db.raw<{ rows: { hits: number; reset_at: Date }[] }>(
      `INSERT INTO rate_limit_hits AS r (key, hits, reset_at) VALUES (?, 1, now() + ? * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
         reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
       RETURNING hits, reset_at`,
      [this.key(key), this.windowMs],
    );
    return { totalHits: rows[0]!.hits, resetTime: rows[0]!.reset_at };
  }

  async decrement(key: string): Promise<void> {
    await this.db('rate_limit_hits')
      .where({ key: this.key(key) })
      .andWhere('hits', '>', 0)
      .update({ hits: this.db.raw('hits - 1') });
  }

  async resetKey(key: string): Promise<void> {
    await this.db('rate_limit_hits')
      .where({ key: this.key(key) })
      .delete();
  }
}
