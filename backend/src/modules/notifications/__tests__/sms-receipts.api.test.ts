// SMS delivery receipts through the voice webhooks' signed inbox, on a real PostgreSQL: a valid
// Twilio status callback and a Telnyx JSON receipt move the outbox message to delivered or
// undelivered; a wrong signature or a changed body is refused with nothing stored; a repeat is
// stored once and changes nothing; a reordered receipt never moves a message backwards; a receipt
// that overtakes the recording of the sending is applied when the worker records it.
import crypto from 'node:crypto';
import request from 'supertest';
import { sessionAs, type Session } from '../../../../test/support/factories';
import { appForFile } from '../../../../test/support/test-app';
import { TEST_TELNYX, TEST_TWILIO_AUTH_TOKEN, ed25519FromSeed } from '../../../../test/support/voice-keys';
import { createLogger } from '../../../platform/logger';
import { signTelnyx, twilioSignature } from '../../voice/signatures';
import { NotificationService } from '../notifications.service';
import { SmtpEmailSender, type SmsProvider } from '../providers';

const t = appForFile();
const PUBLIC_URL = 'https://service.test';
const TWILIO_PATH = '/api/voice/twilio/message-status';
const TELNYX_PATH = '/api/voice/telnyx/message-status';

/** The provider's side of sending: it answers with the message id the next receipts will name. */
let nextId = '';
const provider: SmsProvider = { name: 'twilio', send: () => Promise.resolve({ messageId: nextId }) };
const worker = new NotificationService(
  t.db,
  t.clock,
  createLogger('silent'),
  t.services.customerProfiles,
  new SmtpEmailSender(undefined, 'Policydesk <no-reply@policydesk.local>'),
  provider,
);

/** An SMS queued and due now (quiet hours aside). */
async function queueSms() {
  const key = `receipt-test:${crypto.randomUUID()}`;
  await t.db.transaction((trx) =>
    t.services.notifications.enqueue(trx, {
      channel: 'sms',
      template: 'missed-call',
      recipient: `+1212555${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`,
      data: { lineName: 'Customer service', lineNumber: '+18005963057' },
      idempotencyKey: key,
      purpose: 'service',
    }),
  );
  await t
    .db('notification_outbox')
    .where({ idempotency_key: key })
    .update({ next_attempt_at: new Date(Date.now() - 60_000) });
  return key;
}

/** An SMS the worker sent: its outbox key and the provider's message id. */
async function sentSms(id = `SM${crypto.randomBytes(16).toString('hex')}`) {
  const key = await queueSms();
  nextId = id;
  await worker.sendDue();
  return { key, id };
}

let admin: Session;
beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
});

const message = (key: string) => t.db('notification_outbox').where({ idempotency_key: key }).first();

function twilio(params: Record<string, string>, options: { token?: string } = {}) {
  const signature = twilioSignature(options.token ?? TEST_TWILIO_AUTH_TOKEN, `${PUBLIC_URL}${TWILIO_PATH}`, Object.entries(params));
  return request(t.app)
    .post(TWILIO_PATH)
    .set('Content-Type', 'application/x-www-form-urlencoded')
    .set('X-Twilio-Signature', signature)
    .send(new URLSearchParams(params).toString());
}

function telnyx(payload: Record<string, unknown>, options: { key?: crypto.KeyObject; body?: string } = {}) {
  const body = JSON.stringify({ data: { event_type: 'message.finalized', id: crypto.randomUUID(), payload } });
  const timestamp = Math.floor(t.clock.now().getTime() / 1000);
  return request(t.app)
    .post(TELNYX_PATH)
    .set('Content-Type', 'application/json')
    .set('telnyx-timestamp', String(timestamp))
    .set('telnyx-signature-ed25519', signTelnyx(body, options.key ?? TEST_TELNYX.privateKey, timestamp))
    .send(options.body ?? body);
}

const receiptsOf = (id: string) => t.db('notification_delivery_receipts').where({ provider_message_id: id }).orderBy('id').select('provider', 'status');

