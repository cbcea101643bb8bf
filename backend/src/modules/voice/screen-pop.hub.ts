// The screen pop's server-sent events. Each API instance keeps the streams of the agents connected
// to it, and hears every change of a ringing call from the database (LISTEN voice_ringing: the
// trigger announces the row's id at commit), whichever instance made it — so a call routed by the
// webhook on one instance pops up on the agents of all of them, and a take on one removes it
// everywhere. Nothing here is trusted: a take is decided by the conditional UPDATE. When the LISTEN
// connection drops (notifications may have been missed), each stream gets a fresh `ready` list once
// it is back.
import type { Response } from 'express';
import type { ScreenPopEvent } from '../../contracts/voice';
import type { Actor } from '../../platform/actor';
import type { ChannelSubscriber } from '../../platform/db-notifications';
import type { Logger } from '../../platform/logger';
import { inScope } from '../../platform/scope';
import type { ScreenPop } from './screen-pop.service';

export const SCREEN_POP_CHANNEL = 'voice_ringing';
const HEARTBEAT_MS = 25_000;

interface Stream {
  actor: Actor;
  res: Response;
}

export class ScreenPopHub implements ChannelSubscriber {
  private readonly streams = new Set<Stream>();
  private heartbeat: NodeJS.Timeout | undefined;
  private stale = false;
  private closed = false;

  constructor(
    private readonly pop: ScreenPop,
    private readonly logger: Logger,
  ) {}

  /** Opens an agent's stream: the calls ringing for them now, then every change. */
  async open(actor: Actor, res: Response): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    // Shutting down: end at once, the client reconnects (to another instance).
    if (this.closed) {
      res.end();
      return;
    }
    const stream: Stream = { actor, res };
    this.streams.add(stream);
    res.on('close', () => this.streams.delete(stream));
    this.startHeartbeat();
    await this.ready(stream);
  }

  get size(): number {
    return this.streams.size;
  }

  notify(payload: string): void {
    void this.announce(payload).catch((err: unknown) => this.logger.error({ err, ringingId: payload }, 'screen pop: announcing a ringing call failed'));
  }

  reset(): void {
    // Called when LISTEN starts or drops: what the streams show may be out of date.
    this.stale = true;
    queueMicrotask(() => {
      if (!this.stale) return;
      this.stale = false;
      for (const s of this.streams) void this.ready(s).catch(() => undefined);
    });
  }

  /** (Again) accepting streams: the app started. */
  reopen(): void {
    this.closed = false;
  }

  /** Ends every stream and takes no new one (shutdown). */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const s of this.streams) s.res.end();
    this.streams.clear();
  }

  private async ready(stream: Stream) {
    send(stream.res, { type: 'ready', items: await this.pop.ringingFor(stream.actor) });
  }

  private async announce(id: string) {
    if (!this.streams.size) return;
    const found = await this.pop.view(id);
    if (!found) return;
    const { row, call } = found;
    if (row.status !== 'ringing') {
      const gone: ScreenPopEvent = { type: 'gone', id, status: row.status, takenBy: call.takenBy };
      for (const s of this.streams) send(s.res, gone);
      return;
    }
    const available = await this.pop.availableFor(row.queue);
    for (const s of this.streams) {
      if (available.has(s.actor.userId) && inScope(s.actor, row.branch_id)) send(s.res, { type: 'ringing', call });
    }
  }

  private startHeartbeat() {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      if (!this.streams.size) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
        return;
      }
      for (const s of this.streams) s.res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }
}

function send(res: Response, event: ScreenPopEvent) {
  res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}
