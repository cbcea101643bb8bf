// The outbox: `enqueue` writes a message in the caller's transaction (a rollback leaves nothing);
// `sendDue` (the notifications.send job) claims due messages with a lease, sends them and records
// the outcome — sent, failed with a backoff, or dead after the last attempt.
import type { OutboxListQuery, OutboxMessage, SinkListQuery, SinkMessage } from '../../contracts/notifications';
import type { Page } from '../../contracts/common';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { CustomerContact, CustomerProfiles } from '../customers/customer-profiles';
import * as repo from './notifications.repository';
import type { OutboxRow } from './notifications.repository';
import type { EmailSender, SmsProvider } from './providers';
import { outsideQuietHours } from './quiet-hours';
import { RETRY, backoffMs, render } from './templates';
import { parseReceipt } from './delivery-receipts';

export const DEFAULT_LANGUAGE = 'en';

export interface EnqueueInput {
  /**
   * `preferred`: the customer's own choice (customerId required) — a text when they prefer texts,
   * else an email — falling back to the other channel when they have no address on the first.
   */
  channel: 'email' | 'sms' | 'preferred';
  /** The template key, e.g. `payment-receipt`. */
  template: string;
  /** The address or E.164 number; without it, the customer's email or phone (customerId required). */
  recipient?: string;
  /** The template's variables. */
  data: Record<string, string | number>;
  /** Unique per message: the same key again returns the first message and writes nothing. */
  idempotencyKey: string;
  customerId?: string;
  purpose: 'service' | 'marketing';
  /** Two-letter code; falls back to English when the template has no such language. */
  language?: string;
}

export type EnqueueResult =
  | { queued: true; created: boolean; message: repo.OutboxRow }
  /** Nothing written: the customer has no address on this channel, or no consent to marketing. */
  | { queued: false; reason: 'no_recipient' | 'no_marketing_consent' };

export interface SendOptions {
  /** How long a claimed message is this worker's before another may take it (the crash case). */
  leaseMs?: number;
  batchSize?: number;
  /** Stop after this many messages in one run (the next run continues). */
  maxMessages?: number;
}

