// `npm run call:simulate` plays a whole call against a listening server, signing each webhook with
// the local keys it reads from DATA_DIR/secrets.json — here the keys the test app verifies with.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { withJobSender } from '../../../../test/support/report-exports';
import { appForFile } from '../../../../test/support/test-app';
import { makeBranch, makeCustomer, sessionAs, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { TEST_TELNYX, TEST_TWILIO_AUTH_TOKEN } from '../../../../test/support/voice-keys';

const t = appForFile();
// A routed call queues its ring timeout (pg-boss) in the webhook's transaction.
withJobSender(t);
const ALL_DAY = [{ from: '00:00', to: '24:00' }];
let admin: Session;
let branchId: string;
let lineNumber: string;
let lineId: string;
let baseUrl: string;
let dataDir: string;
let server: ReturnType<typeof t.app.listen>;

const randomNumber = (area: number) => `+1${area}${crypto.randomInt(200, 1000)}${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`;

function simulate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, '../../../cli/call-simulate.ts'), '--url', baseUrl, ...args],
      { encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH, DATA_DIR: dataDir, PUBLIC_URL: 'https://service.test', LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
  branchId = (await makeBranch(t.db)).id;
  const [calendar] = await t
    .db('service_calendars')
    .insert({
      name: `Simulate ${crypto.randomUUID()}`,
      time_zone: 'UTC',
      hours: JSON.stringify({ mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }),
      holidays: '[]',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id');
  const line = await request(t.app)
    .post('/api/phone-lines')
    .set(admin.auth)
    .send({
      number: randomNumber(800),
      name: 'Simulated line',
      greeting: 'Hello.',
      calendarId: calendar.id,
      branchId,
      menu: [
        { digit: '1', queue: 'claims', label: 'Claims' },
        { digit: '2', queue: 'payments', label: 'Payments' },
      ],
      urgent: null,
      afterHours: 'voicemail',
      voicemailPrompt: 'Leave a message.',
      active: true,
    })
    .expect(201);
  lineNumber = line.body.number;
  lineId = line.body.id;
  // The local keys as the server generates them into DATA_DIR/secrets.json (here: the test app's).
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-simulate-'));
  fs.writeFileSync(
    path.join(dataDir, 'secrets.json'),
    JSON.stringify({
      voiceTelnyxPrivateKey: TEST_TELNYX.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      voiceTelnyxPublicKey: TEST_TELNYX.publicKeyBase64,
      voiceTwilioAuthToken: TEST_TWILIO_AUTH_TOKEN,
    }),
  );
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The status of the ringing (screen pop) row of the call from this number. */
async function ringingOf(from: string): Promise<string | undefined> {
  const row = await t.db('voice_ringing_calls as r').join('voice_calls as c', 'c.id', 'r.call_id').where('c.from_number', from).first('r.status');
  return row?.status;
}

async function callFrom(from: string) {
  const res = await request(t.app).get(`/api/phone-lines/${lineId}/calls`).set(admin.auth).expect(200);
  return (res.body.items as { from: string; status: string; queue: string; customerId: string | null; caseId: string; durationSeconds: number }[]).find((c) => c.from === from)!;
}

it(
  'plays a Telnyx call from a customer’s number to the end: menu key 2, a payments case, the call completed',
  async () => {
    const phone = randomNumber(617);
    const { customer } = await makeCustomer(t.app, admin, branchId, { phone });
    const result = await simulate(['--line', lineNumber, '--from', phone, '--digits', '2', '--duration', '42']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<Enqueue>payments</Enqueue>');
    expect(await callFrom(phone)).toMatchObject({ status: 'completed', queue: 'payments', customerId: customer.id, durationSeconds: 42 });
    // The caller hung up while the call rang for the payments agents: a missed call.
    expect(await ringingOf(phone)).toBe('missed');
  },
  PROCESS_TEST_TIMEOUT_MS,
);

it(
  'with --wait leaves the caller waiting in the queue: the call rings until an agent takes it',
  async () => {
    const phone = randomNumber(617);
    const result = await simulate(['--line', lineNumber, '--from', phone, '--digits', '1', '--wait']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('waits in the claims queue');
    expect(await callFrom(phone)).toMatchObject({ status: 'in_progress', queue: 'claims' });
    expect(await ringingOf(phone)).toBe('ringing');
  },
  PROCESS_TEST_TIMEOUT_MS,
);

it(
  'plays a Twilio call from an unknown number that presses nothing: the agent after two tries',
  async () => {
    const phone = randomNumber(212);
    const result = await simulate(['--line', lineNumber, '--from', phone, '--provider', 'twilio']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<Enqueue>agent</Enqueue>');
    expect(await callFrom(phone)).toMatchObject({ status: 'completed', queue: 'agent', customerId: null });
  },
  PROCESS_TEST_TIMEOUT_MS,
);

it(
  'refuses to run without a line and a caller',
  async () => {
    expect((await simulate(['--line', lineNumber])).code).toBe(2);
  },
  PROCESS_TEST_TIMEOUT_MS,
);
