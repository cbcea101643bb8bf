// Where read-only work runs: the streaming replica (DATABASE_REPLICA_URL) when there is one, it is
// up, it is not lagging beyond DATABASE_REPLICA_MAX_LAG_MS and it has replayed the caller's own
// last write; otherwise the primary. Modules ask for it by name — `reads.run(actor, (db) => …)` —
// for search, the 360° view's history sections, dashboards, reports and exports. Writes, and reads
// inside a write's transaction, never come here: they use `db` / their transaction.
//
// Read-your-writes: after a user's write request, the response carries the primary's WAL position
// (pg_current_wal_insert_lsn after the commit) in the header Policydesk-Read-After and the cookie
// pd_read_after; the console's and any API client's next requests send it back (the cookie goes by
// itself), whichever instance they reach — no instance keeps it. A read with such a position waits
// (at most DATABASE_REPLICA_READ_WAIT_MS) until the replica has replayed past it
// (pg_last_wal_replay_lsn), then goes to the primary if it has not.
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../db';
import type { Actor } from './actor';
import type { Logger } from './logger';

export type ReplicaState = 'none' | 'up' | 'down' | 'lagging' | 'not_standby';

export interface ReplicaStatus {
  state: ReplicaState;
  /** How far behind the replica was at the last check (ms), when known. */
  lagMs?: number;
  /** The last WAL position the replica had replayed at the last check. */
  replayLsn?: string;
}

export interface ReadRouterOptions {
  /** A replica further behind than this is skipped (ms). */
  maxLagMs?: number;
  /** How long a read after the caller's own write waits for the replica to catch up before it goes to the primary (ms). */
  readWaitMs?: number;
  /** The replica's state is checked at most this often (ms); a failed read on it marks it down at once. */
  checkIntervalMs?: number;
  logger?: Logger;
}

const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
export const READ_AFTER_HEADER = 'Policydesk-Read-After';
export const READ_AFTER_COOKIE = 'pd_read_after';

/** An LSN `X/Y` as a number, for comparing. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/** Errors after which the replica is taken as unavailable and the read runs on the primary instead. */
function replicaUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string };
  if (e?.name === 'KnexTimeoutError') return true;
  if (typeof e?.code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|08\w{3}|57P0[123])$/.test(e.code)) return true;
  // A standby cancels a query that conflicts with WAL replay (SQLSTATE 40001): the primary answers instead.
  if (e?.code === '40001' && /conflict with recovery/i.test(e.message ?? '')) return true;
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

export class ReadRouter {
  private readonly maxLagMs: number;
  private readonly readWaitMs: number;
  private readonly checkIntervalMs: number;
  private current: ReplicaStatus;
  private checkedAt = 0;
  private checking: Promise<ReplicaStatus> | undefined;
  /** The replica held everything the primary had written at this moment (ms since epoch). */
  private caughtUpAt = Date.now();
  private previousPrimary: { lsn: bigint; at: number } | undefined;

  constructor(
    private readonly primary: Db,
    private readonly replica?: Db,
    options: ReadRouterOptions = {},
  ) {
    this.maxLagMs = options.maxLagMs ?? 5_000;
    this.readWaitMs = options.readWaitMs ?? 250;
    this.checkIntervalMs = options.checkIntervalMs ?? 1_000;
    this.logger = options.logger;
    this.current = { state: replica ? 'down' : 'none' };
  }

  private readonly logger: Logger | undefined;

  /** True when a replica is configured. */
  get enabled(): boolean {
    return !!this.replica;
  }

  /**
   * Runs the read `fn` on the replica when it may serve `actor` now (see the file's header), else
   * on the primary. A replica failing the read (gone, conflict with replay) retries it on the primary.
   */
  async run<T>(actor: Pick<Actor, 'readAfter'> | null | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
    const replica = await this.replicaFor(actor?.readAfter);
    if (!replica) return fn(this.primary);
    try {
      return await fn(replica);
    } catch (err) {
      if (!replicaUnavailable(err)) throw err;
      this.markDown(err);
      return fn(this.primary);
    }
  }

  /** The database `actor`'s read would use now (the replica or the primary); `run` is preferred (it falls back on failure). */
  async dbFor(actor: Pick<Actor, 'readAfter'> | null | undefined): Promise<Db> {
    return (await this.replicaFor(actor?.readAfter)) ?? this.primary;
  }

  /** The primary's WAL position now: a committed write is at or before it. */
  async primaryPosition(): Promise<string> {
    const { rows } = await this.primary.raw<{ rows: { lsn: string }[] }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    return rows[0]!.lsn;
  }

  /** The replica's state for /readyz (checked again when the last check is older than the interval). */
  async status(): Promise<ReplicaStatus> {
    if (!this.replica) return this.current;
    return this.refresh();
  }

