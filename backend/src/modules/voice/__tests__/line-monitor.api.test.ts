// Per-line monitoring on a real PostgreSQL: thresholds an admin sets on a line (versioned with it),
// every verified webhook request timed where it is handled, the window's figures from hand-made
// call data (calls, answered within 20 seconds, abandoned, missed, webhook p95 and error rate), and
// the every-minute job: a threshold crossed raises one alert task per breach episode — not one a
// run, not one per instance — and a new episode only after the figure came back within bounds.
import crypto from 'node:crypto';
import request from 'supertest';
import { withJobSender } from '../../../../test/support/report-exports';
import { appForFile } from '../../../../test/support/test-app';
import { makeBranch, makeUser, sessionAs, type Session } from '../../../../test/support/factories';
import { TEST_TWILIO_AUTH_TOKEN } from '../../../../test/support/voice-keys';
import type { PhoneLineThresholds } from '../../../contracts/voice';
import { LINE_MONITOR_JOB } from '../line-monitor.service';
import { twilioSignature } from '../signatures';

const t = appForFile();
withJobSender(t);
const PUBLIC_URL = 'https://service.test';

let admin: Session;
let branchId: string;
let calendarId: string;
let agentId: string;

const ALL_DAY = [{ from: '00:00', to: '24:00' }];
const randomNumber = (area = 212) => `+1${area}${crypto.randomInt(200, 1000)}${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`;
const callSid = () => `CA${crypto.randomBytes(16).toString('hex')}`;
const WATCHED: PhoneLineThresholds = {
  windowMinutes: 60,
  maxCalls: null,
  minAnsweredWithin20sPercent: null,
  maxAbandoned: null,
  maxMissed: null,
  maxWebhookP95Ms: null,
  maxWebhookErrorPercent: null,
};

function lineBody(overrides: Record<string, unknown> = {}) {
  return {
    number: randomNumber(800),
    name: `Line ${crypto.randomBytes(3).toString('hex')}`,
    greeting: 'Welcome to Policydesk Insurance.',
    calendarId,
    branchId,
    menu: [
      { digit: '1', queue: 'claims', label: 'Claims' },
      { digit: '0', queue: 'agent', label: 'An agent' },
    ],
    urgent: null,
    afterHours: 'voicemail',
    voicemailPrompt: 'Leave a message after the tone.',
    active: true,
    ...overrides,
  };
}

async function makeLine(thresholds: Partial<typeof WATCHED> = {}) {
  const res = await request(t.app)
    .post('/api/phone-lines')
    .set(admin.auth)
    .send(lineBody({ thresholds: { ...WATCHED, ...thresholds } }))
    .expect(201);
  return res.body as { id: string; number: string; name: string; version: number; thresholds: typeof WATCHED };
}

function twilio(path: string, params: Record<string, string>) {
  const signature = twilioSignature(TEST_TWILIO_AUTH_TOKEN, `${PUBLIC_URL}${path}`, Object.entries(params));
  return request(t.app).post(path).set('Content-Type', 'application/x-www-form-urlencoded').set('X-Twilio-Signature', signature).send(new URLSearchParams(params).toString());
}

/** Hand-made calls on the line, started `minutesAgo`. */
async function insertCalls(lineId: string, n: number, minutesAgo = 5) {
  const at = new Date(t.clock.now().getTime() - minutesAgo * 60_000);
  await t.db('voice_calls').insert(
    Array.from({ length: n }, () => ({
      provider: 'twilio',
      call_id: callSid(),
      line_id: lineId,
      from_number: randomNumber(),
      caller_match: 'unknown',
      status: 'completed',
      after_hours: false,
      started_at: at,
      updated_at: at,
    })),
  );
}

/** Hand-made webhook timings on the line. */
async function insertRequests(lineId: string, durations: number[], status = 200, minutesAgo = 2) {
  const at = new Date(t.clock.now().getTime() - minutesAgo * 60_000);
  await t.db('voice_webhook_requests').insert(durations.map((d) => ({ line_id: lineId, provider: 'twilio', event: 'menu', received_at: at, duration_ms: d, status })));
}

const metricsOf = async (lineId: string, query = '') => (await request(t.app).get(`/api/phone-lines/${lineId}/metrics${query}`).set(admin.auth).expect(200)).body;
const alertTasks = (lineId: string) =>
  t
    .db('service_tasks as k')
    .join('voice_line_alerts as a', 'a.task_id', 'k.id')
    .where('a.line_id', lineId)
    .orderBy('k.created_at')
    .select('k.id', 'k.title', 'k.source', 'k.source_key', 'k.priority', 'k.branch_id', 'a.metric');
