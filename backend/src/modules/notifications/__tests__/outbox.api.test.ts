// The outbox on a real database: messages written in the caller's transaction (a rollback leaves
// nothing), idempotency keys, the customer's address and consent, and the notifications.send worker
// — retries with backoff, dead letters, the crash cases and two workers at once.
//
// Each test starts its clock earlier than the test before, so the rows earlier tests left behind
// are never due for its worker (the worker takes every due row, not only a test's own).
import crypto from 'node:crypto';
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeCustomer, sessionAs } from '../../../../test/support/factories';
import { createLogger } from '../../../platform/logger';
import { NotificationService, type EnqueueInput } from '../notifications.service';
import { SinkSmsProvider, SmtpEmailSender } from '../providers';
import { RETRY } from '../templates';
import { zonedInstant } from '../../../platform/business-time';
import { addDays } from '../../../platform/calendar';

const t = appForFile();
const MINUTE = 60_000;
let year = 2020;
/** A clock earlier than every earlier test's (see the file's header). */
const startEarlier = () => t.clock.set(`${year--}-01-10T09:00:00Z`);

const renewal = (overrides: Partial<EnqueueInput> = {}): EnqueueInput => ({
  channel: 'sms',
  template: 'payment-receipt',
  recipient: `+1212555${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`,
  data: { customerName: 'Ada Lovelace', paymentNumber: `PAY-${crypto.randomInt(1e6)}`, amount: '$120.00', receivedOn: '2027-03-01' },
  idempotencyKey: `test:${crypto.randomUUID()}`,
  purpose: 'service',
  ...overrides,
});

/** A worker of its own (another app instance): the same database, its own providers. */
function worker(smtpUrl = 'smtp://127.0.0.1:1') {
  return new NotificationService(
    t.db,
    t.clock,
    createLogger('silent'),
    t.services.customerProfiles,
    new SmtpEmailSender(smtpUrl, 'Policydesk <no-reply@policydesk.local>'),
    new SinkSmsProvider(t.db, t.clock),
  );
}

const enqueue = (input: EnqueueInput) => t.db.transaction((trx) => t.services.notifications.enqueue(trx, input));
const row = (key: string) => t.db('notification_outbox').where({ idempotency_key: key }).first();
const sinkCount = async (recipient: string) => Number((await t.db('notification_sink_messages').where({ recipient }).count('* as n').first())!.n);

afterAll(() => t.clock.reset());

