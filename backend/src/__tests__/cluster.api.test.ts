// Several instances, one database (issue 23): three real server processes (server.ts, each with its
// own pool, LISTEN connection, pg-boss and memory) started at the same instant on an empty database.
// Nothing one instance needs may live in another's memory: migrations and seeds run once, the login
// lockout and the rate limits count once whichever instance a request reaches, a logout on one is
// refused on the others at the very next request, a call ringing on one instance pops up on a stream
// held by another, and a per-minute schedule runs once per minute however many instances run jobs.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import type { ScreenPopEvent } from '../contracts/voice';
import { createDb, type Db } from '../db';
import { twilioSignature } from '../modules/voice/signatures';
import { RUN_REPORT_SCHEDULES_JOB } from '../modules/reports/report-schedules.service';
import { makeBranch, makeUser, type TestUser } from '../../test/support/factories';
import { createMigratedDatabase, dropDatabase, ownerUrlOf } from '../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../test/support/timeouts';
import { TEST_TELNYX, TEST_TWILIO_AUTH_TOKEN } from '../../test/support/voice-keys';

const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
const KEY = Buffer.alloc(32, 23).toString('base64');
const INSTANCES = 3;
const API_LIMIT = 40;
const LOGIN_LIMIT = 12;
const PUBLIC_URL = 'https://service.test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Instance {
  base: string;
  child: ChildProcess;
  stderr: string[];
}

async function waitReady(instance: Instance): Promise<void> {
  // Three processes compiling and starting at once on a busy 2-core machine: wait as long as the budget allows.
  const deadline = Date.now() + PROCESS_TEST_TIMEOUT_MS - 30_000;
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null) throw new Error(`An instance exited with ${instance.child.exitCode}:\n${instance.stderr.join('').slice(-3000)}`);
    try {
      if ((await fetch(`${instance.base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${instance.base} did not become ready:\n${instance.stderr.join('').slice(-3000)}`);
}

let url: string;
let db: Db;
let instances: Instance[] = [];
let upAt: Date;
const dataDirs: string[] = [];

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl, 'policydesk_cluster', { migrate: false });
  const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
  // All three at the same instant, on a database without a single table.
  instances = ports.map((port) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-cluster-'));
    dataDirs.push(dataDir);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../server.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        MIGRATION_DATABASE_URL: ownerUrlOf(url),
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        // Production mode: the reference seeds only (the demo data's two-instance start is restart.api.test.ts's).
        APP_ENV: 'production',
        JOBS_ENABLED: 'true',
        LOG_LEVEL: 'warn',
        // Behind a load balancer: the client is X-Forwarded-For's (each test sends its own address).
        TRUST_PROXY: 'true',
        // Agents without a second factor (the admin enrols one: admins are never exempt).
        MFA_EXEMPT_ROLES: 'agent',
        RATE_LIMIT_PER_MINUTE: String(API_LIMIT),
        LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
        PASSWORD_HASH_COST: '12', // the factories' users are hashed at cost 4: their logins stay fast
        JWT_SIGNING_KEY: KEY,
        FIELD_ENCRYPTION_KEY: `cluster1:${KEY}`,
        BLIND_INDEX_KEY: KEY,
        PUBLIC_URL,
        VOICE_PROVIDERS: 'twilio,telnyx',
        TWILIO_AUTH_TOKEN: TEST_TWILIO_AUTH_TOKEN,
        TELNYX_PUBLIC_KEY: TEST_TELNYX.publicKeyBase64,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    return { base: `http://127.0.0.1:${port}`, child, stderr };
  });
  await Promise.all(instances.map(waitReady));
  upAt = new Date();
  db = createDb({ url, poolMax: 2 });
}, PROCESS_TEST_TIMEOUT_MS);

