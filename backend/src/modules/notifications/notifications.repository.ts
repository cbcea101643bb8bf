// SQL of the outbox, the templates and the local sinks.
import type { DbOrTrx } from '../../db';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { atKeySql, timelineWindow, type TimelineEntry, type TimelineWindow } from '../../platform/timeline';

export type Channel = 'email' | 'sms';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'dead' | 'withdrawn';

export interface OutboxRow {
  id: string;
  channel: Channel;
  template_key: string;
  template_version: number;
  language: string;
  recipient: string;
  data: Record<string, unknown>;
  idempotency_key: string;
  customer_id: string | null;
  purpose: 'service' | 'marketing';
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  sending_until: Date | null;
  provider_message_id: string | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  /** How far the provider's receipts took it (0: none; 4: delivered or undelivered). */
  delivery_rank: number;
  delivered_at: Date | null;
}

export interface TemplateKeyRow {
  key: string;
  /** What the message is called where it is listed ("Payment receipt"). */
  title: string;
  description: string;
  variables: string[];
  sample: Record<string, unknown>;
}

export interface TemplateRow {
  id: string;
  key: string;
  channel: Channel;
  language: string;
  version: number;
  subject: string | null;
  body: string;
  created_at: Date;
  created_by: string | null;
}

export interface SinkRow {
  id: number;
  channel: Channel;
  sender: string | null;
  recipient: string;
  subject: string | null;
  text: string | null;
  html: string | null;
  message_id: string;
  raw: string | null;
  received_at: Date;
}

/** Inserts the message unless its idempotency key exists (then nothing: undefined). */
export async function insertIfNew(
  db: DbOrTrx,
  row: Omit<OutboxRow, 'id' | 'status' | 'attempts' | 'sending_until' | 'provider_message_id' | 'last_error' | 'sent_at' | 'delivery_rank' | 'delivered_at'>,
): Promise<OutboxRow | undefined> {
  const [inserted] = await db<OutboxRow>('notification_outbox').insert(row).onConflict('idempotency_key').ignore().returning('*');
  return inserted;
}

export function findByIdempotencyKey(db: DbOrTrx, key: string): Promise<OutboxRow | undefined> {
  return db<OutboxRow>('notification_outbox').where({ idempotency_key: key }).first();
}

export function findMessage(db: DbOrTrx, id: string): Promise<OutboxRow | undefined> {
  return db<OutboxRow>('notification_outbox').where({ id }).first();
}

/**
 * Takes up to `limit` due messages for this worker: pending or failed ones whose next attempt has come,
 * and sending ones whose lease ran out (their worker died). Locked rows are skipped, so two workers
 * never take the same row; each taken row gets a lease and one more attempt.
 */
export async function claimDue(db: DbOrTrx, now: Date, leaseUntil: Date, limit: number, maxAttempts: number): Promise<OutboxRow[]> {
  const { rows } = await db.raw<{ rows: OutboxRow[] }>(
    `UPDATE notification_outbox o
        SET status = 'sending', sending_until = :leaseUntil, attempts = o.attempts + 1, updated_at = :now
      WHERE o.id IN (
        SELECT id FROM notification_outbox
         WHERE ((status IN ('pending', 'failed') AND next_attempt_at <= :now) OR (status = 'sending' AND sending_until <= :now))
           AND attempts < :maxAttempts
         ORDER BY next_attempt_at, id
         LIMIT :limit
         FOR UPDATE SKIP LOCKED)
      RETURNING o.*`,
    { now, leaseUntil, limit, maxAttempts },
  );
  return rows;
}

/** Sending rows whose lease ran out with every attempt used: dead letters. */
export async function buryExpired(db: DbOrTrx, now: Date, maxAttempts: number): Promise<number> {
  return db('notification_outbox')
    .where({ status: 'sending' })
    .where('sending_until', '<=', now)
    .where('attempts', '>=', maxAttempts)
    .update({ status: 'dead', sending_until: null, last_error: db.raw(`coalesce(last_error || ' / ', '') || 'the worker stopped while sending'`), updated_at: now });
}

