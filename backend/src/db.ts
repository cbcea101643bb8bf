// The knex instance, pg type parsers and the transaction helper every service uses.
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { isRetryableTransactionError } from './platform/db-errors';
import type { Logger } from './platform/logger';

export type Db = Knex;
export type Trx = Knex.Transaction;
/** Repositories take either the root instance or a transaction as their first argument. */
export type DbOrTrx = Knex | Knex.Transaction;

// int8 (counts, money in minor units) → number; refuse silently losing precision.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${v} exceeds the safe integer range`);
  return n;
});
// numeric stays a string: rates and factors are computed with decimal arithmetic, never floats.
// date → 'YYYY-MM-DD' string: a business date has no time zone to shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface DbOptions {
  url: string;
  poolMax?: number;
  /** Statement timeout in ms for every pooled connection (protects the pool from runaway queries). */
  statementTimeoutMs?: number;
  applicationName?: string;
  /** How long opening a connection may take (ms). */
  connectTimeoutMs?: number;
  /** Where knex's own warnings go (otherwise it prints to the console). */
  logger?: Logger;
}

export function createDb({ url, poolMax = 10, statementTimeoutMs = 30_000, applicationName = 'policydesk', connectTimeoutMs = 5_000, logger }: DbOptions): Db {
  const log = (level: 'warn' | 'error' | 'debug') => (message: unknown) => logger?.[level]({ knex: String(message) }, 'knex');
  return knex({
    log: { warn: log('warn'), error: log('error'), debug: log('debug'), deprecate: log('warn') },
    client: 'pg',
    connection: {
      connectionString: url,
      application_name: applicationName,
      statement_timeout: statementTimeoutMs,
      connectionTimeoutMillis: connectTimeoutMs,
    },
    pool: {
      min: 0,
      max: poolMax,
      acquireTimeoutMillis: 10_000,
      // Every session speaks UTC (business dates are computed by the Clock). JIT compilation is off:
      // it costs hundreds of milliseconds on short, frequent queries and pays off only in reporting.
      afterCreate(conn: pg.Client, done: (err: Error | null, conn: pg.Client) => void) {
        conn.query("SET TIME ZONE 'UTC'; SET jit = off", (err) => done(err, conn));
      },
    },
  });
}

/** Attempts in all: the first try and up to three retries on serialization failure or deadlock. */
export const MAX_TRANSACTION_ATTEMPTS = 4;

/**
 * Runs `fn` in one transaction. Serialization failures and deadlocks (40001, 40P01) retry the whole
 * function up to three times; after that the error reaches the error handler, which answers 409.
 * `fn` must therefore have no side effects outside the transaction (use the job outbox for those).
 */
export async function withTransaction<T>(
  db: Db,
  fn: (trx: Trx) => Promise<T>,
  options: { isolationLevel?: 'read committed' | 'repeatable read' | 'serializable' } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn, options);
    } catch (err) {
      if (!isRetryableTransactionError(err) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw err;
      // Small jittered back-off so the competing transaction can finish first.
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}

/**
 * Runs one read as a named prepared statement on a pooled connection: PostgreSQL plans it once per
 * connection instead of on every call (planning is most of the cost of a short, frequent read). For
 * hot reads outside a transaction only; `name` must be unique to `text`.
 */
export async function preparedQuery<R extends Record<string, unknown>>(db: Db, name: string, text: string, values: unknown[]): Promise<R[]> {
  const connection = (await db.client.acquireConnection()) as pg.Client;
  try {
    return (await connection.query<R>({ name, text, values })).rows;
  } finally {
    await db.client.releaseConnection(connection);
  }
}
