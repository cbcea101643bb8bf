// The messaging providers' delivery receipts, read from their status callbacks (the signature was
// checked by the webhook route first). Twilio posts a form (MessageSid, MessageStatus, ErrorCode);
// Telnyx posts JSON (data.payload.id, data.payload.to[0].status, data.payload.errors). Each status
// has a rank: a receipt only moves a message forward, so a late "sent" after "delivered" is ignored.
import type { VoiceProvider } from '../../contracts/voice';

export type ReceiptOutcome = 'progress' | 'delivered' | 'undelivered';

export interface DeliveryReceipt {
  messageId: string;
  /** The provider's own word for it (stored; the key with the message id). */
  status: string;
  rank: number;
  outcome: ReceiptOutcome;
  error: string | null;
}

const STATUSES: Record<string, { rank: number; outcome: ReceiptOutcome }> = {
  accepted: { rank: 1, outcome: 'progress' },
  scheduled: { rank: 1, outcome: 'progress' },
  queued: { rank: 1, outcome: 'progress' },
  sending: { rank: 2, outcome: 'progress' },
  sent: { rank: 3, outcome: 'progress' },
  delivery_unconfirmed: { rank: 3, outcome: 'progress' },
  delivered: { rank: 4, outcome: 'delivered' },
  read: { rank: 4, outcome: 'delivered' },
  undelivered: { rank: 4, outcome: 'undelivered' },
  failed: { rank: 4, outcome: 'undelivered' },
  sending_failed: { rank: 4, outcome: 'undelivered' },
  delivery_failed: { rank: 4, outcome: 'undelivered' },
};

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function receipt(messageId: string | undefined, status: string | undefined, error: string | undefined): DeliveryReceipt | null {
  if (!messageId || !status || messageId.length > 200) return null;
  const known = STATUSES[status.toLowerCase()];
  if (!known) return null;
  return { messageId, status: status.toLowerCase(), ...known, error: known.outcome === 'undelivered' ? (error ?? status).slice(0, 500) : null };
}

/** The receipt in a status callback, or null when it names no message or no status we know. */
export function parseReceipt(provider: VoiceProvider, rawBody: Buffer, contentType: string | undefined): DeliveryReceipt | null {
  const text = rawBody.toString('utf8');
  if (provider === 'twilio' || !/json/i.test(contentType ?? '')) {
    const p = new URLSearchParams(text);
    const code = str(p.get('ErrorCode'));
    return receipt(
      str(p.get('MessageSid')) ?? str(p.get('SmsSid')) ?? str(p.get('id')),
      str(p.get('MessageStatus')) ?? str(p.get('SmsStatus')) ?? str(p.get('status')),
      code && `error ${code}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  const payload = obj(obj(obj(body).data).payload);
  const to = Array.isArray(payload.to) ? obj(payload.to[0]) : {};
  const errors = Array.isArray(payload.errors) ? payload.errors.map(obj) : [];
  const error = errors.length ? errors.map((e) => [str(e.code), str(e.title) ?? str(e.detail)].filter(Boolean).join(' ')).join('; ') : undefined;
  return receipt(str(payload.id), str(to.status) ?? str(payload.status), error);
}