/**
 * Records the outcome of the attempt this worker holds (status sending at this attempt number): a
 * worker whose lease ran out and whose row another worker took changes nothing. Returns whether it did.
 */
/**
 * Withdraws a customer's messages not yet handed to a provider (pending, failed awaiting a retry, or
 * a lease that ran out) whose idempotency key is one of `keys` or starts with one of `keyPrefixes`.
 * A message a worker holds now (`sending`, lease running) is not touched: the claim locks the row,
 * so this waits for it and then sees it taken. Returns the ids withdrawn.
 */
/** A customer merge: the source's messages (sent or not) become the target's. */
export async function moveCustomerMessages(trx: DbOrTrx, sourceId: string, targetId: string): Promise<void> {
  await trx('notification_outbox').where({ customer_id: sourceId }).update({ customer_id: targetId });
}

export async function withdrawUnsent(trx: DbOrTrx, filter: { customerId: string; keys: string[]; keyPrefixes: string[] }, reason: string, now: Date): Promise<string[]> {
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `UPDATE notification_outbox
        SET status = 'withdrawn', last_error = :reason, sending_until = NULL, updated_at = :now
      WHERE customer_id = :customerId
        AND (status IN ('pending', 'failed') OR (status = 'sending' AND sending_until <= :now))
        AND (idempotency_key = ANY(:keys::text[]) OR EXISTS (SELECT 1 FROM unnest(:prefixes::text[]) AS p(prefix) WHERE starts_with(idempotency_key, p.prefix)))
      RETURNING id`,
    { customerId: filter.customerId, keys: filter.keys, prefixes: filter.keyPrefixes, reason, now },
  );
  return rows.map((r) => r.id);
}

export async function recordOutcome(db: DbOrTrx, id: string, attempt: number, patch: Partial<OutboxRow>): Promise<boolean> {
  const n = await db('notification_outbox')
    .where({ id, status: 'sending', attempts: attempt })
    .update({ ...patch, sending_until: null });
  return n === 1;
}

// --- Delivery receipts

export interface ReceiptRow {
  provider: 'telnyx' | 'twilio';
  provider_message_id: string;
  status: string;
  rank: number;
  error: string | null;
  params: Record<string, unknown>;
  received_at: Date;
}

/** Stores a receipt once by (provider, message id, status): false when it was stored before (a retry). */
export async function insertReceipt(db: DbOrTrx, row: ReceiptRow): Promise<boolean> {
  const inserted = await db('notification_delivery_receipts')
    .insert({ ...row, params: JSON.stringify(row.params) })
    .onConflict(['provider', 'provider_message_id', 'status'])
    .ignore()
    .returning('id');
  return inserted.length === 1;
}

/** The furthest receipt stored for a provider's message id (one that came before its sending was recorded). */
export function furthestReceipt(db: DbOrTrx, providerMessageId: string): Promise<ReceiptRow | undefined> {
  return db<ReceiptRow>('notification_delivery_receipts')
    .where({ provider_message_id: providerMessageId })
    .orderBy([{ column: 'rank', order: 'desc' }, { column: 'id' }])
    .first();
}

/**
 * Moves the SMS with this provider message id forward to the receipt's rank — never backwards, and
 * only once it was recorded sent: `delivered` or `undelivered` at the last rank, else only the rank.
 */
export async function applyReceipt(
  db: DbOrTrx,
  providerMessageId: string,
  r: { rank: number; outcome: 'progress' | 'delivered' | 'undelivered'; error: string | null },
  now: Date,
): Promise<OutboxRow | undefined> {
  const [row] = await db<OutboxRow>('notification_outbox')
    .where({ channel: 'sms', provider_message_id: providerMessageId })
    .whereIn('status', ['sent', 'delivered', 'undelivered'])
    .where('delivery_rank', '<', r.rank)
    .update({
      delivery_rank: r.rank,
      ...(r.outcome === 'delivered' ? { status: 'delivered', delivered_at: now } : r.outcome === 'undelivered' ? { status: 'undelivered', last_error: r.error } : {}),
      updated_at: now,
    })
    .returning('*');
  return row;
}