export interface SendReport {
  sent: number;
  failed: number;
  dead: number;
  /** Outcomes not recorded because the lease ran out and another worker had taken the message. */
  superseded: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const outcomeOf = (r: { rank: number; error: string | null; status: string }) =>
  r.rank < 4 ? ('progress' as const) : ['delivered', 'read'].includes(r.status) ? ('delivered' as const) : ('undelivered' as const);

export const toOutboxDto = (r: repo.OutboxRow): OutboxMessage => ({
  id: r.id,
  channel: r.channel,
  template: r.template_key,
  templateVersion: r.template_version,
  language: r.language,
  recipient: r.recipient,
  data: r.data,
  idempotencyKey: r.idempotency_key,
  customerId: r.customer_id,
  purpose: r.purpose,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at.toISOString(),
  sendingUntil: iso(r.sending_until),
  providerMessageId: r.provider_message_id,
  lastError: r.last_error,
  createdAt: r.created_at.toISOString(),
  sentAt: iso(r.sent_at),
  deliveredAt: iso(r.delivered_at),
});

const toSinkDto = (r: repo.SinkRow): SinkMessage => ({
  id: Number(r.id),
  channel: r.channel,
  sender: r.sender,
  recipient: r.recipient,
  subject: r.subject,
  text: r.text,
  html: r.html,
  messageId: r.message_id,
  receivedAt: r.received_at.toISOString(),
});

export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly customers: CustomerProfiles,
    private readonly email: EmailSender,
    private readonly sms: SmsProvider,
  ) {}

  /**
   * A service message to a customer on their preferred channel (`enqueue` with `channel: 'preferred'`),
   * addressed by name: `customerName` is filled from the customer's record. The one way modules tell a
   * customer about their own policy, payment or claim.
   */
  /** The variables a template key declares (null: no such key), for modules that let people pick a template (dunning plans). */
  async templateVariables(db: DbOrTrx, key: string): Promise<string[] | null> {
    return (await repo.findTemplateKey(db, key))?.variables ?? null;
  }

  async tellCustomer(trx: Trx, input: { customerId: string; template: string; data: Record<string, string | number>; idempotencyKey: string }): Promise<EnqueueResult> {
    const contact = await this.contactOf(trx, input.customerId);
    return this.enqueueFor(
      trx,
      {
        channel: 'preferred',
        template: input.template,
        customerId: input.customerId,
        data: { customerName: contact.name, ...input.data },
        idempotencyKey: input.idempotencyKey,
        purpose: 'service',
      },
      contact,
    );
  }

  /**
   * Writes a message to the outbox in the caller's transaction, rendered later from the template
   * version current now. A customer without an address on the channel gets nothing (`queued: false`).
   * The same idempotency key again returns the message already written.
   */
  enqueue(trx: Trx, input: EnqueueInput): Promise<EnqueueResult> {
    return this.enqueueFor(trx, input);
  }

  /** `enqueue`, with the customer's contact when the caller has read it (each statement here is on the caller's hot path). */
  private async enqueueFor(trx: Trx, input: EnqueueInput, known?: CustomerContact): Promise<EnqueueResult> {
    let contact = known;
    const contactOf = async (customerId: string) => (contact ??= await this.contactOf(trx, customerId));
    if (input.channel === 'preferred') {
      if (!input.customerId) throw new Error('A message on the preferred channel needs a customer');
      const { preferredChannel } = await contactOf(input.customerId);
      const order: ('email' | 'sms')[] = preferredChannel === 'sms' ? ['sms', 'email'] : ['email', 'sms'];
      let result: EnqueueResult | undefined;
      for (const channel of order) {
        // A message with no template on a channel (an email-only letter) goes by the other.
        const template = await this.templateFor(trx, input.template, channel, input.language);
        if (!template) continue;
        result = await this.write(trx, { ...input, channel }, template, contact);
        if (result.queued || result.reason === 'no_marketing_consent') return result;
      }
      return result ?? this.alreadyWritten(trx, input.idempotencyKey, 'no_recipient');
    }
    const template = await this.templateFor(trx, input.template, input.channel, input.language);
    if (!template) throw new Error(`No ${input.channel} template ${input.template}`);
    return this.write(trx, { ...input, channel: input.channel }, template, contact);
  }

  private async write(trx: Trx, input: EnqueueInput & { channel: 'email' | 'sms' }, template: repo.TemplateRow, known?: CustomerContact): Promise<EnqueueResult> {
    const { channel } = input;
    let recipient = input.recipient?.trim();
    if (input.customerId && (!recipient || input.purpose === 'marketing')) {
      const contact = known ?? (await this.contactOf(trx, input.customerId));
      if (input.purpose === 'marketing' && !contact.consentMarketing) return this.alreadyWritten(trx, input.idempotencyKey, 'no_marketing_consent');
      recipient ||= (channel === 'email' ? contact.email : contact.phone) ?? undefined;
    }
    if (!recipient) {
      if (!input.customerId) throw new Error('A message needs a recipient or a customer');
      return this.alreadyWritten(trx, input.idempotencyKey, 'no_recipient');
    }
    render(template, input.data); // every placeholder has its value, or the caller's transaction fails now, not the send later
    const now = this.clock.now();
    const row = await repo.insertIfNew(trx, {
      channel,
      template_key: template.key,
      template_version: template.version,
      language: template.language,
      recipient,
      data: input.data,
      idempotency_key: input.idempotencyKey,
      customer_id: input.customerId ?? null,
      purpose: input.purpose,
      // No text message at night: it waits for the morning.
      next_attempt_at: this.sendableAt(channel, now),
      created_at: now,
      updated_at: now,
    });
    // The key was written before (a retry), or by another transaction that committed first.
    if (!row) return { queued: true, created: false, message: (await repo.findByIdempotencyKey(trx, input.idempotencyKey))! };
    return { queued: true, created: true, message: row };
  }

  /** Nothing to write now — unless a message with this key was written before, which the caller gets back as it is. */
  private async alreadyWritten(trx: Trx, idempotencyKey: string, reason: 'no_recipient' | 'no_marketing_consent'): Promise<EnqueueResult> {
    const existing = await repo.findByIdempotencyKey(trx, idempotencyKey);
    return existing ? { queued: true, created: false, message: existing } : { queued: false, reason };
  }

  /** The current version in the language asked for, else in the default language. */
  private async templateFor(db: DbOrTrx, key: string, channel: 'email' | 'sms', language = DEFAULT_LANGUAGE): Promise<repo.TemplateRow | undefined> {
    return (await repo.currentTemplate(db, key, channel, language)) ?? (language === DEFAULT_LANGUAGE ? undefined : repo.currentTemplate(db, key, channel, DEFAULT_LANGUAGE));
  }

  private async contactOf(db: DbOrTrx, customerId: string): Promise<CustomerContact> {
    const contact = await this.customers.contactOf(db, customerId);
    if (!contact) throw new Error(`Customer ${customerId} does not exist`);
    return contact;
  }

  /**
   * Withdraws, in the caller's transaction, the customer's messages not yet sent whose idempotency key
   * is one of `keys` or starts with one of `keyPrefixes` (e.g. an invoice's reminder and dunning
   * messages when the invoice is voided): status `withdrawn` (final), `reason` kept as the last error.
   * A message already handed to a provider (or being handed now) cannot be recalled. Returns how many.
   */
  async withdraw(trx: Trx, input: { customerId: string; keys?: string[]; keyPrefixes?: string[]; reason: string }): Promise<number> {
    const ids = await repo.withdrawUnsent(
      trx,
      { customerId: input.customerId, keys: input.keys ?? [], keyPrefixes: input.keyPrefixes ?? [] },
      `Withdrawn: ${input.reason}`.slice(0, 1000),
      this.clock.now(),
    );
    return ids.length;
  }

  /**
   * Sends what is due. Each batch is claimed in a short transaction of its own (FOR UPDATE SKIP
   * LOCKED: two workers never take the same row), sent outside any transaction, and each outcome is
   * recorded only if this worker still holds the row. A worker that dies after sending and before
   * recording leaves the row `sending`; when its lease ends the row is taken again — at most one
   * duplicate per lease, never a lost message.
   */
  async sendDue(options: SendOptions = {}): Promise<SendReport> {
    const leaseMs = options.leaseMs ?? 5 * 60_000;
    const batchSize = options.batchSize ?? 50;
    const maxMessages = options.maxMessages ?? 5_000;
    const report: SendReport = { sent: 0, failed: 0, dead: 0, superseded: 0 };
    report.dead += await repo.buryExpired(this.db, this.clock.now(), RETRY.maxAttempts);
    let handled = 0;
    while (handled < maxMessages) {
      const now = this.clock.now();
      const batch = await repo.claimDue(this.db, now, new Date(now.getTime() + leaseMs), Math.min(batchSize, maxMessages - handled), RETRY.maxAttempts);
      if (!batch.length) break;
      handled += batch.length;
      for (const row of batch) {
        const outcome = await this.attempt(row);
        report[outcome]++;
      }
    }
    return report;
  }

  /** When a message on `channel` due at `at` may go: a text not in the customer's night (quiet-hours.ts). */
  private sendableAt(channel: 'email' | 'sms', at: Date): Date {
    return channel === 'sms' ? outsideQuietHours(at, this.clock.businessTimeZone) : at;
  }

  /** Claims due messages without sending them (what a worker that dies at once leaves behind; tests). */
  claim(limit: number, leaseMs: number): Promise<repo.OutboxRow[]> {
    const now = this.clock.now();
    return repo.claimDue(this.db, now, new Date(now.getTime() + leaseMs), limit, RETRY.maxAttempts);
  }

  /** Sends one claimed message through its channel: the provider's message id. */
  async deliver(row: repo.OutboxRow): Promise<string> {
    const template = await repo.templateVersion(this.db, row.template_key, row.channel, row.language, row.template_version);
    if (!template) throw new Error(`Template ${row.template_key} v${row.template_version} is missing`);
    const rendered = render(template, row.data);
    const sent =
      row.channel === 'email'
        ? await this.email.send({ to: row.recipient, subject: rendered.subject ?? '', text: rendered.text, html: rendered.html, reference: row.id })
        : await this.sms.send({ to: row.recipient, text: rendered.text, reference: row.id });
    return sent.messageId;
  }

  private async attempt(row: repo.OutboxRow): Promise<'sent' | 'failed' | 'dead' | 'superseded'> {
    let messageId: string;
    try {
      messageId = await this.deliver(row);
    } catch (err) {
      const now = this.clock.now();
      const dead = row.attempts >= RETRY.maxAttempts;
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      const recorded = await repo.recordOutcome(this.db, row.id, row.attempts, {
        status: dead ? 'dead' : 'failed',
        last_error: error,
        next_attempt_at: dead ? row.next_attempt_at : this.sendableAt(row.channel, new Date(now.getTime() + backoffMs(row.attempts))),
        updated_at: now,
      });
      this.logger.warn({ messageId: row.id, attempts: row.attempts, dead, err: error }, 'notification: sending failed');
      return recorded ? (dead ? 'dead' : 'failed') : 'superseded';
    }
    const now = this.clock.now();
    const recorded = await repo.recordOutcome(this.db, row.id, row.attempts, { status: 'sent', provider_message_id: messageId, sent_at: now, last_error: null, updated_at: now });
    if (recorded && row.channel === 'sms') {
      // A receipt that came before the sending was recorded (a fast provider) applies now.
      const early = await repo.furthestReceipt(this.db, messageId);
      if (early) await repo.applyReceipt(this.db, messageId, { rank: early.rank, outcome: outcomeOf(early), error: early.error }, now);
    }
    return recorded ? 'sent' : 'superseded';
  }

  /**
   * A messaging provider's delivery receipt (its signature checked by the webhook route): stored once
   * by (provider, message id, status) — a retry changes nothing — and the SMS moved forward to
   * `delivered` or `undelivered` (a receipt of lower rank, arriving late, changes nothing). A receipt
   * for a message whose sending is not recorded yet is kept and applied when it is.
   */
  async recordReceipt(provider: 'telnyx' | 'twilio', rawBody: Buffer, contentType: string | undefined): Promise<{ stored: boolean; status: OutboxRow['status'] | null } | null> {
    const receipt = parseReceipt(provider, rawBody, contentType);
    if (!receipt) return null;
    const text = rawBody.toString('utf8');
    const params: Record<string, unknown> = /json/i.test(contentType ?? '') ? (JSON.parse(text) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(text));
    return withTransaction(this.db, async (trx) => {
      const now = this.clock.now();
      const stored = await repo.insertReceipt(trx, {
        provider,
        provider_message_id: receipt.messageId,
        status: receipt.status,
        rank: receipt.rank,
        error: receipt.error,
        params,
        received_at: now,
      });
      if (stored) await repo.applyReceipt(trx, receipt.messageId, receipt, now);
      const message = await trx<OutboxRow>('notification_outbox').where({ channel: 'sms', provider_message_id: receipt.messageId }).first('status');
      return { stored, status: message?.status ?? null };
    });
  }

  async list(query: OutboxListQuery): Promise<Page<OutboxMessage>> {
    const { items, nextCursor } = await repo.listMessages(this.db, query, query);
    return { items: items.map(toOutboxDto), nextCursor };
  }

  async sinkMessages(query: SinkListQuery): Promise<Page<SinkMessage>> {
    const { items, nextCursor } = await repo.listSinkMessages(this.db, { channel: query.channel, recipient: query.recipient?.toLowerCase() }, query);
    return { items: items.map(toSinkDto), nextCursor };
  }

  /** Sends email through this SMTP server from now on (local mode's embedded sink). */
  useSmtpServer(url: string): void {
    this.email.useServer(url);
  }

  /** Closes the SMTP connections (shutdown). */
  close(): void {
    this.email.close();
  }
}
