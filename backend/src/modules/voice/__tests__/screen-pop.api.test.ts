// The screen pop on a real PostgreSQL: agents' availability per queue (audited), a call routed by
// the signed webhook rings for the agents available in its queue (urgent: for every available one)
// in their branches — over server-sent events, heard through LISTEN/NOTIFY — the first of two
// agents taking it at once wins (the other 409 CALL_ALREADY_TAKEN, and it is gone from every
// stream), and a call nobody takes within the ring time becomes a missed call once: a callback task
// and a text to the caller through the outbox.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { RingingCall, ScreenPopEvent } from '../../../contracts/voice';
import { withJobSender } from '../../../../test/support/report-exports';
import { appForFile, createTestApp, type TestApp } from '../../../../test/support/test-app';
import { makeBranch, makeCustomer, makeUser, sessionAs, type Session } from '../../../../test/support/factories';
import { TEST_TWILIO_AUTH_TOKEN } from '../../../../test/support/voice-keys';
import { twilioSignature } from '../signatures';
import { RING_TIMEOUT_JOB } from '../screen-pop.service';

const t = appForFile({ env: { VOICE_RING_TIMEOUT_SECONDS: '45' } });
withJobSender(t);

const ALL_DAY = [{ from: '00:00', to: '24:00' }];
let admin: Session;
let branchId: string;
let otherBranchId: string;
let line: { id: string; number: string; name: string };

const randomNumber = (area = 212) => `+1${area}${crypto.randomInt(200, 1000)}${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`;
const callSid = () => `CA${crypto.randomBytes(16).toString('hex')}`;

function twilio(path: string, params: Record<string, string>) {
  return request(t.app)
    .post(path)
    .set('Content-Type', 'application/x-www-form-urlencoded')
    .set('X-Twilio-Signature', twilioSignature(TEST_TWILIO_AUTH_TOKEN, `https://service.test${path}`, Object.entries(params)))
    .send(new URLSearchParams(params).toString());
}

/** A whole inbound call up to the queue: the incoming webhook, then the menu key. */
async function placeCall(from: string, digit: string) {
  const sid = callSid();
  await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: from, To: line.number, CallStatus: 'ringing' }).expect(200);
  const menu = await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: digit }).expect(200);
  expect(menu.text).toContain('<Enqueue');
  const call = await t.db('voice_calls').where({ provider: 'twilio', call_id: sid }).first();
  const ringing = await t.db('voice_ringing_calls').where({ call_id: call.id }).first();
  return { sid, callId: call.id as string, ringingId: ringing?.id as string | undefined, caseId: call.case_id as string };
}

async function agentIn(queues: string[], branch = branchId) {
  const session = await sessionAs(t, 'agent', branch);
  await request(t.app).put('/api/agent-availability').set(session.auth).send({ queues }).expect(200);
  return session;
}

const ringingIds = async (s: Session) => ((await request(t.app).get('/api/ringing-calls').set(s.auth).expect(200)).body.items as RingingCall[]).map((c) => c.id);

beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
  branchId = (await makeBranch(t.db)).id;
  otherBranchId = (await makeBranch(t.db)).id;
  const [calendar] = await t
    .db('service_calendars')
    .insert({
      name: `Screen pop ${crypto.randomUUID()}`,
      time_zone: 'UTC',
      hours: JSON.stringify({ mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }),
      holidays: '[]',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id');
  const created = await request(t.app)
    .post('/api/phone-lines')
    .set(admin.auth)
    .send({
      number: randomNumber(800),
      name: `Pop line ${crypto.randomBytes(3).toString('hex')}`,
      greeting: 'Welcome.',
      calendarId: calendar.id,
      branchId,
      menu: [
        { digit: '1', queue: 'claims', label: 'Claims' },
        { digit: '2', queue: 'payments', label: 'Payments' },
      ],
      urgent: { digit: '9', label: 'An accident now' },
      afterHours: 'voicemail',
      voicemailPrompt: 'Leave a message.',
      active: true,
    })
    .expect(201);
  line = created.body;
});

