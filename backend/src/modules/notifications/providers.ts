// How messages leave: email over SMTP (nodemailer, always with a plain-text part) and SMS through a
// provider interface. In local mode the SMS provider is the sink table and SMTP goes to the
// embedded SMTP sink (sink.ts).
import crypto from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Db } from '../../db';
import type { Clock } from '../../platform/clock';
import * as repo from './notifications.repository';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Our id of the message (the outbox row), sent as a header so a duplicate can be recognised. */
  reference: string;
}

export interface OutgoingSms {
  to: string;
  text: string;
  reference: string;
}

export interface EmailSender {
  send(message: OutgoingEmail): Promise<{ messageId: string }>;
  /** Points the sender at another SMTP server (local mode's sink, once it listens). */
  useServer(url: string): void;
  close(): void;
}

/** An SMS provider (Telnyx and Twilio messaging come later; local mode keeps messages in a table). */
export interface SmsProvider {
  readonly name: string;
  send(message: OutgoingSms): Promise<{ messageId: string }>;
}

/** Email over SMTP. `url` is an smtp:// or smtps:// URL; it may be set after construction (the local sink's port). */
export class SmtpEmailSender implements EmailSender {
  private transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;

  constructor(
    private url: string | undefined,
    private readonly from: string,
  ) {}

  useServer(url: string): void {
    this.transport?.close();
    this.transport = undefined;
    this.url = url;
  }

  async send(message: OutgoingEmail): Promise<{ messageId: string }> {
    if (!this.url) throw new Error('No SMTP server is configured (SMTP_URL)');
    this.transport ??= createTransport({ url: this.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as SMTPTransport.Options);
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      headers: { 'X-Policydesk-Message': message.reference },
    });
    return { messageId: String(info.messageId) };
  }

  close(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}

/** Local mode's SMS provider: every message is kept in the sink table, nothing leaves. */
export class SinkSmsProvider implements SmsProvider {
  readonly name = 'sink';

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async send(message: OutgoingSms): Promise<{ messageId: string }> {
    const messageId = `sms-${crypto.randomUUID()}`;
    await repo.insertSinkMessage(this.db, {
      channel: 'sms',
      sender: null,
      recipient: message.to,
      subject: null,
      text: message.text,
      html: null,
      message_id: messageId,
      raw: null,
      received_at: this.clock.now(),
    });
    return { messageId };
  }
}

/** Production has no SMS provider yet: every SMS fails (and ends as a dead letter an admin sees). */
export class UnconfiguredSmsProvider implements SmsProvider {
  readonly name = 'none';
  send(): Promise<{ messageId: string }> {
    return Promise.reject(new Error('No SMS provider is configured'));
  }
}
