// Inbound calls through the providers' signed webhooks, on a real PostgreSQL: phone lines (admins
// configure, managers read; If-Match, history, audit), signature checks for both providers, callbacks
// stored once (retries and reordering change nothing), the caller identified by phone, the menu with
// its fallback, after-hours voicemail to a case and the urgent path.
import crypto from 'node:crypto';
import request from 'supertest';
import { withJobSender } from '../../../../test/support/report-exports';
import { appForFile } from '../../../../test/support/test-app';
import { makeBranch, makeCustomer, sessionAs, type Session } from '../../../../test/support/factories';
import { TEST_TELNYX, TEST_TWILIO_AUTH_TOKEN, ed25519FromSeed } from '../../../../test/support/voice-keys';
import { signTelnyx, twilioSignature } from '../signatures';

const t = appForFile();
// A routed call queues its ring timeout (pg-boss) in the webhook's transaction.
withJobSender(t);
const PUBLIC_URL = 'https://service.test';

let admin: Session;
let branchId: string;
let openCalendar: string;
let closedCalendar: string;

const ALL_DAY = [{ from: '00:00', to: '24:00' }];
async function makeCalendar(hours: Record<string, { from: string; to: string }[]>, holidays: { date: string; name: string }[] = []) {
  const [row] = await t
    .db('service_calendars')
    .insert({
      name: `Voice test ${crypto.randomUUID()}`,
      time_zone: 'UTC',
      hours: JSON.stringify(hours),
      holidays: JSON.stringify(holidays),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id');
  return row.id as string;
}

const randomNumber = (area = 212) => `+1${area}${crypto.randomInt(200, 1000)}${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`;
const callSid = () => `CA${crypto.randomBytes(16).toString('hex')}`;

function lineBody(overrides: Record<string, unknown> = {}) {
  return {
    number: randomNumber(800),
    name: `Line ${crypto.randomBytes(3).toString('hex')}`,
    greeting: 'Welcome to Policydesk Insurance.',
    calendarId: openCalendar,
    branchId,
    menu: [
      { digit: '1', queue: 'claims', label: 'Claims' },
      { digit: '2', queue: 'payments', label: 'Payments' },
      { digit: '3', queue: 'policy_changes', label: 'Policy changes' },
      { digit: '0', queue: 'agent', label: 'An agent' },
    ],
    urgent: { digit: '9', label: 'An accident happening now' },
    afterHours: 'voicemail',
    voicemailPrompt: 'We are closed. Leave a message after the tone.',
    active: true,
    ...overrides,
  };
}

async function makeLine(overrides: Record<string, unknown> = {}) {
  const res = await request(t.app).post('/api/phone-lines').set(admin.auth).send(lineBody(overrides)).expect(201);
  return res.body as { id: string; number: string; name: string; version: number };
}

/** A webhook as Twilio sends it: form-encoded, signed over PUBLIC_URL + path + sorted parameters. */
function twilio(path: string, params: Record<string, string>, options: { token?: string; signedUrl?: string; body?: string; host?: string } = {}) {
  const signature = twilioSignature(options.token ?? TEST_TWILIO_AUTH_TOKEN, options.signedUrl ?? `${PUBLIC_URL}${path}`, Object.entries(params));
  const req = request(t.app).post(path).set('Content-Type', 'application/x-www-form-urlencoded').set('X-Twilio-Signature', signature);
  if (options.host) req.set('Host', options.host);
  return req.send(options.body ?? new URLSearchParams(params).toString());
}

/** A webhook as Telnyx sends it: signed with Ed25519 over `timestamp|body`. */
function telnyx(path: string, params: Record<string, string>, options: { key?: crypto.KeyObject; timestamp?: number; body?: string } = {}) {
  const body = new URLSearchParams(params).toString();
  const timestamp = options.timestamp ?? Math.floor(t.clock.now().getTime() / 1000);
  return request(t.app)
    .post(path)
    .set('Content-Type', 'application/x-www-form-urlencoded')
    .set('telnyx-timestamp', String(timestamp))
    .set('telnyx-signature-ed25519', signTelnyx(body, options.key ?? TEST_TELNYX.privateKey, timestamp))
    .send(options.body ?? body);
}

async function callsOf(lineId: string) {
  const res = await request(t.app).get(`/api/phone-lines/${lineId}/calls`).set(admin.auth).expect(200);
  return res.body.items as {
    callId: string;
    customerId: string | null;
    callerMatch: string;
    status: string;
    queue: string | null;
    menuAttempts: number;
    caseId: string | null;
    interactionId: string | null;
    durationSeconds: number | null;
    transcription: string | null;
    afterHours: boolean;
  }[];
}
const callOf = async (lineId: string, sid: string) => (await callsOf(lineId)).find((c) => c.callId === sid)!;

beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
  branchId = (await makeBranch(t.db)).id;
  openCalendar = await makeCalendar({ mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY });
  // Open on Mondays only, and every Monday from 2026-01-05 on is a holiday: always closed.
  closedCalendar = await makeCalendar(
    { mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    Array.from({ length: 2000 }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 5) + i * 7 * 86_400_000).toISOString().slice(0, 10), name: 'Closed' })),
  );
});