describe('enqueue', () => {
  it('writes the message in the caller’s transaction, pending and due now, with the template version', async () => {
    startEarlier();
    const input = renewal();
    const result = await enqueue(input);
    expect(result).toMatchObject({ queued: true, created: true });
    expect(await row(input.idempotencyKey)).toMatchObject({
      status: 'pending',
      attempts: 0,
      channel: 'sms',
      template_key: 'payment-receipt',
      template_version: 1,
      language: 'en',
      recipient: input.recipient,
      data: input.data,
      next_attempt_at: t.clock.now(),
      sending_until: null,
      provider_message_id: null,
    });
  });

  it('leaves no row when the caller’s transaction rolls back', async () => {
    startEarlier();
    const input = renewal();
    await expect(
      t.db.transaction(async (trx) => {
        await t.services.notifications.enqueue(trx, input);
        expect(await trx('notification_outbox').where({ idempotency_key: input.idempotencyKey }).first()).toBeDefined();
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await row(input.idempotencyKey)).toBeUndefined();
    // Nothing is sent for it either.
    await worker().sendDue();
    expect(await sinkCount(input.recipient!)).toBe(0);
  });

  it('returns the first message for the same idempotency key and writes nothing new, also when two transactions race', async () => {
    startEarlier();
    const input = renewal();
    const first = await enqueue(input);
    const again = await enqueue({ ...input, recipient: '+12125550000', data: { ...input.data, amount: '$1.00' } });
    expect(again).toMatchObject({ queued: true, created: false, message: { id: first.queued ? first.message.id : '', recipient: input.recipient } });
    const racing = renewal();
    const results = await Promise.all(Array.from({ length: 5 }, () => enqueue(racing)));
    expect(results.filter((r) => r.queued && r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => (r.queued ? r.message.id : null))).size).toBe(1);
    expect(await t.db('notification_outbox').whereIn('idempotency_key', [input.idempotencyKey, racing.idempotencyKey]).count('* as n').first()).toEqual({ n: 2 });
  });

  it('addresses a customer’s message to their email or phone; no address or no marketing consent → no message', async () => {
    startEarlier();
    const branch = await makeBranch(t.db);
    const { session } = await loggedIn(t.app, t.db, { role: 'agent', branchId: branch.id });
    const { customer, body } = await makeCustomer(t.app, session, branch.id);
    const noEmail = (await makeCustomer(t.app, session, branch.id, { email: undefined, preferredChannel: 'phone' })).customer;
    const toCustomer = await enqueue(renewal({ channel: 'email', recipient: undefined, customerId: customer.id }));
    expect(toCustomer).toMatchObject({ queued: true, message: { recipient: body.email, customer_id: customer.id } });
    const none = renewal({ channel: 'email', recipient: undefined, customerId: noEmail.id });
    expect(await enqueue(none)).toEqual({ queued: false, reason: 'no_recipient' });
    expect(await row(none.idempotencyKey)).toBeUndefined();
    const marketing = renewal({ channel: 'email', recipient: undefined, customerId: customer.id, purpose: 'marketing' });
    expect(await enqueue(marketing)).toEqual({ queued: false, reason: 'no_marketing_consent' });
    expect(await row(marketing.idempotencyKey)).toBeUndefined();
  });

  it('sends on the customer’s preferred channel, falling back to the other when they have no address there', async () => {
    startEarlier();
    const branch = await makeBranch(t.db);
    const { session } = await loggedIn(t.app, t.db, { role: 'agent', branchId: branch.id });
    const texts = (await makeCustomer(t.app, session, branch.id, { preferredChannel: 'sms' })).customer;
    const mails = await makeCustomer(t.app, session, branch.id, { preferredChannel: 'phone' });
    const noEmail = (await makeCustomer(t.app, session, branch.id, { email: undefined, preferredChannel: 'email' })).customer;
    const nothing = (await makeCustomer(t.app, session, branch.id, { email: undefined, phone: undefined, preferredChannel: 'mail' })).customer;
    const preferred = (customerId: string) => renewal({ channel: 'preferred', recipient: undefined, customerId });
    expect(await enqueue(preferred(texts.id))).toMatchObject({ queued: true, message: { channel: 'sms' } });
    expect(await enqueue(preferred(mails.customer.id))).toMatchObject({ queued: true, message: { channel: 'email', recipient: mails.body.email } });
    expect(await enqueue(preferred(noEmail.id))).toMatchObject({ queued: true, message: { channel: 'sms' } });
    const none = preferred(nothing.id);
    expect(await enqueue(none)).toEqual({ queued: false, reason: 'no_recipient' });
    expect(await row(none.idempotencyKey)).toBeUndefined();
    // A message with no text template goes by email even to a customer who prefers texts.
    const key = `test-letter-${crypto.randomInt(1e6)}`;
    await t
      .db('notification_template_keys')
      .insert({ key, title: 'A letter', description: 'An email-only letter', variables: ['customerName'], sample: JSON.stringify({ customerName: 'Ada' }) });
    await t.db('notification_templates').insert({ key, channel: 'email', language: 'en', version: 1, subject: 'Hello', body: 'Dear {{customerName}}', created_at: t.clock.now() });
    const letter = { ...preferred(texts.id), template: key, data: { customerName: 'Ada' } };
    expect(await enqueue(letter)).toMatchObject({ queued: true, message: { channel: 'email' } });
  });

  it('holds a text message queued in the customer’s night until 08:00, and never retries one into the night; email is not held', async () => {
    startEarlier();
    const day = t.clock.businessDate();
    const zone = t.config.businessTimeZone;
    t.clock.set(new Date(zonedInstant(day, 22 * 60 + 30, zone)));
    const text = renewal({ channel: 'sms' });
    await enqueue(text);
    expect((await row(text.idempotencyKey)).next_attempt_at).toEqual(new Date(zonedInstant(addDays(day, 1), 8 * 60, zone)));
    const email = renewal({ channel: 'email', recipient: 'night@example.com' });
    await enqueue(email);
    expect((await row(email.idempotencyKey)).next_attempt_at).toEqual(t.clock.now());
    // Not due before the morning: the worker leaves it.
    expect((await worker().claim(100, MINUTE)).map((m) => m.idempotency_key)).not.toContain(text.idempotencyKey);
  });

  it('falls back to English for a language without the template, and refuses data missing a variable (the transaction fails)', async () => {
    startEarlier();
    const input = renewal({ channel: 'sms', language: 'de' });
    expect(await enqueue(input)).toMatchObject({ queued: true, message: { language: 'en' } });
    const spanish = renewal({ channel: 'email', language: 'es' });
    expect(await enqueue(spanish)).toMatchObject({ queued: true, message: { language: 'es' } });
    const missing = renewal({ data: { customerName: 'Ada' } });
    await expect(enqueue(missing)).rejects.toThrow('{{paymentNumber}}');
    expect(await row(missing.idempotencyKey)).toBeUndefined();
  });
});

describe('the notifications.send worker', () => {
  it('sends due messages through their channel and records sent with the provider’s message id (the job runs it)', async () => {
    startEarlier();
    const input = renewal();
    await enqueue(input);
    await t.jobs.runNow('notifications.send', {});
    const sent = await row(input.idempotencyKey);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, sending_until: null, sent_at: t.clock.now(), last_error: null });
    const [message] = await t.db('notification_sink_messages').where({ recipient: input.recipient });
    expect(message).toMatchObject({
      channel: 'sms',
      message_id: sent.provider_message_id,
      text: expect.stringContaining(`payment ${String(input.data.paymentNumber)} of $120.00`),
    });
    // Sent is final: another run sends nothing.
    t.clock.advance(60 * MINUTE);
    await t.jobs.runNow('notifications.send', {});
    expect(await sinkCount(input.recipient!)).toBe(1);
  });

  it('retries a failed message with a doubling backoff, and makes it a dead letter after the last attempt', async () => {
    startEarlier();
    const input = renewal({ channel: 'email', recipient: `dead-${crypto.randomUUID()}@example.com` });
    await enqueue(input);
    const w = worker('smtp://127.0.0.1:1'); // nothing listens there: every attempt fails
    const waits: number[] = [];
    for (let attempt = 1; attempt < RETRY.maxAttempts; attempt++) {
      await w.sendDue();
      const failed = await row(input.idempotencyKey);
      expect(failed).toMatchObject({ status: 'failed', attempts: attempt, sending_until: null, last_error: expect.any(String) });
      waits.push(failed.next_attempt_at.getTime() - t.clock.now().getTime());
      // Not due before the backoff ends.
      t.clock.advance(waits.at(-1)! - 1000);
      await w.sendDue();
      expect(await row(input.idempotencyKey)).toMatchObject({ attempts: attempt });
      t.clock.advance(1000);
    }
    expect(waits).toEqual([1, 2, 4, 8].map((n) => n * MINUTE));
    await w.sendDue();
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'dead', attempts: RETRY.maxAttempts });
    t.clock.advance(24 * 60 * MINUTE);
    await w.sendDue();
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'dead', attempts: RETRY.maxAttempts });
  });

  it('sends a message whose worker died before sending once its lease ends, never before', async () => {
    startEarlier();
    const input = renewal();
    await enqueue(input);
    const [claimed] = await worker().claim(10, 5 * MINUTE); // the worker dies here
    expect(claimed).toMatchObject({ idempotency_key: input.idempotencyKey, status: 'sending', attempts: 1 });
    await worker().sendDue();
    expect(await sinkCount(input.recipient!)).toBe(0);
    t.clock.advance(5 * MINUTE);
    await worker().sendDue();
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await sinkCount(input.recipient!)).toBe(1);
  });

  it('sends at most one duplicate when a worker dies between sending and recording, and the late worker cannot overwrite the outcome', async () => {
    startEarlier();
    const input = renewal();
    await enqueue(input);
    const dying = worker();
    const [claimed] = await dying.claim(10, 5 * MINUTE);
    await dying.deliver(claimed!); // sent, then the worker dies before recording it
    t.clock.advance(5 * MINUTE);
    const report = await worker().sendDue();
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await sinkCount(input.recipient!)).toBe(2);
    t.clock.advance(60 * MINUTE);
    await worker().sendDue();
    expect(await sinkCount(input.recipient!)).toBe(2);
  });

  it('makes a message whose worker died on its last attempt a dead letter (visible, not lost)', async () => {
    startEarlier();
    const input = renewal();
    await enqueue(input);
    await t
      .db('notification_outbox')
      .where({ idempotency_key: input.idempotencyKey })
      .update({ attempts: RETRY.maxAttempts - 1 });
    await worker().claim(10, MINUTE);
    t.clock.advance(MINUTE);
    await worker().sendDue();
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'dead', attempts: RETRY.maxAttempts, last_error: 'the worker stopped while sending' });
  });

  it('never lets two workers send the same message: 40 messages, two workers at once, each sent exactly once', async () => {
    startEarlier();
    const inputs = Array.from({ length: 40 }, () => renewal());
    await t.db.transaction(async (trx) => {
      for (const input of inputs) await t.services.notifications.enqueue(trx, input);
    });
    const [a, b] = await Promise.all([worker().sendDue({ batchSize: 3 }), worker().sendDue({ batchSize: 3 })]);
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(40);
    const counts = await t
      .db('notification_sink_messages')
      .whereIn(
        'recipient',
        inputs.map((i) => i.recipient!),
      )
      .groupBy('recipient')
      .select('recipient', t.db.raw('count(*)::int as n'));
    expect(counts).toHaveLength(new Set(inputs.map((i) => i.recipient)).size);
    const perRecipient = new Map<string, number>();
    for (const i of inputs) perRecipient.set(i.recipient!, (perRecipient.get(i.recipient!) ?? 0) + 1);
    for (const c of counts) expect(c.n).toBe(perRecipient.get(c.recipient));
    const rows = await t.db('notification_outbox').whereIn(
      'idempotency_key',
      inputs.map((i) => i.idempotencyKey),
    );
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});

