// One pooled connection LISTENs to the channels that in-process caches subscribe to; triggers
// announce changes at commit (pg_notify), so every API instance hears them. A cache may serve what
// it holds only while `listening` is true: when the connection drops, every subscriber is reset and
// the caches stay off until it is back.
import type { Knex } from 'knex';
import type pg from 'pg';
import type { Logger } from './logger';

const RECONNECT_MS = 2_000;

export interface ChannelSubscriber {
  /** A change was announced on the channel (payload: what changed, e.g. an id). */
  notify(payload: string): void;
  /** Notifications may have been missed: forget everything. */
  reset(): void;
}

export class DbNotifications {
  private readonly subscribers = new Map<string, ChannelSubscriber[]>();
  private connection: pg.Client | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Knex,
    private readonly logger: Logger,
  ) {}

  /** Call before start(). */
  subscribe(channel: string, subscriber: ChannelSubscriber): void {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), subscriber]);
  }

  get listening(): boolean {
    return this.connection !== undefined;
  }

  async start(): Promise<void> {
    this.stopped = false;
    if (!this.subscribers.size || this.connection) return;
    try {
      const connection = (await this.db.client.acquireConnection()) as pg.Client;
      connection.on('notification', (msg) => {
        for (const s of this.subscribers.get(msg.channel) ?? []) s.notify(msg.payload ?? '');
      });
      connection.on('error', (err) => this.lost(connection, err));
      connection.on('end', () => this.lost(connection));
      for (const channel of this.subscribers.keys()) await connection.query(`LISTEN ${channel}`);
      this.resetAll(); // anything cached before listening is not trusted
      this.connection = connection;
    } catch (err) {
      this.logger.warn({ err }, 'notifications: LISTEN failed; caches are off until it works');
      this.scheduleReconnect();
    }
  }

  private resetAll() {
    for (const list of this.subscribers.values()) for (const s of list) s.reset();
  }

  private lost(connection: pg.Client, err?: Error) {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.resetAll();
    if (!this.stopped) {
      this.logger.warn({ err }, 'notifications: listener connection lost; caches are off until it is back');
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
    this.resetAll();
    if (connection) {
      await connection.query('UNLISTEN *').catch(() => undefined);
      await this.db.client.releaseConnection(connection);
    }
  }
}