describe('phone lines', () => {
  it('are configured by admins only, read by managers, versioned with If-Match, history and audit', async () => {
    const manager = await sessionAs(t, 'manager', branchId);
    const agent = await sessionAs(t, 'agent', branchId);
    const body = lineBody({ number: '+1 (800) 596-3057'.replace('596-3057', `${crypto.randomInt(200, 999)}-${crypto.randomInt(1000, 9999)}`) });
    await request(t.app).post('/api/phone-lines').set(manager.auth).send(body).expect(403);
    const created = await request(t.app).post('/api/phone-lines').set(admin.auth).send(body).expect(201);
    expect(created.body).toMatchObject({ number: expect.stringMatching(/^\+1800\d{7}$/), version: 1, urgent: { digit: '9' } });
    expect(created.headers.etag).toBe('"1"');
    const id = created.body.id as string;

    await request(t.app).get(`/api/phone-lines/${id}`).set(manager.auth).expect(200);
    await request(t.app).get('/api/phone-lines').set(agent.auth).expect(403);
    const url = `/api/phone-lines/${id}`;
    const changed = { ...body, greeting: 'Hello from the claims hotline.' };
    await request(t.app).put(url).set(manager.auth).set('If-Match', '"1"').send(changed).expect(403);
    await request(t.app).put(url).set(admin.auth).send(changed).expect(428);
    const updated = await request(t.app).put(url).set(admin.auth).set('If-Match', '"1"').send(changed).expect(200);
    expect(updated.body).toMatchObject({ version: 2, greeting: 'Hello from the claims hotline.' });
    await request(t.app).put(url).set(admin.auth).set('If-Match', '"1"').send(changed).expect(412);

    const history = await request(t.app).get(`${url}/history`).set(manager.auth).expect(200);
    expect(history.body.items.map((h: { version: number; change: string }) => [h.version, h.change])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    const audit = await t.db('audit_log').where({ entity_id: id }).orderBy('id').select('action');
    expect(audit.map((a) => a.action)).toEqual(['phone_line.create', 'phone_line.update']);

    const duplicate = await request(t.app).post('/api/phone-lines').set(admin.auth).send(body).expect(409);
    expect(duplicate.body.code).toBe('PHONE_LINE_NUMBER_TAKEN');
  });

  it('refuses a line that cannot work (400 PHONE_LINE_INVALID naming each field)', async () => {
    const bad = await request(t.app)
      .post('/api/phone-lines')
      .set(admin.auth)
      .send(
        lineBody({
          number: '+1 555',
          calendarId: crypto.randomUUID(),
          menu: [
            { digit: '1', queue: 'claims', label: 'Claims' },
            { digit: '1', queue: 'payments', label: 'Payments' },
          ],
          urgent: { digit: '1', label: 'Urgent' },
        }),
      )
      .expect(400);
    expect(bad.body.code).toBe('PHONE_LINE_INVALID');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['number', 'menu.1.digit', 'urgent.digit', 'calendarId']);
  });
});

describe('menu keys', () => {
  it('may be 0–9, * or # (the menu’s Gather has no finish key, so # is a choice); anything else, or an unknown queue, is a 400 at the field', async () => {
    const line = await makeLine({
      menu: [
        { digit: '*', queue: 'claims', label: 'Claims' },
        { digit: '#', queue: 'agent', label: 'An agent' },
      ],
      urgent: null,
    });
    const incoming = await twilio('/api/voice/twilio/incoming', { CallSid: callSid(), From: randomNumber(), To: line.number }).expect(200);
    expect(incoming.text).toContain('finishOnKey=""');
    const bad = await request(t.app)
      .put(`/api/phone-lines/${line.id}`)
      .set(admin.auth)
      .set('If-Match', '"1"')
      .send(lineBody({ number: line.number, menu: [{ digit: 'A', queue: 'sales', label: 'Sales' }] }))
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['menu.0.digit', 'menu.0.queue']);
  });
});