afterAll(async () => {
  await db?.destroy();
  await Promise.all(
    instances.map(
      (i) =>
        new Promise<void>((resolve) => {
          if (i.child.exitCode !== null) return resolve();
          i.child.once('exit', () => resolve());
          i.child.kill('SIGTERM');
        }),
    ),
  );
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  if (url) await dropDatabase(adminUrl, url);
}, PROCESS_TEST_TIMEOUT_MS);

/** A client of its own: every request carries this test's address as X-Forwarded-For. */
function client() {
  const ip = `10.${crypto.randomInt(0, 256)}.${crypto.randomInt(0, 256)}.${crypto.randomInt(1, 255)}`;
  const call = (i: number, pathname: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${instances[i % INSTANCES]!.base}${pathname}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        'X-Forwarded-For': ip,
        ...(init.body === undefined || typeof init.body === 'string' ? {} : { 'Content-Type': 'application/json' }),
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
  const login = (i: number, email: string, password: string) => call(i, '/api/auth/login', { body: { email, password } });
  const tokenOf = async (i: number, user: TestUser) => {
    const res = await login(i, user.email, user.password);
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  /** Production requires a second factor of admins (never exempt): the admin enrols TOTP, and the same token then works. */
  const enrolledTokenOf = async (i: number, user: TestUser) => {
    const token = await tokenOf(i, user);
    const started = await call(i, '/api/auth/mfa/enrolment', { method: 'POST', token });
    expect(started.status).toBe(200);
    const { secret } = (await started.json()) as { secret: string };
    const confirmed = await call(i, '/api/auth/mfa/enrolment/confirm', { token, body: { code: await generate({ secret }) } });
    expect(confirmed.status).toBe(200);
    return token;
  };
  return { ip, call, login, tokenOf, enrolledTokenOf };
}

describe('three instances started at the same instant on an empty database', () => {
  it('all become ready; the migrations and the seeds ran once (one history row per migration, each reference product once)', async () => {
    for (const i of instances) expect((await fetch(`${i.base}/readyz`)).status).toBe(200);
    const migrationFiles = fs.readdirSync(path.join(__dirname, '../../../migrations')).filter((f) => /^\d{14}_.+\.ts$/.test(f));
    const owner = createDb({ url: ownerUrlOf(url), poolMax: 1 });
    const history = await owner('knex_migrations')
      .select('name')
      .finally(() => owner.destroy());
    expect(history).toHaveLength(migrationFiles.length);
    expect(new Set(history.map((r) => r.name)).size).toBe(history.length);
    // The reference seeds (the catalog) once: every product code once.
    const duplicates = await db('products').select('code').count('* as c').groupBy('code').havingRaw('count(*) > 1');
    expect(duplicates).toEqual([]);
    expect(Number((await db('products').count('* as c'))[0]!.c)).toBeGreaterThan(0);
  });
});

describe('limits and lockout live in PostgreSQL', () => {
  it('ten wrong passwords spread over the instances lock the account once, at the 10th; then the right password is refused on every instance', async () => {
    const c = client();
    const user = await makeUser(db);
    for (let i = 0; i < 9; i++) expect((await c.login(i, user.email, `Wrong-password-${i}`)).status).toBe(401);
    expect((await db('users').where({ id: user.id }).first()).locked_until).toBeNull();
    expect((await c.login(9, user.email, 'Wrong-password-9')).status).toBe(401);
    expect((await db('users').where({ id: user.id }).first()).locked_until).not.toBeNull();
    // From another address (this one has used 10 of its 12 logins a minute): locked on every instance.
    const other = client();
    for (let i = 0; i < INSTANCES; i++) expect((await other.login(i, user.email, user.password)).status).toBe(401);
    expect(await db('audit_log').where({ action: 'auth.lockout', entity_id: user.id })).toHaveLength(1);
  });

  it('the login limit counts once across instances: the first request over it is 429 with Retry-After, whichever instance it reaches', async () => {
    const c = client();
    const user = await makeUser(db); // hashed at cost 4: wrong passwords cost little (an unknown email costs a cost-12 hash)
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 2; i++) statuses.push((await c.login(i, user.email, `Not-the-password-${i}`)).status);
    expect(statuses).toEqual([...Array<number>(LOGIN_LIMIT).fill(401), 429, 429]);
    const over = await c.login(LOGIN_LIMIT + 2, user.email, user.password);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await over.json()) as { code: string }).code).toBe('LOGIN_RATE_LIMITED');
  });

  it('the general per-client limit counts once across instances (not once per instance)', async () => {
    const c = client();
    const statuses: number[] = [];
    for (let i = 0; i < API_LIMIT + 1; i++) statuses.push((await c.call(i, '/api/auth/me')).status);
    expect(statuses.slice(0, API_LIMIT).every((s) => s === 401)).toBe(true);
    expect(statuses[API_LIMIT]).toBe(429);
    for (let i = 0; i < INSTANCES; i++) {
      const res = await c.call(i, '/api/auth/me');
      expect(res.status).toBe(429);
      expect(((await res.json()) as { code: string }).code).toBe('RATE_LIMITED');
    }
    // Another client is not affected.
    expect((await client().call(0, '/api/auth/me')).status).toBe(401);
  });
});

