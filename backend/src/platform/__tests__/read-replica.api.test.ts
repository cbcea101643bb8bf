// The read replica on real engines: an embedded PostgreSQL 17 primary of this test's own, a streaming
// standby built from it with the low-level backup API (platform/replication.ts), and the app with
// DATABASE_REPLICA_URL. Which server answered is shown by the data (a standby whose replay is paused
// does not see a new customer; the primary does), by pg_is_in_recovery() and by the replica's
// sessions (application_name).
import pg from 'pg';
import request from 'supertest';
import { createDb, type Db } from '../../db';
import { ReadRouter, READ_AFTER_HEADER } from '../read-router';
import { waitForReplay } from '../replication';
import { customerBody, makeBranch, makeCustomer, sessionAs, type Session } from '../../../test/support/factories';
import { startClusterFixture, type ClusterFixture } from '../../../test/support/pg-cluster';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../test/support/timeouts';

const READ_WAIT_MS = 2_000;

let cluster: ClusterFixture | undefined;
let t: TestApp;
let replicaDb: Db;
let runtimeUrl: string;
let replicaUrl: string;
let replicaAdmin: pg.Client;
let branchId: string;
let writer: Session;
let other: Session;

const withPort = (url: string, port: number) => {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
};

beforeAll(async () => {
  cluster = await startClusterFixture({ standby: true, prefix: 'replica_test' });
  const { info } = cluster;
  runtimeUrl = info.runtimeUrl;
  replicaUrl = withPort(runtimeUrl, info.standbyPort!);
  replicaAdmin = new pg.Client({ connectionString: withPort(info.adminUrl, info.standbyPort!) });
  replicaAdmin.on('error', () => undefined);
  await replicaAdmin.connect();
  const db = createDb({ url: runtimeUrl, poolMax: 4 });
  replicaDb = createDb({ url: replicaUrl, poolMax: 4, applicationName: 'policydesk-replica-reads', connectTimeoutMs: 1_000 });
  t = createTestApp({
    env: {
      DATABASE_URL: runtimeUrl,
      MIGRATION_DATABASE_URL: info.ownerUrl,
      DATABASE_REPLICA_URL: replicaUrl,
      DATABASE_REPLICA_READ_WAIT_MS: String(READ_WAIT_MS),
      DATABASE_REPLICA_MAX_LAG_MS: '60000',
    },
    db,
    replicaDb,
  });
  branchId = (await makeBranch(t.db)).id;
  writer = await sessionAs(t, 'agent', branchId);
  other = await sessionAs(t, 'agent', branchId);
  await waitForReplay(runtimeUrl, replicaUrl);
}, PROCESS_TEST_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
  await replicaAdmin?.end().catch(() => undefined);
  await cluster?.close();
}, 60_000);

const search = (session: Session, q: string, readAfter?: string) => {
  const req = request(t.app).get('/api/customers').query({ q }).set(session.auth);
  return readAfter ? req.set(READ_AFTER_HEADER, readAfter) : req;
};

const pauseReplay = () => replicaAdmin.query('SELECT pg_wal_replay_pause()');
const resumeReplay = () => replicaAdmin.query('SELECT pg_wal_replay_resume()');

it('reports the replica as up in /readyz', async () => {
  const res = await request(t.app).get('/readyz').expect(200);
  expect(res.body.checks).toMatchObject({ database: 'up', replica: 'up' });
});