describe('signatures', () => {
  it('Twilio: accepts its signature over PUBLIC_URL even behind a proxy with another Host; refuses a wrong token, a changed body or a Host-based URL', async () => {
    const line = await makeLine();
    const params = { CallSid: callSid(), From: randomNumber(), To: line.number, CallStatus: 'ringing' };
    const path = '/api/voice/twilio/incoming';
    const wrongKey = await twilio(path, params, { token: 'someoneelsestoken0123456789abcd' }).expect(403);
    expect(wrongKey.body).toMatchObject({ code: 'VOICE_SIGNATURE_INVALID' });
    await twilio(path, params, { body: new URLSearchParams({ ...params, From: randomNumber() }).toString() }).expect(403);
    // Signed over the URL the proxy's Host would give: not what Twilio called.
    await twilio(path, params, { signedUrl: `http://internal-host:3000${path}`, host: 'internal-host:3000' }).expect(403);
    await twilio(path, {}, {}).set('X-Twilio-Signature', '').expect(403);
    expect(await t.db('voice_callbacks').where({ call_id: params.CallSid }).count({ n: '*' })).toEqual([{ n: 0 }]);

    const ok = await twilio(path, params, { host: 'internal-host:3000' }).expect(200);
    expect(ok.headers['content-type']).toMatch(/^application\/xml/);
    expect(ok.text).toContain('<Gather');
  });

  it('Telnyx: accepts its Ed25519 signature; refuses another key, a changed body and a timestamp over five minutes away', async () => {
    const line = await makeLine();
    const params = { CallSid: callSid(), From: randomNumber(), To: line.number };
    const path = '/api/voice/telnyx/incoming';
    const other = ed25519FromSeed(Buffer.alloc(32, 9));
    await telnyx(path, params, { key: other.privateKey }).expect(403);
    await telnyx(path, params, { body: new URLSearchParams({ ...params, From: randomNumber() }).toString() }).expect(403);
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const stale = await telnyx(path, params, { timestamp: now - 301 }).expect(403);
    expect(stale.body.reason).toBe('stale_timestamp');
    await telnyx(path, params, { timestamp: now + 301 }).expect(403);
    await request(t.app).post(path).set('Content-Type', 'application/x-www-form-urlencoded').send(new URLSearchParams(params).toString()).expect(403);
    expect(await t.db('voice_callbacks').where({ call_id: params.CallSid }).count({ n: '*' })).toEqual([{ n: 0 }]);

    await telnyx(path, params, { timestamp: now - 240 }).expect(200);
    expect((await callOf(line.id, params.CallSid)).status).toBe('ringing');
  });
});