describe('revocation', () => {
  it('a logout on one instance is refused on the others on the very next request', async () => {
    let accepted = 0;
    for (let round = 0; round < 6; round++) {
      const c = client();
      const user = await makeUser(db);
      const token = await c.tokenOf(round, user);
      for (let i = 0; i < INSTANCES; i++) expect((await c.call(i, '/api/auth/me', { token })).status).toBe(200);
      expect((await c.call(round, '/api/auth/logout', { method: 'POST', token })).status).toBe(204);
      for (let i = 1; i < INSTANCES; i++) if ((await c.call(round + i, '/api/auth/me', { token })).status !== 401) accepted++;
    }
    expect(accepted).toBe(0);
  });
});

describe('real-time pushes', () => {
  const ALL_DAY = [{ from: '00:00', to: '24:00' }];

  /** The screen pop's event stream of `token` on instance `i`. */
  function openStream(i: number, token: string, ip: string) {
    const events: ScreenPopEvent[] = [];
    const waiters: (() => void)[] = [];
    let buffer = '';
    const req = http.get(
      `${instances[i]!.base}/api/ringing-calls/stream`,
      { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', 'X-Forwarded-For': ip } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = buffer
              .slice(0, end)
              .split('\n')
              .find((l) => l.startsWith('data: '));
            buffer = buffer.slice(end + 2);
            if (data) events.push(JSON.parse(data.slice(6)) as ScreenPopEvent);
            for (const w of waiters.splice(0)) w();
          }
        });
      },
    );
    req.on('error', () => undefined);
    const until = async (test: (e: ScreenPopEvent) => boolean) => {
      for (;;) {
        const found = events.find(test);
        if (found) return found;
        await new Promise<void>((r) => waiters.push(r));
      }
    };
    return { until, close: () => req.destroy() };
  }

  it('a call routed on one instance rings on a stream held by another; taken on a third, it is gone from that stream', async () => {
    const c = client();
    const branchId = (await makeBranch(db)).id;
    const admin = await makeUser(db, { role: 'admin' });
    const agent = await makeUser(db, { role: 'agent', branchId });
    const taker = await makeUser(db, { role: 'agent', branchId });
    const [calendar] = await db('service_calendars')
      .insert({
        name: `Cluster ${crypto.randomUUID()}`,
        time_zone: 'UTC',
        hours: JSON.stringify({ mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }),
        holidays: '[]',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id');
    const number = `+1800${crypto.randomInt(2_000_000, 9_999_999)}`;
    const created = await c.call(0, '/api/phone-lines', {
      token: await c.enrolledTokenOf(0, admin),
      body: {
        number,
        name: `Cluster line ${crypto.randomBytes(3).toString('hex')}`,
        greeting: 'Welcome.',
        calendarId: calendar.id,
        branchId,
        menu: [{ digit: '1', queue: 'claims', label: 'Claims' }],
        urgent: null,
        afterHours: 'voicemail',
        voicemailPrompt: 'Leave a message.',
        active: true,
      },
    });
    expect([created.status, created.status === 201 ? '' : await created.text()]).toEqual([201, '']);
    const agentToken = await c.tokenOf(1, agent);
    const takerToken = await c.tokenOf(2, taker);
    for (const [i, token] of [
      [1, agentToken],
      [2, takerToken],
    ] as const)
      expect((await c.call(i, '/api/agent-availability', { method: 'PUT', token, body: { queues: ['claims'] } })).status).toBe(200);

    const stream = openStream(1, agentToken, c.ip); // held by instance 1
    try {
      await stream.until((e) => e.type === 'ready');
      // The provider's webhooks reach instance 0.
      const sid = `CA${crypto.randomBytes(16).toString('hex')}`;
      const twilio = (pathname: string, params: Record<string, string>) =>
        c.call(0, pathname, {
          body: new URLSearchParams(params).toString(),
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'X-Twilio-Signature': twilioSignature(TEST_TWILIO_AUTH_TOKEN, `${PUBLIC_URL}${pathname}`, Object.entries(params)),
          },
        });
      expect((await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: '+12125550123', To: number, CallStatus: 'ringing' })).status).toBe(200);
      expect((await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: '1' })).status).toBe(200);
      const ringing = await stream.until((e) => e.type === 'ringing');
      const ringingId = ringing.type === 'ringing' ? ringing.call.id : '';
      // Taken on instance 2: gone from the stream on instance 1.
      expect((await c.call(2, `/api/ringing-calls/${ringingId}/take`, { method: 'POST', token: takerToken })).status).toBe(200);
      await stream.until((e) => e.type === 'gone' && e.id === ringingId);
    } finally {
      stream.close();
    }
  });
});