const runMonitor = (lineId: string) => t.jobs.runNow(LINE_MONITOR_JOB, { lineIds: [lineId] });

beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
  branchId = (await makeBranch(t.db)).id;
  agentId = (await makeUser(t.db, { role: 'agent', branchId })).id;
  const [row] = await t
    .db('service_calendars')
    .insert({
      name: `Monitor test ${crypto.randomUUID()}`,
      time_zone: 'UTC',
      hours: JSON.stringify({ mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }),
      holidays: '[]',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id');
  calendarId = row.id as string;
});

describe('thresholds', () => {
  it('are part of the line: set by admins with If-Match, kept when a change omits them, in the history; bad values are 400 field errors', async () => {
    const line = await makeLine({ maxCalls: 100, maxWebhookP95Ms: 200, maxWebhookErrorPercent: 1 });
    expect(line.thresholds).toEqual({ ...WATCHED, maxCalls: 100, maxWebhookP95Ms: 200, maxWebhookErrorPercent: 1 });
    const withoutThresholds = lineBody({ number: line.number, name: line.name });
    const renamed = await request(t.app).put(`/api/phone-lines/${line.id}`).set(admin.auth).set('If-Match', '"1"').send(withoutThresholds).expect(200);
    expect(renamed.body.thresholds.maxCalls).toBe(100);
    const bad = await request(t.app)
      .put(`/api/phone-lines/${line.id}`)
      .set(admin.auth)
      .set('If-Match', '"2"')
      .send({ ...withoutThresholds, thresholds: { ...WATCHED, windowMinutes: 1, maxWebhookErrorPercent: 120 } })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['thresholds.maxWebhookErrorPercent', 'thresholds.windowMinutes']);
    const manager = await sessionAs(t, 'manager', branchId);
    await request(t.app).get(`/api/phone-lines/${line.id}/metrics`).set(manager.auth).expect(200);
    const agent = await sessionAs(t, 'agent', branchId);
    await request(t.app).get(`/api/phone-lines/${line.id}/metrics`).set(agent.auth).expect(403);
    const history = await request(t.app).get(`/api/phone-lines/${line.id}/history`).set(admin.auth).expect(200);
    expect(history.body.items[1].line.thresholds.maxCalls).toBe(100);
  });
});

describe('webhook timings', () => {
  it('each verified request is timed against its line, with its answer; a forged one is not counted', async () => {
    const line = await makeLine();
    const sid = callSid();
    await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: randomNumber(), To: line.number }).expect(200);
    await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: '1' }).expect(200);
    // Verified but naming no call: a 400 the provider got, an error of the line (found by the number called).
    await twilio('/api/voice/twilio/menu?attempt=1', { To: line.number, Digits: '1' }).expect(400);
    // Not the provider's: not counted.
    await request(t.app)
      .post('/api/voice/twilio/incoming')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`CallSid=${callSid()}&To=${encodeURIComponent(line.number)}`)
      .expect(403);
    const rows = await t.db('voice_webhook_requests').where({ line_id: line.id }).orderBy('id').select('event', 'status', 'duration_ms');
    expect(rows.map((r) => [r.event, r.status])).toEqual([
      ['incoming', 200],
      ['menu', 200],
      ['menu', 400],
    ]);
    expect(rows.every((r) => r.duration_ms > 0)).toBe(true);
    const m = await metricsOf(line.id);
    expect(m).toMatchObject({ calls: 1, queued: 1, webhook: { requests: 3, errors: 1, errorPercent: 33.33 } });
  });
});