it("routes another user's search to the replica (which has not replayed the new customer), the writer's own search past the bound to the primary", async () => {
  await pauseReplay();
  try {
    const created = await request(t.app).post('/api/customers').set(writer.auth).send(customerBody(branchId)).expect(201);
    const readAfter = created.headers[READ_AFTER_HEADER.toLowerCase()] as string;
    expect(readAfter).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(String(created.headers['set-cookie'])).toContain(`pd_read_after=${encodeURIComponent(readAfter)}`);
    const lastName = created.body.lastName as string;

    // Another user: no write of theirs to wait for, so the replica answers — without the new customer.
    expect((await search(other, lastName).expect(200)).body.items).toHaveLength(0);
    // The replica's own sessions show who ran the search there.
    const { rows } = await replicaAdmin.query("SELECT application_name, query FROM pg_stat_activity WHERE backend_type = 'client backend'");
    expect(rows.filter((r) => r.application_name === 'policydesk-replica-reads' && /customer_name_index/.test(r.query))).not.toHaveLength(0);

    // The writer: waits for the replica up to the bound, then reads the primary — and finds it.
    const started = Date.now();
    const own = await search(writer, lastName, readAfter).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(READ_WAIT_MS - 100);
    expect(own.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
  } finally {
    await resumeReplay();
  }
  await waitForReplay(runtimeUrl, replicaUrl);
});

it("serves the writer's read from the replica once it has replayed the write (no wait for the bound)", async () => {
  await pauseReplay();
  let resumed = false;
  try {
    const created = await request(t.app).post('/api/customers').set(writer.auth).send(customerBody(branchId)).expect(201);
    const readAfter = created.headers[READ_AFTER_HEADER.toLowerCase()] as string;
    const started = Date.now();
    const pending = search(writer, created.body.lastName, readAfter).then((r) => r);
    await new Promise((r) => setTimeout(r, 300));
    await resumeReplay();
    resumed = true;
    const res = await pending;
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    // It waited for the replay (≥ the pause), and was answered before the bound that sends it to the primary.
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(READ_WAIT_MS);
  } finally {
    if (!resumed) await resumeReplay();
  }
});

it('the cookie alone carries read-your-writes (what a browser sends back)', async () => {
  await pauseReplay();
  try {
    const created = await request(t.app).post('/api/customers').set(writer.auth).send(customerBody(branchId)).expect(201);
    const cookie = ([] as string[])
      .concat(created.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('pd_read_after='))!
      .split(';')[0]!;
    const res = await request(t.app).get('/api/customers').query({ q: created.body.lastName }).set(writer.auth).set('Cookie', cookie).expect(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
  } finally {
    await resumeReplay();
  }
  await waitForReplay(runtimeUrl, replicaUrl);
});

it('reads.run answers from the standby (pg_is_in_recovery) unless the caller waits on a position the replica has not reached', async () => {
  const reads = t.services.reads;
  const inRecovery = (db: Db) => db.raw<{ rows: { r: boolean }[] }>('SELECT pg_is_in_recovery() AS r').then((x) => x.rows[0]!.r);
  expect(await reads.run({}, inRecovery)).toBe(true);
  // A position far ahead of anything written: the bound passes, the primary answers.
  expect(await reads.run({ readAfter: 'FF/0' }, inRecovery)).toBe(false);
});

it('skips a replica lagging beyond the configured bound, and says so', async () => {
  const reads = new ReadRouter(t.db, replicaDb, { maxLagMs: 200, checkIntervalMs: 0 });
  await pauseReplay();
  try {
    expect((await reads.status()).state).toBe('up');
    await makeCustomer(t.app, writer, branchId);
    await reads.status();
    await new Promise((r) => setTimeout(r, 400));
    await makeCustomer(t.app, writer, branchId);
    const status = await reads.status();
    expect(status.state).toBe('lagging');
    expect(status.lagMs).toBeGreaterThan(200);
    expect(await reads.run({}, (db) => db.raw<{ rows: { r: boolean }[] }>('SELECT pg_is_in_recovery() AS r').then((x) => x.rows[0]!.r))).toBe(false);
  } finally {
    await resumeReplay();
  }
  await waitForReplay(runtimeUrl, replicaUrl);
});

it('a replica that is down is skipped: reads go to the primary and /readyz stays ready, reporting it', async () => {
  const created = await makeCustomer(t.app, writer, branchId);
  await cluster!.send({ cmd: 'stopStandby' });
  const started = Date.now();
  const res = await search(other, created.customer.lastName).expect(200);
  expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([created.customer.id]);
  expect(Date.now() - started).toBeLessThan(5_000);
  // Later reads do not wait on it again.
  await search(other, created.customer.lastName).expect(200);
  const ready = await request(t.app).get('/readyz').expect(200);
  expect(ready.body.checks).toMatchObject({ database: 'up', replica: 'down' });
});
