// Caches what an access token needs checked on every request (user active, token version, session
// live, role and branches), so most requests skip that query. It is trustworthy only while this
// instance LISTENs to 'auth_changed' (a trigger announces every change that can end or narrow
// access, at commit): without the listener, nothing is served from the cache.
import type { Knex } from 'knex';
import type pg from 'pg';
import type { Logger } from '../../platform/logger';
import type { TokenSubject } from './identity.repository';

const TTL_MS = 60_000;
const RECONNECT_MS = 2_000;

export class TokenSubjectCache {
  private readonly entries = new Map<string, { subject: TokenSubject; until: number }>();
  /** Bumped on every invalidation of a user; a load that raced with one is not stored. */
  private readonly generations = new Map<string, number>();
  private connection: pg.Client | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Knex,
    private readonly logger: Logger,
  ) {}

  get listening(): boolean {
    return this.connection !== undefined;
  }

  generation(userId: string): number {
    return this.generations.get(userId) ?? 0;
  }

  get(userId: string, sessionId: string): TokenSubject | undefined {
    if (!this.listening) return undefined;
    const hit = this.entries.get(`${userId}:${sessionId}`);
    if (!hit || hit.until < Date.now()) return undefined;
    return hit.subject;
  }

  /** Stores a subject loaded when the user's generation was `generation`, unless it moved since. */
  put(subject: TokenSubject, sessionId: string, generation: number): void {
    if (!this.listening || this.generation(subject.id) !== generation) return;
    this.entries.set(`${subject.id}:${sessionId}`, { subject, until: Date.now() + TTL_MS });
  }

  invalidate(userId: string): void {
    this.generations.set(userId, this.generation(userId) + 1);
    for (const key of this.entries.keys()) if (key.startsWith(`${userId}:`)) this.entries.delete(key);
  }

  private clear(): void {
    this.entries.clear();
    for (const userId of this.generations.keys()) this.invalidate(userId);
  }

  /** Takes one pooled connection for LISTEN; reconnects (with an empty cache) when it drops. */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      const connection = (await this.db.client.acquireConnection()) as pg.Client;
      connection.on('notification', (msg) => {
        if (msg.channel === 'auth_changed' && msg.payload) this.invalidate(msg.payload);
      });
      connection.on('error', (err) => this.lost(connection, err));
      connection.on('end', () => this.lost(connection));
      await connection.query('LISTEN auth_changed');
      this.connection = connection;
    } catch (err) {
      this.logger.warn({ err }, 'token cache: LISTEN failed; checking every token against the database');
      this.scheduleReconnect();
    }
  }

  private lost(connection: pg.Client, err?: Error) {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.clear();
    if (!this.stopped) {
      this.logger.warn({ err }, 'token cache: listener connection lost; cache off until it is back');
      void this.db.client.releaseConnection(connection).catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect() {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.start();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = undefined;
    this.entries.clear();
    if (connection) {
      await connection.query('UNLISTEN *').catch(() => undefined);
      await this.db.client.releaseConnection(connection);
    }
  }
}
