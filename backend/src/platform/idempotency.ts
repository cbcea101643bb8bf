// Idempotency-Key for POSTs that move money (payments, refunds, claim payments, the portal later).
// A route declares `idempotent: '<operation>'`; the route layer checks the header and hands the
// handler an `IdempotencyRequest`; the service runs its effect through `IdempotencyStore.run`, which
// stores the key, the request's hash and the first response in the effect's own transaction.
//
// Concurrency: `run` takes `pg_try_advisory_xact_lock` on a hash of (operation, caller, key) as the
// transaction's first statement. Taken → no one else runs this key now; the next statement (READ
// COMMITTED: a fresh snapshot) sees any earlier request's committed row, because PostgreSQL makes a
// commit visible before it releases the committer's locks. Not taken → 409 at once, never a wait.
// The primary key is the last guard: should two ever race past the lock, the second insert fails
// and its transaction (effect included) rolls back.
//
// Failures: an effect that throws rolls back with its transaction and stores nothing, so a retry
// with the same key runs again. An outcome the client must see replayed (a declined card recorded
// as a failed payment) is a response the effect returns, not an error it throws.
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { withTransaction, type Db, type Trx } from '../db';
import type { Clock } from './clock';
import { AppError, BadRequestError } from './errors';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** Keys are remembered at least this long; the hourly purge forgets them after. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const PURGE_IDEMPOTENCY_KEYS_JOB = 'system.purge-idempotency-keys';

/** What an idempotent route hands its handler: the checked key, its scope and the request's hash. */
export interface IdempotencyRequest {
  /** The route's declared operation, e.g. `payments.create`. */
  operation: string;
  /** The caller the key belongs to: another caller's identical key is another key. */
  actorId: string;
  key: string;
  /** SHA-256 of method, path, query and canonical body (`requestFingerprint`). */
  fingerprint: string;
}

/** What an effect answers; stored as is and replayed on a retry. */
export interface IdempotentResponse<B = unknown> {
  status: number;
  body: B;
  /** The Location header of a created resource. */
  location?: string;
}

export interface IdempotentOutcome<B = unknown> extends IdempotentResponse<B> {
  /** True when this is the stored answer of an earlier request (the effect did not run). */
  replayed: boolean;
}

const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** 1 to 255 printable ASCII characters (space to tilde). */
export const isValidIdempotencyKey = (key: string) => KEY_PATTERN.test(key);

/** Reads the Idempotency-Key header: missing → 400 IDEMPOTENCY_KEY_REQUIRED, malformed or repeated → 400 IDEMPOTENCY_KEY_INVALID. */
export function readIdempotencyKey(req: Request): string {
  const values = req.headersDistinct['idempotency-key'];
  if (!values)
    throw new BadRequestError('IDEMPOTENCY_KEY_REQUIRED', `This operation needs an ${IDEMPOTENCY_KEY_HEADER} header: a unique value per intended operation, reused on retries.`);
  if (values.length !== 1 || !isValidIdempotencyKey(values[0]!)) {
    throw new BadRequestError('IDEMPOTENCY_KEY_INVALID', `Send one ${IDEMPOTENCY_KEY_HEADER} of 1 to 255 printable ASCII characters.`);
  }
  return values[0]!;
}

/** JSON with every object's keys sorted, so two spellings of one body hash the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The request's identity for "same key, same request?": method, concrete path, query and body. */
export function requestFingerprint(request: { method: string; path: string; query: unknown; body: unknown }): string {
  const text = canonicalJson([request.method.toUpperCase(), request.path, request.query ?? {}, request.body ?? null]);
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The advisory lock of one scoped key: 64 bits of SHA-256 over its length-prefixed parts. */
export function idempotencyLockKey(scope: { operation: string; actorId: string; key: string }): string {
  const hash = crypto.createHash('sha256').update('idempotency');
  for (const part of [scope.operation, scope.actorId, scope.key]) hash.update(`\0${part.length}:${part}`);
  return hash.digest().readBigInt64BE(0).toString();
}

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, 'IDEMPOTENCY_KEY_REUSED', 'Unprocessable request', `This ${IDEMPOTENCY_KEY_HEADER} was already used for a different request; use a new key for a new operation.`);
  }
}

interface KeyRow {
  request_hash: string;
  response_status: number;
  response_body: unknown;
  response_location: string | null;
}

export class IdempotencyStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ttlMs = IDEMPOTENCY_KEY_TTL_MS,
  ) {}

  /**
   * Runs `effect` once per (operation, caller, key) in one transaction with the key's record.
   * Same request again → the stored response, `replayed: true`, effect not run; a different request
   * → 422 IDEMPOTENCY_KEY_REUSED; the first still running → 409 IDEMPOTENCY_KEY_IN_FLIGHT.
   * The effect must keep every write on `trx` (side effects through the job outbox).
   */
  run<B>(request: IdempotencyRequest, effect: (trx: Trx) => Promise<IdempotentResponse<B>>): Promise<IdempotentOutcome<B>> {
    const scope = { operation: request.operation, actor_id: request.actorId, key: request.key };
    // READ COMMITTED (explicitly): each statement after the lock must see what committed before it.
    return withTransaction(
      this.db,
      async (trx) => {
        const { rows } = await trx.raw<{ rows: { locked: boolean }[] }>('SELECT pg_try_advisory_xact_lock(?::bigint) AS locked', [idempotencyLockKey(request)]);
        if (!rows[0]!.locked) throw inFlight();
        const stored = await trx<KeyRow>('idempotency_keys').where(scope).first('request_hash', 'response_status', 'response_body', 'response_location');
        if (stored) {
          if (stored.request_hash !== request.fingerprint) throw new IdempotencyKeyReusedError();
          return { status: stored.response_status, body: stored.response_body as B, location: stored.response_location ?? undefined, replayed: true };
        }
        const response = await effect(trx);
        const now = this.clock.now();
        const inserted = await trx('idempotency_keys')
          .insert({
            ...scope,
            request_hash: request.fingerprint,
            response_status: response.status,
            response_body: JSON.stringify(response.body ?? null),
            response_location: response.location ?? null,
            created_at: now,
            expires_at: new Date(now.getTime() + this.ttlMs),
          })
          .onConflict(['operation', 'actor_id', 'key'])
          .ignore()
          .returning('key');
        // Someone slipped past the lock (should not happen): undo this effect rather than doubling it.
        if (inserted.length === 0) throw inFlight();
        return { ...response, replayed: false };
      },
      { isolationLevel: 'read committed' },
    );
  }

  /** Deletes keys past their expiry, in batches (the scheduled job's work). Returns how many. */
  async purgeExpired(batchSize = 5_000): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (;;) {
      const deleted = await this.db.raw<{ rowCount: number }>(
        `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)`,
        [now, batchSize],
      );
      total += deleted.rowCount;
      if (deleted.rowCount < batchSize) return total;
    }
  }
}

const inFlight = () =>
  new AppError(409, 'IDEMPOTENCY_KEY_IN_FLIGHT', 'Conflict', `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry shortly.`, {}, { 'Retry-After': '1' });

/** Sends an idempotent outcome: its status, Location and body, with `Idempotent-Replayed: true` on a replay. */
export function sendIdempotent(res: Response, outcome: IdempotentOutcome): void {
  if (outcome.location) res.location(outcome.location);
  if (outcome.replayed) res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  res.status(outcome.status).json(outcome.body);
}