describe('GET /api/notifications', () => {
  it('lists the outbox for admins, filtered by status; other roles are refused', async () => {
    startEarlier();
    const input = renewal();
    await enqueue(input);
    const admin = await sessionAs(t, 'admin');
    const pending = await request(t.app).get('/api/notifications').set(admin.auth).query({ status: 'pending', limit: 100 }).expect(200);
    expect(pending.body.items.every((m: { status: string }) => m.status === 'pending')).toBe(true);
    expect(pending.body.items.find((m: { idempotencyKey: string }) => m.idempotencyKey === input.idempotencyKey)).toMatchObject({
      status: 'pending',
      channel: 'sms',
      template: 'payment-receipt',
      templateVersion: 1,
      attempts: 0,
    });
    await worker().sendDue();
    const sent = await request(t.app).get('/api/notifications').set(admin.auth).query({ status: 'sent', channel: 'sms', limit: 100 }).expect(200);
    expect(sent.body.items.map((m: { idempotencyKey: string }) => m.idempotencyKey)).toContain(input.idempotencyKey);
    const sink = await request(t.app).get('/api/notifications/sink').set(admin.auth).query({ recipient: input.recipient }).expect(200);
    expect(sink.body.items).toEqual([expect.objectContaining({ channel: 'sms', recipient: input.recipient, text: expect.stringContaining('we received your payment') })]);
    await request(t.app).get('/api/notifications').set(admin.auth).query({ status: 'lost' }).expect(400);
    const manager = await sessionAs(t, 'manager');
    await request(t.app).get('/api/notifications').set(manager.auth).expect(403);
    await request(t.app).get('/api/notifications/sink').set(manager.auth).expect(403);
  });
});