  private async replicaFor(readAfter: string | undefined): Promise<Db | undefined> {
    if (!this.replica) return undefined;
    const status = await this.refresh();
    if (status.state !== 'up') return undefined;
    if (!readAfter || !LSN.test(readAfter)) return this.replica;
    if (status.replayLsn && lsnValue(status.replayLsn) >= lsnValue(readAfter)) return this.replica;
    return (await this.waitForReplay(readAfter)) ? this.replica : undefined;
  }

  /** Polls the replica until it has replayed `lsn`, for at most readWaitMs. */
  private async waitForReplay(lsn: string): Promise<boolean> {
    const deadline = Date.now() + this.readWaitMs;
    try {
      for (;;) {
        const { rows } = await withTimeout(
          this.replica!.raw<{ rows: { done: boolean | null; replay: string | null }[] }>(
            'SELECT pg_last_wal_replay_lsn() >= ?::pg_lsn AS done, pg_last_wal_replay_lsn()::text AS replay',
            [lsn],
          ),
          Math.max(50, deadline - Date.now()),
        );
        if (rows[0]?.done) {
          this.current = { ...this.current, replayLsn: rows[0].replay ?? this.current.replayLsn };
          return true;
        }
        if (Date.now() + 5 > deadline) return false;
        await new Promise((r) => setTimeout(r, 5));
      }
    } catch (err) {
      if (replicaUnavailable(err)) this.markDown(err);
      return false;
    }
  }

  private markDown(err: unknown) {
    if (this.current.state !== 'down') this.logger?.warn({ err }, 'read replica unavailable: reads go to the primary');
    this.current = { state: 'down' };
    this.checkedAt = Date.now();
  }

  private refresh(): Promise<ReplicaStatus> {
    if (Date.now() - this.checkedAt < this.checkIntervalMs) return Promise.resolve(this.current);
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async check(): Promise<ReplicaStatus> {
    // A replica that does not answer within a second counts as down until the next check.
    const budget = 1_000;
    let next: ReplicaStatus;
    try {
      const [primaryRows, replicaRows] = await withTimeout(
        Promise.all([
          this.primary.raw<{ rows: { lsn: string }[] }>('SELECT pg_current_wal_insert_lsn()::text AS lsn'),
          this.replica!.raw<{ rows: { standby: boolean; replay: string | null }[] }>('SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replay'),
        ]),
        budget,
      );
      const now = Date.now();
      const { standby, replay } = replicaRows.rows[0]!;
      if (!standby || !replay) {
        next = { state: 'not_standby' };
      } else {
        const primaryLsn = lsnValue(primaryRows.rows[0]!.lsn);
        const replayed = lsnValue(replay);
        // The replica holds all the primary had now, or at the previous check, or as of the last time it did.
        if (replayed >= primaryLsn) this.caughtUpAt = now;
        else if (this.previousPrimary && replayed >= this.previousPrimary.lsn) this.caughtUpAt = Math.max(this.caughtUpAt, this.previousPrimary.at);
        this.previousPrimary = { lsn: primaryLsn, at: now };
        const lagMs = now - this.caughtUpAt;
        next = { state: lagMs > this.maxLagMs ? 'lagging' : 'up', lagMs, replayLsn: replay };
      }
    } catch (err) {
      if (this.current.state !== 'down') this.logger?.warn({ err }, 'read replica unavailable: reads go to the primary');
      next = { state: 'down' };
    }
    if (next.state !== this.current.state && next.state !== 'down') this.logger?.info({ replica: next }, 'read replica state');
    this.current = next;
    this.checkedAt = Date.now();
    return next;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * Installed on /api after authentication. A read (GET/HEAD) of a known caller takes the WAL position
 * the client sends back (header, else cookie) as `actor.readAfter`. A write's successful answer
 * waits for the primary's WAL position (after the service committed) and carries it back. Nothing
 * happens without a replica.
 */
export function readYourWrites(reads: ReadRouter, { secureCookie }: { secureCookie: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!reads.enabled || !req.actor) return next();
    if (req.method === 'GET' || req.method === 'HEAD') {
      const sent = req.get(READ_AFTER_HEADER) ?? cookieValue(req.headers.cookie, READ_AFTER_COOKIE);
      if (sent && LSN.test(sent)) req.actor.readAfter = sent.toUpperCase();
      return next();
    }
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (res.headersSent || res.statusCode >= 400) return end(...args);
      res.locals.endPending = true;
      reads
        .primaryPosition()
        .then((lsn) => {
          if (res.headersSent) return;
          res.setHeader(READ_AFTER_HEADER, lsn);
          res.cookie(READ_AFTER_COOKIE, lsn, { httpOnly: true, sameSite: 'strict', secure: secureCookie, path: '/api', maxAge: 10 * 60_000 });
        })
        .catch(() => undefined)
        .finally(() => end(...args));
      return res;
    }) as typeof res.end;
    next();
  };
}