describe('a call', () => {
  it('from one customer’s number: identified, the menu routes to claims, a case and a logged call; a retry changes nothing; the status completes it', async () => {
    const line = await makeLine();
    const phone = randomNumber();
    const { customer } = await makeCustomer(t.app, admin, branchId, { phone });
    const sid = callSid();
    const incoming = await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: phone, To: line.number }).expect(200);
    expect(incoming.text).toContain('action="/api/voice/twilio/menu?attempt=1"');
    expect(incoming.text).toContain('<Redirect method="POST">/api/voice/twilio/menu?attempt=1</Redirect>');
    expect(await callOf(line.id, sid)).toMatchObject({ callerMatch: 'identified', customerId: customer.id });

    const choice = await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: '1' }).expect(200);
    expect(choice.text).toContain('<Enqueue>claims</Enqueue>');
    const again = await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: '1' }).expect(200);
    expect(again.text).toBe(choice.text);
    const call = await callOf(line.id, sid);
    expect(call).toMatchObject({ queue: 'claims', caseId: expect.any(String), interactionId: expect.any(String) });
    const caseRes = await request(t.app).get(`/api/cases/${call.caseId}`).set(admin.auth).expect(200);
    expect(caseRes.body).toMatchObject({ type: 'claim_follow_up', priority: 'normal', customer: { id: customer.id }, subject: `${line.name}: Claims` });
    expect(await t.db('service_cases').where({ customer_id: customer.id }).count({ n: '*' })).toEqual([{ n: 1 }]);

    // Status callbacks out of order, and again: only forward, once.
    await twilio('/api/voice/twilio/status', { CallSid: sid, CallStatus: 'completed', CallDuration: '95', SequenceNumber: '2', RecordingUrl: 'https://rec.example/r1' }).expect(
      200,
    );
    await twilio('/api/voice/twilio/status', { CallSid: sid, CallStatus: 'in-progress', SequenceNumber: '1' }).expect(200);
    await twilio('/api/voice/twilio/status', { CallSid: sid, CallStatus: 'completed', CallDuration: '95', SequenceNumber: '2', RecordingUrl: 'https://rec.example/r1' }).expect(
      200,
    );
    expect(await callOf(line.id, sid)).toMatchObject({ status: 'completed', durationSeconds: 95 });
    const interaction = await request(t.app).get(`/api/interactions/${call.interactionId}`).set(admin.auth).expect(200);
    expect(interaction.body).toMatchObject({ channel: 'phone_inbound', durationSeconds: 95, outcome: 'completed (queue claims)', customer: { id: customer.id } });
    expect(interaction.body.notes).toContain('Recording: https://rec.example/r1');
    expect(await t.db('voice_callbacks').where({ call_id: sid }).count({ n: '*' })).toEqual([{ n: 4 }]);

    // A second call on the same subject within 24 hours joins the case.
    const sid2 = callSid();
    await twilio('/api/voice/twilio/incoming', { CallSid: sid2, From: phone, To: line.number }).expect(200);
    await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid2, Digits: '1' }).expect(200);
    expect((await callOf(line.id, sid2)).caseId).toBe(call.caseId);
  });

  it('from a number several customers share: asks for a policy number; none matches twice → the menu as an unknown caller', async () => {
    const line = await makeLine();
    const phone = randomNumber();
    await makeCustomer(t.app, admin, branchId, { phone });
    await makeCustomer(t.app, admin, branchId, { phone, confirmNotDuplicate: true });
    const sid = callSid();
    const incoming = await telnyx('/api/voice/telnyx/incoming', { CallSid: sid, From: phone, To: line.number }).expect(200);
    expect(incoming.text).toContain('action="/api/voice/telnyx/policy?attempt=1"');
    expect(await callOf(line.id, sid)).toMatchObject({ callerMatch: 'ambiguous', customerId: null });
    const retry = await telnyx('/api/voice/telnyx/policy?attempt=1', { CallSid: sid, Digits: '999999#' }).expect(200);
    expect(retry.text).toContain('policy?attempt=2');
    const menu = await telnyx('/api/voice/telnyx/policy?attempt=2', { CallSid: sid, Digits: '' }).expect(200);
    expect(menu.text).toContain('menu?attempt=1');
    await telnyx('/api/voice/telnyx/menu?attempt=1', { CallSid: sid, Digits: '2' }).expect(200);
    const call = await callOf(line.id, sid);
    expect(call).toMatchObject({ customerId: null, queue: 'payments' });
    const interaction = await request(t.app).get(`/api/interactions/${call.interactionId}`).set(admin.auth).expect(200);
    expect(interaction.body).toMatchObject({ customer: null, contactPhone: phone });
  });

  it('from an unknown number: an unknown contact; two wrong or missing keys → an agent, never the menu again', async () => {
    const line = await makeLine();
    const phone = randomNumber();
    const sid = callSid();
    await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: phone, To: line.number }).expect(200);
    expect(await callOf(line.id, sid)).toMatchObject({ callerMatch: 'unknown', customerId: null });
    const second = await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: '7' }).expect(200);
    expect(second.text).toContain('not one of the choices');
    expect(second.text).toContain('menu?attempt=2');
    const fallback = await twilio('/api/voice/twilio/menu?attempt=2', { CallSid: sid }).expect(200);
    expect(fallback.text).toContain('<Enqueue>agent</Enqueue>');
    expect(fallback.text).not.toContain('<Gather');
    const call = await callOf(line.id, sid);
    expect(call).toMatchObject({ queue: 'agent', menuAttempts: 2 });
    const caseRes = await request(t.app).get(`/api/cases/${call.caseId}`).set(admin.auth).expect(200);
    expect(caseRes.body).toMatchObject({ type: 'question', customer: null, branchId });
    const interaction = await request(t.app).get(`/api/interactions/${call.interactionId}`).set(admin.auth).expect(200);
    expect(interaction.body).toMatchObject({ customer: null, contactPhone: phone, channel: 'phone_inbound' });
  });

  it('delivered five times at once, a menu choice opens one case and answers each the same document', async () => {
    const line = await makeLine();
    const phone = randomNumber();
    const { customer } = await makeCustomer(t.app, admin, branchId, { phone });
    const sid = callSid();
    await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: phone, To: line.number }).expect(200);
    const answers = await Promise.all(Array.from({ length: 5 }, () => twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: '3' })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await t.db('service_cases').where({ customer_id: customer.id }).count({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await t.db('service_interactions').where({ customer_id: customer.id }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('on the urgent key: an urgent case and the first free agent', async () => {
    const line = await makeLine();
    const phone = randomNumber();
    const { customer } = await makeCustomer(t.app, admin, branchId, { phone });
    const sid = callSid();
    const incoming = await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: phone, To: line.number }).expect(200);
    expect(incoming.text).toContain('An accident happening now: press 9.');
    const urgent = await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: '9' }).expect(200);
    expect(urgent.text).toContain('<Enqueue>urgent</Enqueue>');
    const call = await callOf(line.id, sid);
    const caseRes = await request(t.app).get(`/api/cases/${call.caseId}`).set(admin.auth).expect(200);
    expect(caseRes.body).toMatchObject({ priority: 'urgent', type: 'claim_follow_up', customer: { id: customer.id } });
  });

  it('after hours: voicemail with transcription → a case with the transcription; the hang-up before it changes nothing', async () => {
    const line = await makeLine({ calendarId: closedCalendar });
    const phone = randomNumber();
    const { customer } = await makeCustomer(t.app, admin, branchId, { phone });
    const sid = callSid();
    const incoming = await telnyx('/api/voice/telnyx/incoming', { CallSid: sid, From: phone, To: line.number }).expect(200);
    expect(incoming.text).toContain('<Record action="/api/voice/telnyx/voicemail"');
    expect(incoming.text).toContain('transcription="true" transcriptionCallback="/api/voice/telnyx/transcription"');
    expect(incoming.text).not.toContain('<Gather');
    await telnyx('/api/voice/telnyx/voicemail', { CallSid: sid, RecordingUrl: 'https://rec.example/vm1', RecordingDuration: '12' }).expect(200);
    await telnyx('/api/voice/telnyx/status', { CallSid: sid, CallStatus: 'completed', CallDuration: '40' }).expect(200);
    expect((await callOf(line.id, sid)).caseId).toBeNull();
    const transcription = { CallSid: sid, TranscriptionText: 'My car was hit in the car park, please call me back.', RecordingUrl: 'https://rec.example/vm1' };
    await telnyx('/api/voice/telnyx/transcription', transcription).expect(200);
    await telnyx('/api/voice/telnyx/transcription', transcription).expect(200);
    const call = await callOf(line.id, sid);
    expect(call).toMatchObject({ afterHours: true, queue: 'voicemail', transcription: transcription.TranscriptionText });
    const caseRes = await request(t.app).get(`/api/cases/${call.caseId}`).set(admin.auth).expect(200);
    expect(caseRes.body.description).toContain('My car was hit in the car park');
    expect(caseRes.body.customer).toMatchObject({ id: customer.id });
    const interaction = await request(t.app).get(`/api/interactions/${call.interactionId}`).set(admin.auth).expect(200);
    expect(interaction.body).toMatchObject({ durationSeconds: 40, outcome: 'completed (voicemail)' });
    expect(await t.db('service_cases').where({ customer_id: customer.id }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('whose final status overtakes the incoming webhook: the call still ends completed and logged', async () => {
    const line = await makeLine();
    const phone = randomNumber();
    const sid = callSid();
    await twilio('/api/voice/twilio/status', { CallSid: sid, CallStatus: 'completed', CallDuration: '3', SequenceNumber: '2' }).expect(200);
    await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: phone, To: line.number }).expect(200);
    const call = await callOf(line.id, sid);
    expect(call).toMatchObject({ status: 'completed', durationSeconds: 3, caseId: null });
    const interaction = await request(t.app).get(`/api/interactions/${call.interactionId}`).set(admin.auth).expect(200);
    expect(interaction.body).toMatchObject({ contactPhone: phone, durationSeconds: 3, outcome: 'completed in the menu', subject: `${line.name}: Call ended in the menu` });
  });

  it('to a number no line has: not in service, nothing recorded but the request', async () => {
    const res = await twilio('/api/voice/twilio/incoming', { CallSid: callSid(), From: randomNumber(), To: randomNumber(800) }).expect(200);
    expect(res.text).toContain('not in service');
    expect(res.text).toContain('<Hangup/>');
  });
});