describe('local mode, end to end', () => {
  it('starts the embedded SMTP sink with the app: an email queued in a transaction is sent by the job and received by the SMTP server, with a plain-text and an HTML part', async () => {
    startEarlier();
    await t.start(); // local mode without SMTP_URL: the app starts its SMTP sink on a free port
    try {
      const to = `e2e-${crypto.randomUUID()}@example.com`;
      const input = renewal({ channel: 'email', recipient: to, data: { customerName: 'Ada <Lovelace>', paymentNumber: 'PAY-4242', amount: '$120.00', receivedOn: '2027-03-01' } });
      await enqueue(input);
      await t.jobs.runNow('notifications.send', {});
      const sent = await row(input.idempotencyKey);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1, provider_message_id: expect.stringMatching(/^<.+>$/) });
      const [received] = await t.db('notification_sink_messages').where({ recipient: to });
      expect(received).toMatchObject({
        channel: 'email',
        sender: 'no-reply@policydesk.local',
        subject: 'Payment PAY-4242 received',
        text: expect.stringContaining('Dear Ada <Lovelace>,'),
        html: expect.stringContaining('<p>Dear Ada &lt;Lovelace&gt;,</p>'),
        message_id: sent.provider_message_id,
      });
      expect(received.raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(received.raw).toMatch(/Content-Type: text\/plain/i);
      expect(received.raw).toContain(`X-Policydesk-Message: ${sent.id}`);
      const admin = await sessionAs(t, 'admin');
      const sink = await request(t.app).get('/api/notifications/sink').set(admin.auth).query({ channel: 'email', recipient: to.toUpperCase() }).expect(200);
      expect(sink.body.items).toEqual([expect.objectContaining({ subject: 'Payment PAY-4242 received', messageId: sent.provider_message_id })]);
    } finally {
      await t.stop();
    }
  });
});