const LIST_KEYS: SortKey[] = [
  { column: 'created_at', field: 'created_at', dir: 'desc' },
  { column: 'id', field: 'id', dir: 'desc' },
];

export function listMessages(db: DbOrTrx, filter: { status?: OutboxStatus; channel?: Channel; customerId?: string }, page: { limit: number; cursor?: string }) {
  const q = db('notification_outbox').select('*');
  if (filter.status) q.where({ status: filter.status });
  if (filter.channel) q.where({ channel: filter.channel });
  if (filter.customerId) q.where({ customer_id: filter.customerId });
  return keysetPage<OutboxRow & Record<string, unknown>>(q, LIST_KEYS, page);
}

// --- Templates

export function findTemplateKey(db: DbOrTrx, key: string): Promise<TemplateKeyRow | undefined> {
  return db<TemplateKeyRow>('notification_template_keys').where({ key }).first();
}

export function allTemplateKeys(db: DbOrTrx): Promise<TemplateKeyRow[]> {
  return db<TemplateKeyRow>('notification_template_keys').orderBy('key');
}

export function currentTemplate(db: DbOrTrx, key: string, channel: Channel, language: string): Promise<TemplateRow | undefined> {
  return db<TemplateRow>('notification_templates').where({ key, channel, language }).orderBy('version', 'desc').first();
}

export function templateVersion(db: DbOrTrx, key: string, channel: Channel, language: string, version: number): Promise<TemplateRow | undefined> {
  return db<TemplateRow>('notification_templates').where({ key, channel, language, version }).first();
}

export function currentTemplates(db: DbOrTrx): Promise<TemplateRow[]> {
  return db<TemplateRow>('notification_templates')
    .distinctOn('key', 'channel', 'language')
    .orderBy([{ column: 'key' }, { column: 'channel' }, { column: 'language' }, { column: 'version', order: 'desc' }]);
}

/** Adds the next version; a concurrent save of the same version loses on the unique key (undefined). */
export async function insertTemplateVersion(db: DbOrTrx, row: Omit<TemplateRow, 'id'>): Promise<TemplateRow | undefined> {
  const [inserted] = await db<TemplateRow>('notification_templates').insert(row).onConflict(['key', 'channel', 'language', 'version']).ignore().returning('*');
  return inserted;
}

// --- Sinks

export async function insertSinkMessage(db: DbOrTrx, row: Omit<SinkRow, 'id'>): Promise<SinkRow> {
  const [inserted] = await db<SinkRow>('notification_sink_messages').insert(row).returning('*');
  return inserted!;
}

const SINK_KEYS: SortKey[] = [{ column: 'id', field: 'id', dir: 'desc' }];

export function listSinkMessages(db: DbOrTrx, filter: { channel?: Channel; recipient?: string }, page: { limit: number; cursor?: string }) {
  const q = db('notification_sink_messages').select('id', 'channel', 'sender', 'recipient', 'subject', 'text', 'html', 'message_id', 'received_at');
  if (filter.channel) q.where({ channel: filter.channel });
  if (filter.recipient) q.where({ recipient: filter.recipient });
  return keysetPage<SinkRow & Record<string, unknown>>(q, SINK_KEYS, page);
}

/** The messages to a customer on their timeline: what each was (its key's title), the channel and how it went, newest first. */
export async function messagesOfCustomer(db: DbOrTrx, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
  const rows: { id: string; at_key: string; channel: Channel; status: OutboxStatus; title: string }[] = await timelineWindow(
    db('notification_outbox as m')
      .join('notification_template_keys as k', 'k.key', 'm.template_key')
      .where('m.customer_id', customerId)
      .select('m.id', atKeySql(db, 'm.created_at'), 'm.channel', 'm.status', 'k.title'),
    'message',
    { at: 'm.created_at', id: 'm.id' },
    window,
  );
  return rows.map((r) => ({
    kind: 'message',
    id: r.id,
    atKey: r.at_key,
    title: `${r.title} by ${r.channel === 'sms' ? 'text' : 'email'}`,
    detail: r.status,
    by: null,
    record: { type: 'message', id: r.id, number: null },
    statusChange: null,
  }));
}