describe('Twilio status callbacks', () => {
  it('valid: sent, then delivered; a repeat is stored once and changes nothing; a late "sent" does not move it back', async () => {
    const { key, id } = await sentSms();
    expect(await message(key)).toMatchObject({ status: 'sent', provider_message_id: id });
    expect((await twilio({ MessageSid: id, MessageStatus: 'sent' }).expect(200)).body).toEqual({ stored: true, status: 'sent' });
    expect((await twilio({ MessageSid: id, MessageStatus: 'delivered' }).expect(200)).body).toEqual({ stored: true, status: 'delivered' });
    const delivered = await message(key);
    expect(delivered).toMatchObject({ status: 'delivered', delivery_rank: 4 });
    expect(delivered.delivered_at).not.toBeNull();
    // Replayed: stored once, nothing changes.
    expect((await twilio({ MessageSid: id, MessageStatus: 'delivered' }).expect(200)).body).toEqual({ stored: false, status: 'delivered' });
    // Reordered: the earlier statuses arrive last.
    await twilio({ MessageSid: id, MessageStatus: 'sending' }).expect(200);
    await twilio({ MessageSid: id, MessageStatus: 'undelivered', ErrorCode: '30003' }).expect(200);
    expect(await message(key)).toMatchObject({ status: 'delivered', delivered_at: delivered.delivered_at, last_error: null });
    expect((await receiptsOf(id)).map((r) => r.status)).toEqual(['sent', 'delivered', 'sending', 'undelivered']);
    const listed = await request(t.app).get('/api/notifications?status=delivered').set(admin.auth).expect(200);
    expect(listed.body.items.find((m: { providerMessageId: string }) => m.providerMessageId === id)).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
  });

  it('a wrong signature is refused (403) and nothing is stored or changed', async () => {
    const { key, id } = await sentSms();
    const refused = await twilio({ MessageSid: id, MessageStatus: 'delivered' }, { token: 'someoneelsestoken0123456789abcd' }).expect(403);
    expect(refused.body.code).toBe('VOICE_SIGNATURE_INVALID');
    await request(t.app).post(TWILIO_PATH).set('Content-Type', 'application/x-www-form-urlencoded').send(`MessageSid=${id}&MessageStatus=delivered`).expect(403);
    expect(await receiptsOf(id)).toEqual([]);
    expect((await message(key)).status).toBe('sent');
  });

  it('undelivered with the error code; a receipt naming no known status is 400', async () => {
    const { key, id } = await sentSms();
    await twilio({ MessageSid: id, MessageStatus: 'undelivered', ErrorCode: '30005' }).expect(200);
    expect(await message(key)).toMatchObject({ status: 'undelivered', last_error: 'error 30005', delivered_at: null });
    const bad = await twilio({ MessageSid: id, MessageStatus: 'teleported' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('Telnyx receipts (JSON, Ed25519)', () => {
  it('valid: delivery_failed → undelivered with the error; a later "delivered" does not change it; another key or a changed body is refused', async () => {
    const { key, id } = await sentSms(crypto.randomUUID());
    const payload = { id, to: [{ phone_number: '+12125550123', status: 'delivery_failed' }], errors: [{ code: '40002', title: 'Blocked as spam' }] };
    await telnyx(payload, { key: ed25519FromSeed(Buffer.alloc(32, 3)).privateKey }).expect(403);
    await telnyx(payload, { body: JSON.stringify({ data: { payload: { ...payload, to: [{ status: 'delivered' }] } } }) }).expect(403);
    expect(await receiptsOf(id)).toEqual([]);

    await telnyx(payload).expect(200);
    expect(await message(key)).toMatchObject({ status: 'undelivered', last_error: '40002 Blocked as spam' });
    await telnyx({ id, to: [{ status: 'delivered' }] }).expect(200);
    await telnyx(payload).expect(200);
    expect(await message(key)).toMatchObject({ status: 'undelivered' });
    expect(await receiptsOf(id)).toEqual([
      { provider: 'telnyx', status: 'delivery_failed' },
      { provider: 'telnyx', status: 'delivered' },
    ]);
  });
});

describe('a receipt before the sending is recorded', () => {
  it('is kept, and applied when the worker records the message sent', async () => {
    const id = `SM${crypto.randomBytes(16).toString('hex')}`;
    expect((await twilio({ MessageSid: id, MessageStatus: 'delivered' }).expect(200)).body).toEqual({ stored: true, status: null });
    const { key } = await sentSms(id);
    expect(await message(key)).toMatchObject({ status: 'delivered', provider_message_id: id, delivery_rank: 4 });
  });
});