describe('customer merge', () => {
  it('moves the source’s messages to the target: a withdrawal by the target finds the unsent ones, the sent ones stay sent', async () => {
    startEarlier();
    const branch = await makeBranch(t.db);
    const agent = (await loggedIn(t.app, t.db, { role: 'agent', branchId: branch.id })).session;
    const manager = (await loggedIn(t.app, t.db, { role: 'manager', branchId: branch.id })).session;
    const target = (await makeCustomer(t.app, agent, branch.id)).customer;
    const source = (await makeCustomer(t.app, agent, branch.id)).customer;
    const queued = renewal({ customerId: source.id, idempotencyKey: `invoice:${crypto.randomUUID()}:reminder` });
    const sent = renewal({ customerId: source.id });
    await enqueue(queued);
    await enqueue(sent);
    await t.db('notification_outbox').where({ idempotency_key: sent.idempotencyKey }).update({ status: 'sent', sent_at: t.clock.now() });

    await request(t.app).post(`/api/customers/${target.id}/merge`).set(manager.auth).set('If-Match', '"1"').send({ sourceId: source.id }).expect(200);
    expect(await t.db('notification_outbox').where({ customer_id: source.id })).toHaveLength(0);
    expect((await row(queued.idempotencyKey)).customer_id).toBe(target.id);
    expect((await row(sent.idempotencyKey)).customer_id).toBe(target.id);

    const withdrawn = await t.db.transaction((trx) =>
      t.services.notifications.withdraw(trx, { customerId: target.id, keys: [queued.idempotencyKey, sent.idempotencyKey], reason: 'Invoice voided' }),
    );
    expect(withdrawn).toBe(1);
    expect(await row(queued.idempotencyKey)).toMatchObject({ status: 'withdrawn' });
    expect(await row(sent.idempotencyKey)).toMatchObject({ status: 'sent' });
  });
});