describe('jobs', () => {
  it(
    'a per-minute schedule runs once per minute with three instances running jobs',
    async () => {
      // pg-boss's cron monitor looks every 30 s (one instance at a time) and queues one "send it" per
      // schedule and minute; that queues the job. Wait until two whole minutes have passed since all were up.
      const firstMinute = new Date(Math.ceil(upAt.getTime() / 60_000) * 60_000);
      const until = firstMinute.getTime() + 2 * 60_000 + 40_000;
      const read = async () => ({
        runs: (
          await db.raw<{ rows: { created_on: Date; state: string }[] }>(`SELECT created_on, state FROM pgboss.job WHERE name = ? AND created_on >= ? ORDER BY created_on`, [
            RUN_REPORT_SCHEDULES_JOB,
            firstMinute,
          ])
        ).rows,
        periods: Number(
          (
            await db.raw(
              `SELECT count(DISTINCT date_trunc('minute', created_on))::int AS c FROM pgboss.job WHERE name = '__pgboss__send-it' AND data->>'name' = ? AND created_on >= ?`,
              [RUN_REPORT_SCHEDULES_JOB, firstMinute],
            )
          ).rows[0].c,
        ),
      });
      let seen = await read();
      while (Date.now() < until) {
        if (seen.runs.length >= 2 && seen.runs.every((r) => r.state === 'completed') && seen.periods === seen.runs.length) break;
        await new Promise((r) => setTimeout(r, 2_000));
        seen = await read();
      }
      expect(seen.runs.length).toBeGreaterThanOrEqual(2);
      // One run per period: as many runs as minutes the schedule fired in, each completed once, and
      // never two close together (a second instance firing the same minute would be seconds apart).
      expect(seen.runs.length).toBe(seen.periods);
      expect(seen.runs.map((r) => r.state)).toEqual(seen.runs.map(() => 'completed'));
      const gaps = seen.runs.slice(1).map((r, i) => (r.created_on.getTime() - seen.runs[i]!.created_on.getTime()) / 1000);
      expect(gaps.filter((g) => g < 20)).toEqual([]);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