describe('agent availability', () => {
  it('is set per queue by the agent, read back, audited; bad queues are 400, other roles 403', async () => {
    const agent = await sessionAs(t, 'agent', branchId);
    expect((await request(t.app).get('/api/agent-availability').set(agent.auth).expect(200)).body).toEqual({ queues: [] });
    const set = await request(t.app)
      .put('/api/agent-availability')
      .set(agent.auth)
      .send({ queues: ['payments', 'claims', 'claims'] })
      .expect(200);
    expect(set.body.queues.map((q: { queue: string }) => q.queue)).toEqual(['claims', 'payments']);
    const since = set.body.queues[0].since as string;
    // Keeping a queue keeps its "since"; dropping one removes it.
    const again = await request(t.app)
      .put('/api/agent-availability')
      .set(agent.auth)
      .send({ queues: ['claims'] })
      .expect(200);
    expect(again.body.queues).toEqual([{ queue: 'claims', since }]);
    expect((await request(t.app).get('/api/agent-availability').set(agent.auth).expect(200)).body.queues).toEqual([{ queue: 'claims', since }]);

    const bad = await request(t.app)
      .put('/api/agent-availability')
      .set(agent.auth)
      .send({ queues: ['urgent'] })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const underwriter = await sessionAs(t, 'underwriter', branchId);
    await request(t.app)
      .put('/api/agent-availability')
      .set(underwriter.auth)
      .send({ queues: ['claims'] })
      .expect(403);
    await request(t.app).get('/api/ringing-calls/stream').set(underwriter.auth).expect(403);

    const me = (await request(t.app).get('/api/auth/me').set(agent.auth).expect(200)).body.user as { id: string };
    const audit = await t.db('audit_log').where({ action: 'agent_availability.update', entity_id: me.id }).orderBy('id').select('changes');
    expect(audit).toHaveLength(2);
  });
});

describe('a routed call rings', () => {
  it('for the agents available in its queue and branches, with the caller’s card; urgent ones for every available agent', async () => {
    const claimsAgent = await agentIn(['claims']);
    const paymentsAgent = await agentIn(['payments']);
    const elsewhere = await agentIn(['claims'], otherBranchId);
    const away = await sessionAs(t, 'agent', branchId);
    const phone = randomNumber();
    const { customer } = await makeCustomer(t.app, admin, branchId, { phone });

    const claims = await placeCall(phone, '1');
    expect(claims.ringingId).toBeDefined();
    expect(await ringingIds(claimsAgent)).toContain(claims.ringingId);
    expect(await ringingIds(paymentsAgent)).not.toContain(claims.ringingId);
    expect(await ringingIds(elsewhere)).not.toContain(claims.ringingId);
    expect(await ringingIds(away)).not.toContain(claims.ringingId);

    const pop = ((await request(t.app).get('/api/ringing-calls').set(claimsAgent.auth).expect(200)).body.items as RingingCall[]).find((c) => c.id === claims.ringingId)!;
    expect(pop).toMatchObject({ queue: 'claims', status: 'ringing', from: phone, caseId: claims.caseId, line: { id: line.id, name: line.name } });
    expect(pop.caller?.customer).toMatchObject({ id: customer.id, customerNumber: customer.customerNumber, status: expect.any(String), kycStatus: expect.any(String) });
    // Each module's part of the card, in order: the call's own case is among the open cases.
    expect(Object.keys(pop.caller!.sections)).toEqual(['openCases', 'policies', 'overduePremium', 'openClaims']);
    expect(pop.caller!.sections.openCases).toMatchObject({ count: 1, items: [{ id: claims.caseId, href: `/cases/${claims.caseId}` }] });
    expect(pop.caller!.sections.policies).toMatchObject({ count: 0, items: [] });
    expect(pop.caller!.sections.overduePremium).toMatchObject({ count: 0, total: { amount: 0 } });
    expect(pop.caller!.sections.openClaims).toMatchObject({ count: 0, items: [] });
    expect(Date.parse(pop.ringUntil) - Date.parse(pop.createdAt)).toBe(45_000);

    const urgent = await placeCall(randomNumber(), '9');
    expect(await ringingIds(paymentsAgent)).toContain(urgent.ringingId);
    expect(await ringingIds(claimsAgent)).toContain(urgent.ringingId);
    const unknown = ((await request(t.app).get('/api/ringing-calls').set(claimsAgent.auth).expect(200)).body.items as RingingCall[]).find((c) => c.id === urgent.ringingId)!;
    expect(unknown).toMatchObject({ queue: 'urgent', caller: null });

    // Its ring timeout was queued in the webhook's transaction, to start when the ring time ends.
    const job = await t.db('pgboss.job').where({ name: RING_TIMEOUT_JOB }).whereRaw(`data->>'ringingId' = ?`, [claims.ringingId!]).first('start_after');
    expect(job.start_after.toISOString()).toBe(pop.ringUntil);
  });
});

