// Local mode's SMTP sink: a real SMTP server (smtp-server) on a free port of 127.0.0.1 that keeps
// every message it receives in notification_sink_messages, parsed (mailparser) for the Outbox page.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../../db';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import * as repo from './notifications.repository';

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

const addressesOf = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? '')).filter(Boolean);

export class SmtpSink {
  private server: SMTPServer | undefined;
  private port: number | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** smtp://127.0.0.1:<port> once started. */
  get url(): string {
    if (!this.port) throw new Error('The SMTP sink is not started');
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      size: MAX_MESSAGE_BYTES,
      banner: 'Policydesk local SMTP sink',
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          this.keep(
            raw,
            session.envelope.rcptTo.map((r) => r.address),
            session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          )
            .then(() => callback())
            .catch((err: Error) => {
              this.logger.error({ err }, 'SMTP sink: storing a message failed');
              callback(err);
            });
        });
      },
    });
    server.on('error', (err) => this.logger.error({ err }, 'SMTP sink error'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    this.logger.info({ url: this.url }, 'SMTP sink listening (local mode: emails are kept, never delivered)');
    return this.url;
  }

  private async keep(raw: Buffer, envelopeTo: string[], envelopeFrom: string | null): Promise<void> {
    const mail = await simpleParser(raw);
    const recipients = envelopeTo.length ? envelopeTo : addressesOf(mail.to);
    const now = this.clock.now();
    for (const recipient of recipients) {
      await repo.insertSinkMessage(this.db, {
        channel: 'email',
        sender: envelopeFrom ?? addressesOf(mail.from)[0] ?? null,
        recipient: recipient.toLowerCase(),
        subject: mail.subject ?? null,
        text: mail.text ?? null,
        html: typeof mail.html === 'string' ? mail.html : null,
        message_id: mail.messageId ?? '',
        raw: raw.toString('utf8'),
        received_at: now,
      });
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.port = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