describe('the window’s figures', () => {
  it('counts calls, answered within 20 seconds, abandoned and missed from the ringing calls, and the webhook p95 and error rate', async () => {
    const line = await makeLine({ minAnsweredWithin20sPercent: 80 });
    // Four calls routed for real (a case each), then made what the test needs.
    const sids = [callSid(), callSid(), callSid(), callSid()];
    for (const sid of sids) {
      await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: randomNumber(), To: line.number }).expect(200);
      await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: '1' }).expect(200);
    }
    const ringing = await t.db('voice_ringing_calls').where({ line_id: line.id }).orderBy('created_at').select('id', 'created_at');
    expect(ringing).toHaveLength(4);
    const at = (i: number, seconds: number) => new Date(new Date(ringing[i].created_at).getTime() + seconds * 1000);
    const ringUntil = (i: number) => at(i, 60);
    await t
      .db('voice_ringing_calls')
      .where({ id: ringing[0].id })
      .update({ status: 'taken', taken_by: agentId, taken_at: at(0, 12) });
    await t
      .db('voice_ringing_calls')
      .where({ id: ringing[1].id })
      .update({ status: 'taken', taken_by: agentId, taken_at: at(1, 35) });
    await t
      .db('voice_ringing_calls')
      .where({ id: ringing[2].id })
      .update({ status: 'missed', missed_at: at(2, 20), ring_until: ringUntil(2) });
    await t
      .db('voice_ringing_calls')
      .where({ id: ringing[3].id })
      .update({ status: 'missed', missed_at: ringUntil(3), ring_until: ringUntil(3) });
    await insertCalls(line.id, 2);
    // An old call and old timings: outside the window.
    await insertCalls(line.id, 3, 90);
    await t.db('voice_webhook_requests').where({ line_id: line.id }).delete();
    await insertRequests(line.id, [...Array.from({ length: 18 }, () => 10), 500, 900]);
    await insertRequests(line.id, [20], 502);
    await insertRequests(line.id, [5000, 5000, 5000], 200, 120);

    const m = await metricsOf(line.id);
    expect(m).toMatchObject({
      windowMinutes: 60,
      calls: 6,
      queued: 4,
      answeredWithin20s: 1,
      answeredWithin20sPercent: 25,
      abandoned: 1,
      missed: 1,
      webhook: { requests: 21, errors: 1, errorPercent: 4.76 },
    });
    expect(m.webhook.p95Ms).toBe(500);
    expect(m.breaches).toEqual([{ metric: 'answered_within_20s', value: 25, threshold: 80 }]);
    // A longer window takes the old ones in.
    expect(await metricsOf(line.id, '?windowMinutes=180')).toMatchObject({ calls: 9, webhook: { requests: 24 } });
  });
});

describe('alerts', () => {
  it('a threshold crossed raises one alert task, however often the job runs; back within it, the episode ends; crossed again, a new task', async () => {
    const line = await makeLine({ maxCalls: 3 });
    await insertCalls(line.id, 3);
    await runMonitor(line.id);
    expect(await alertTasks(line.id)).toEqual([]);

    await insertCalls(line.id, 2);
    await runMonitor(line.id);
    await runMonitor(line.id);
    // Two instances at once: still one.
    await Promise.all([runMonitor(line.id), runMonitor(line.id)]);
    const tasks = await alertTasks(line.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ metric: 'calls', source: 'voice', priority: 'high', branch_id: branchId });
    expect(tasks[0].title).toContain(`Phone line ${line.name} (${line.number}): 5 calls, more than 3 in 60 minutes`);
    const shown = await metricsOf(line.id);
    expect(shown.breaches).toEqual([{ metric: 'calls', value: 5, threshold: 3 }]);
    expect(shown.alerts).toEqual([expect.objectContaining({ metric: 'calls', value: 5, threshold: 3, clearedAt: null, taskId: tasks[0].id })]);

    // The calls leave the window: the episode ends (no new task).
    await t
      .db('voice_calls')
      .where({ line_id: line.id })
      .update({ started_at: new Date(t.clock.now().getTime() - 2 * 3_600_000) });
    await runMonitor(line.id);
    expect(await alertTasks(line.id)).toHaveLength(1);
    expect((await metricsOf(line.id)).alerts[0].clearedAt).not.toBeNull();

    // A new burst: a new episode, a second task.
    await insertCalls(line.id, 4);
    await runMonitor(line.id);
    await runMonitor(line.id);
    expect(await alertTasks(line.id)).toHaveLength(2);
  });

  it('webhook p95 over 200 ms and error rate over 1%: one task each', async () => {
    const line = await makeLine({ maxWebhookP95Ms: 200, maxWebhookErrorPercent: 1 });
    await insertRequests(
      line.id,
      Array.from({ length: 95 }, () => 40),
    );
    await runMonitor(line.id);
    expect(await alertTasks(line.id)).toEqual([]);
    await insertRequests(
      line.id,
      Array.from({ length: 10 }, () => 450),
    );
    await insertRequests(line.id, [30, 30], 500);
    await runMonitor(line.id);
    await runMonitor(line.id);
    const tasks = await alertTasks(line.id);
    expect(tasks.map((k) => k.metric).sort()).toEqual(['webhook_error_rate', 'webhook_p95_ms']);
    expect(tasks.find((k) => k.metric === 'webhook_p95_ms')!.title).toMatch(/webhook p95 450 ms, over 200 ms/);
  });

  it('a line without thresholds raises nothing', async () => {
    const line = await makeLine();
    await insertCalls(line.id, 50);
    await runMonitor(line.id);
    expect(await alertTasks(line.id)).toEqual([]);
  });
});