describe('taking a call', () => {
  it('goes to exactly one of two agents taking it at once; the other gets 409 CALL_ALREADY_TAKEN', async () => {
    const a = await agentIn(['payments']);
    const b = await agentIn(['payments']);
    for (let round = 0; round < 5; round++) {
      const { ringingId, caseId } = await placeCall(randomNumber(), '2');
      const results = await Promise.all([a, b].map((s) => request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(s.auth)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!;
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body.code).toBe('CALL_ALREADY_TAKEN');
      expect(winner.body).toMatchObject({ id: ringingId, status: 'taken', caseId, takenBy: { id: expect.any(String) } });
      // The case the call opened is the taker's now, audited as a case update.
      expect((await t.db('service_cases').where({ id: caseId }).first('assignee_id')).assignee_id).toBe(winner.body.takenBy.id);
      expect(await t.db('audit_log').where({ action: 'case.update', entity_id: caseId, actor_user_id: winner.body.takenBy.id })).toHaveLength(1);
      expect(await ringingIds(a)).not.toContain(ringingId);
      expect(await ringingIds(b)).not.toContain(ringingId);
    }
    const takes = await t.db('audit_log').where({ action: 'ringing_call.take' }).count<{ count: string }[]>('* as count');
    expect(Number(takes[0]!.count)).toBeGreaterThanOrEqual(5);
    await request(t.app).post(`/api/ringing-calls/${crypto.randomUUID()}/take`).set(a.auth).expect(404);
    await request(t.app).post('/api/ringing-calls/not-an-id/take').set(a.auth).expect(400);
  });

  it('leaves a case someone already owns with them', async () => {
    const taker = await agentIn(['payments']);
    const { ringingId, caseId } = await placeCall(randomNumber(), '2');
    const owner = await makeUser(t.db, { role: 'senior_agent', branchId });
    await t.db('service_cases').where({ id: caseId }).update({ assignee_id: owner.id });
    await request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(taker.auth).expect(200);
    expect((await t.db('service_cases').where({ id: caseId }).first('assignee_id')).assignee_id).toBe(owner.id);
  });

  it('is refused outside the agent’s branches (404)', async () => {
    await agentIn(['claims']);
    const outsider = await agentIn(['claims'], otherBranchId);
    const { ringingId } = await placeCall(randomNumber(), '1');
    const res = await request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(outsider.auth).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});

describe('the stream (server-sent events)', () => {
  let server: http.Server;
  let base: string;
  // A second instance of the API on the same database, with its own pool and LISTEN connection.
  let other: TestApp;
  let otherServer: http.Server;
  let otherBase: string;
  const listen = async (app: TestApp) => {
    const s = app.app.listen(0, '127.0.0.1');
    await new Promise((r) => s.once('listening', r));
    return { s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
  };
  beforeAll(async () => {
    await t.start(); // LISTEN voice_ringing
    ({ s: server, url: base } = await listen(t));
    other = createTestApp({ env: { VOICE_RING_TIMEOUT_SECONDS: '45' } });
    await other.start();
    ({ s: otherServer, url: otherBase } = await listen(other));
  });
  afterAll(async () => {
    await Promise.all([t.stop(), other.stop()]);
    await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => otherServer.close(r))]);
    await other.close();
  });

  function open(s: Session, on = () => base) {
    const events: ScreenPopEvent[] = [];
    const waiters: (() => void)[] = [];
    const ends: (() => void)[] = [];
    let buffer = '';
    const req = http.get(`${on()}/api/ringing-calls/stream`, { headers: { ...s.auth, Accept: 'text/event-stream' } }, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      res.setEncoding('utf8');
      res.on('end', () => ends.forEach((f) => f()));
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as ScreenPopEvent);
          for (const w of waiters.splice(0)) w();
        }
      });
    });
    req.on('error', () => undefined);
    const until = async (predicate: (e: ScreenPopEvent) => boolean, ms = 5_000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such event in ${JSON.stringify(events.map((e) => e.type))}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    };
    const onEnd = (f: () => void) => ends.push(f);
    return { events, until, onEnd, close: () => req.destroy() };
  }

  it('pushes a new call to the available agents and tells everyone when it is taken', async () => {
    const a = await agentIn(['claims']);
    const b = await agentIn(['claims']);
    const other = await agentIn(['payments']);
    const phone = randomNumber();
    const { customer } = await makeCustomer(t.app, admin, branchId, { phone });
    const [sa, sb, so] = [open(a), open(b), open(other)];
    try {
      await Promise.all([sa, sb, so].map((s) => s.until((e) => e.type === 'ready')));
      const { ringingId } = await placeCall(phone, '1');
      const popped = (await sa.until((e) => e.type === 'ringing' && e.call.id === ringingId)) as Extract<ScreenPopEvent, { type: 'ringing' }>;
      expect(popped.call.caller?.customer.id).toBe(customer.id);
      await sb.until((e) => e.type === 'ringing' && e.call.id === ringingId);

      await request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(b.auth).expect(200);
      const gone = await sa.until((e) => e.type === 'gone' && e.id === ringingId);
      expect(gone).toMatchObject({ status: 'taken', takenBy: { id: expect.any(String) } });
      await so.until((e) => e.type === 'gone' && e.id === ringingId);
      // The payments agent never saw it ring.
      expect(so.events.some((e) => e.type === 'ringing' && e.call.id === ringingId)).toBe(false);

      // A stream opened now lists what still rings for the agent (not the taken call).
      const late = open(a);
      const ready = (await late.until((e) => e.type === 'ready')) as Extract<ScreenPopEvent, { type: 'ready' }>;
      expect(ready.items.map((c) => c.id)).not.toContain(ringingId);
      late.close();
    } finally {
      for (const s of [sa, sb, so]) s.close();
    }
  });

  it('works across instances: a call routed on one pops up on a stream of the other, and a take on that one removes it on the first', async () => {
    const a = await agentIn(['claims']);
    const b = await agentIn(['claims']);
    const onOther = open(a, () => otherBase);
    const onThis = open(b);
    try {
      await Promise.all([onOther.until((e) => e.type === 'ready'), onThis.until((e) => e.type === 'ready')]);
      const { ringingId } = await placeCall(randomNumber(), '1'); // the webhook reaches this instance
      await onOther.until((e) => e.type === 'ringing' && e.call.id === ringingId);
      await request(other.app).post(`/api/ringing-calls/${ringingId}/take`).set(a.auth).expect(200); // taken on the other
      await onThis.until((e) => e.type === 'gone' && e.id === ringingId);
      await request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(b.auth).expect(409);
    } finally {
      onOther.close();
      onThis.close();
    }
  });

  it('ends the streams when the instance starts draining (shutdown), so clients reconnect elsewhere', async () => {
    const a = await agentIn(['claims']);
    const onOther = open(a, () => otherBase);
    await onOther.until((e) => e.type === 'ready');
    const ended = new Promise<void>((resolve) => onOther.onEnd(resolve));
    other.drain();
    await ended; // (the test's timeout fails it otherwise)
  });
});

describe('the ring timeout', () => {
  afterEach(() => t.clock.reset());

  it('turns a call nobody took into a missed call once: a callback task and a text to the caller', async () => {
    const agent = await agentIn(['payments']);
    const phone = randomNumber();
    const { customer } = await makeCustomer(t.app, admin, branchId, { phone });
    const { ringingId, caseId } = await placeCall(phone, '2');

    // Not yet: the job fails (pg-boss retries it) and changes nothing.
    await expect(t.jobs.runNow(RING_TIMEOUT_JOB, { ringingId })).rejects.toThrow(/rings until/);
    expect((await t.db('voice_ringing_calls').where({ id: ringingId }).first()).status).toBe('ringing');

    t.clock.advance(46_000);
    const late = await request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(agent.auth).expect(409);
    expect(late.body.code).toBe('CALL_NO_LONGER_RINGING');
    expect(await ringingIds(agent)).not.toContain(ringingId);

    await t.jobs.runNow(RING_TIMEOUT_JOB, { ringingId });
    await t.jobs.runNow(RING_TIMEOUT_JOB, { ringingId }); // a retry changes nothing
    expect((await t.db('voice_ringing_calls').where({ id: ringingId }).first()).status).toBe('missed');

    const tasks = await t.db('service_tasks').where({ source: 'voice', source_key: `missed-call:${ringingId}` });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ branch_id: branchId, assignee_id: null, customer_id: customer.id, priority: 'high', status: 'open' });
    expect(tasks[0].links).toEqual(expect.arrayContaining([{ kind: 'case', id: caseId }]));

    const texts = await t.db('notification_outbox').where({ template_key: 'missed-call' }).where('idempotency_key', `missed-call:${ringingId}:text`);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ channel: 'sms', recipient: phone, customer_id: customer.id, purpose: 'service' });
    expect(texts[0].data).toMatchObject({ lineName: line.name, lineNumber: line.number });

    const taken = await request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(agent.auth).expect(409);
    expect(taken.body.code).toBe('CALL_NO_LONGER_RINGING');
    expect(await t.db('audit_log').where({ action: 'ringing_call.miss', entity_id: ringingId })).toHaveLength(1);
  });

  it('texts an unknown caller too, and files the urgent callback as urgent', async () => {
    await agentIn(['claims']);
    const phone = randomNumber();
    const { ringingId } = await placeCall(phone, '9');
    t.clock.advance(46_000);
    await t.jobs.runNow(RING_TIMEOUT_JOB, { ringingId });
    const [task] = await t.db('service_tasks').where({ source: 'voice', source_key: `missed-call:${ringingId}` });
    expect(task).toMatchObject({ priority: 'urgent', customer_id: null, branch_id: branchId });
    const [text] = await t.db('notification_outbox').where('idempotency_key', `missed-call:${ringingId}:text`);
    expect(text).toMatchObject({ channel: 'sms', recipient: phone, customer_id: null, status: 'pending' });
  });

  it('ends the pop at once when the caller hangs up while it rings: missed, with its callback task and text, once', async () => {
    const agent = await agentIn(['payments']);
    const phone = randomNumber();
    const { sid, ringingId } = await placeCall(phone, '2');
    expect(await ringingIds(agent)).toContain(ringingId);
    // Ten seconds in (well within the ring time), the provider reports the call ended.
    t.clock.advance(10_000);
    await twilio('/api/voice/twilio/status', { CallSid: sid, CallStatus: 'completed', CallDuration: '40', SequenceNumber: '3' }).expect(200);
    expect((await t.db('voice_ringing_calls').where({ id: ringingId }).first()).status).toBe('missed');
    expect(await ringingIds(agent)).not.toContain(ringingId);
    expect((await request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(agent.auth).expect(409)).body.code).toBe('CALL_NO_LONGER_RINGING');
    const [task] = await t.db('service_tasks').where({ source: 'voice', source_key: `missed-call:${ringingId}` });
    expect(task).toMatchObject({ description: 'The caller hung up before anyone took the call.', status: 'open' });
    expect(await t.db('notification_outbox').where('idempotency_key', `missed-call:${ringingId}:text`)).toHaveLength(1);
    // The ring timeout later finds it missed already: nothing more.
    t.clock.advance(60_000);
    await t.jobs.runNow(RING_TIMEOUT_JOB, { ringingId });
    expect(await t.db('service_tasks').where({ source: 'voice', source_key: `missed-call:${ringingId}` })).toHaveLength(1);
    const misses = await t.db('audit_log').where({ action: 'ringing_call.miss', entity_id: ringingId });
    expect(misses.map((a) => a.metadata.cause)).toEqual(['hang_up']);
  });

  it('leaves a taken call alone when the caller hangs up later', async () => {
    const agent = await agentIn(['claims']);
    const { sid, ringingId } = await placeCall(randomNumber(), '1');
    await request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(agent.auth).expect(200);
    await twilio('/api/voice/twilio/status', { CallSid: sid, CallStatus: 'completed', CallDuration: '300', SequenceNumber: '3' }).expect(200);
    expect((await t.db('voice_ringing_calls').where({ id: ringingId }).first()).status).toBe('taken');
    expect(await t.db('service_tasks').where({ source: 'voice', source_key: `missed-call:${ringingId}` })).toHaveLength(0);
  });

  it('leaves a taken call alone', async () => {
    const agent = await agentIn(['claims']);
    const { ringingId } = await placeCall(randomNumber(), '1');
    await request(t.app).post(`/api/ringing-calls/${ringingId}/take`).set(agent.auth).expect(200);
    t.clock.advance(60_000);
    await t.jobs.runNow(RING_TIMEOUT_JOB, { ringingId });
    expect((await t.db('voice_ringing_calls').where({ id: ringingId }).first()).status).toBe('taken');
    expect(await t.db('service_tasks').where({ source: 'voice', source_key: `missed-call:${ringingId}` })).toHaveLength(0);
  });
});
