// Idempotency-Key on money POSTs, proved through a real route on a real PostgreSQL: one effect per
// (user, operation, key), replays with `Idempotent-Replayed: true`, 422 on a different request, 409
// while the first runs, nothing stored when the effect fails, keys purged by the scheduled job.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { z } from 'zod';
import { ConflictError } from '../errors';
import { sendIdempotent } from '../idempotency';
import type { AppModule } from '../module';
import { createDb, type Db } from '../../db';
import { createTestApp, testDatabaseUrl, type TestApp } from '../../../test/support/test-app';
import { loggedIn, login, type Session } from '../../../test/support/factories';

const PROBLEM = /^application\/problem\+json/;
const PATH = '/api/_probe/idempotent-transfers';

// A module that exists only in this test: its effect inserts one row into a table the test owns.
const probeModule: AppModule = {
  name: 'idempotency-probe',
  register({ api, services }) {
    api.route({
      method: 'post',
      path: '/_probe/idempotent-transfers',
      summary: 'Record a transfer once per Idempotency-Key (test)',
      tags: ['Test'],
      access: 'authenticated',
      idempotent: 'probe.transfer',
      request: {
        body: z.strictObject({ amount: z.number().int().positive(), note: z.string().max(50), fail: z.boolean().optional(), gate: z.string().optional() }),
      },
      responses: { 201: { description: 'Recorded', schema: z.object({ id: z.number().int(), amount: z.number().int(), note: z.string(), nonce: z.uuid() }) } },
      handler: async ({ body, idempotency }, _req, res) => {
        const outcome = await services.idempotency.run(idempotency, async (trx) => {
          const [row] = await trx('probe_idem_effects').insert({ key: idempotency.key, amount: body.amount, note: body.note }).returning('*');
          // Waits, holding the key, until the test opens the gate (a row lock the test holds).
          if (body.gate) await trx.raw('SELECT name FROM probe_idem_gates WHERE name = ? FOR UPDATE', [body.gate]);
          if (body.fail) throw new ConflictError('PROBE_REFUSED', 'The probe refuses this transfer.');
          return { status: 201, body: { id: row.id, amount: row.amount, note: row.note, nonce: crypto.randomUUID() }, location: `/api/_probe/idempotent-transfers/${row.id}` };
        });
        sendIdempotent(res, outcome);
      },
    });
  },
};

let t: TestApp;
// Own connections for the gates, so holding one never takes a connection from the app's pool.
let gateDb: Db;
let gateProbeDb: Db;
let server: http.Server;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  t = createTestApp({ modules: [probeModule] });
  // Test-only tables and triggers are DDL: the owner's (the app's runtime role gets them by default privileges).
  await t.ownerDb.raw(`
    CREATE TABLE IF NOT EXISTS probe_idem_effects (id serial PRIMARY KEY, key text NOT NULL, amount integer NOT NULL, note text NOT NULL);
    CREATE TABLE IF NOT EXISTS probe_idem_gates (name text PRIMARY KEY);
    -- Refuses at COMMIT (after the effect and the key row are both written) a row noted 'fail-at-commit'.
    CREATE OR REPLACE FUNCTION probe_idem_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused at commit' USING ERRCODE = 'foreign_key_violation'; END $$;
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'probe_idem_fail_at_commit') THEN
        CREATE CONSTRAINT TRIGGER probe_idem_fail_at_commit AFTER INSERT ON probe_idem_effects DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW WHEN (NEW.note = 'fail-at-commit') EXECUTE FUNCTION probe_idem_refuse();
      END IF;
    END $$;
  `);
  gateDb = createDb({ url: testDatabaseUrl(), poolMax: 2 });
  gateProbeDb = createDb({ url: testDatabaseUrl(), poolMax: 1 });
  server = t.app.listen(0);
  alice = (await loggedIn(server, t.db)).session;
  bob = (await loggedIn(server, t.db)).session;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await Promise.all([t.close(), gateDb.destroy(), gateProbeDb.destroy()]);
});
afterEach(() => t.clock.reset());

const newKey = () => `key-${crypto.randomUUID()}`;
const post = (session: Session, key: string | undefined, body: object) => {
  const req = request(server).post(PATH).set(session.auth);
  return key === undefined ? req.send(body) : req.set('Idempotency-Key', key).send(body);
};
const effects = async (key: string) => (await t.db('probe_idem_effects').where({ key }).select('*')) as { id: number; amount: number; note: string }[];
const keyRows = (key: string) => t.db('idempotency_keys').where({ key }).select('*');

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A gate the test holds closed (a row locked on its own connection); effects given it wait there. */
async function closedGate() {
  const name = `gate-${crypto.randomUUID()}`;
  await gateDb('probe_idem_gates').insert({ name });
  const trx = await gateDb.transaction();
  await trx('probe_idem_gates').where({ name }).forUpdate();
  return { name, open: () => trx.commit() };
}

/** Backends of this test database waiting for a gate's row lock. */
async function waitingAtGate(): Promise<number> {
  const { rows } = await gateProbeDb.raw(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM probe_idem_gates%FOR UPDATE%'",
  );
  return rows[0].n;
}

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ status, code });
}

describe('Idempotency-Key header', () => {
  it('answers 400 IDEMPOTENCY_KEY_REQUIRED without the header, and runs nothing', async () => {
    const note = `no-key-${crypto.randomUUID().slice(0, 8)}`;
    expectProblem(await post(alice, undefined, { amount: 100, note }), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    expect(await t.db('probe_idem_effects').where({ note })).toHaveLength(0);
  });

  it.each([
    ['empty', ''],
    ['too long (256 characters)', 'k'.repeat(256)],
    ['not printable ASCII', 'clé-é'],
    ['a control character', 'abc\tdef'],
  ])('answers 400 IDEMPOTENCY_KEY_INVALID for a key that is %s', async (_what, key) => {
    const res = await post(alice, key, { amount: 100, note: 'bad key' });
    expectProblem(res, 400, 'IDEMPOTENCY_KEY_INVALID');
  });

  it('accepts a key of 255 printable characters', async () => {
    const key = `${newKey()}~ !`.padEnd(255, 'x');
    expect((await post(alice, key, { amount: 100, note: 'long key' })).status).toBe(201);
  });

  it('answers 400 IDEMPOTENCY_KEY_INVALID when the header is sent twice', async () => {
    // supertest sends one line per header; node's http client sends an array as two lines.
    const { port } = server.address() as AddressInfo;
    const payload = JSON.stringify({ amount: 1, note: 'twice' });
    const answer = await new Promise<{ status: number; body: { code: string } }>((resolve, reject) => {
      const req = http.request(
        {
          port,
          method: 'POST',
          path: PATH,
          headers: { ...alice.auth, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), 'Idempotency-Key': [newKey(), newKey()] },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    expect(answer).toMatchObject({ status: 400, body: { code: 'IDEMPOTENCY_KEY_INVALID' } });
  });

  it('still checks the caller first (401 without a token)', async () => {
    const res = await request(server).post(PATH).set('Idempotency-Key', newKey()).send({ amount: 1, note: 'anon' });
    expectProblem(res, 401, 'UNAUTHENTICATED');
  });
});

describe('replays', () => {
  it('runs the effect once and replays the first response (status, body, Location) with Idempotent-Replayed: true', async () => {
    const key = newKey();
    const first = await post(alice, key, { amount: 250, note: 'once' });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.headers.location).toBe(`/api/_probe/idempotent-transfers/${first.body.id}`);

    // Keys in another order are the same request (canonical body).
    const again = await post(alice, key, { note: 'once', amount: 250 });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.text).toBe(first.text); // byte for byte, the nonce included
    expect(await effects(key)).toHaveLength(1);
  });

  it('stores the key, the request hash and the first response', async () => {
    const key = newKey();
    const first = await post(alice, key, { amount: 7, note: 'stored' });
    const [row] = await keyRows(key);
    expect(row).toMatchObject({ operation: 'probe.transfer', key, response_status: 201, response_location: first.headers.location });
    expect(row.request_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.response_body).toEqual(first.body);
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBeGreaterThanOrEqual(24 * 3600 * 1000);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with a different body, and runs nothing', async () => {
    const key = newKey();
    expect((await post(alice, key, { amount: 100, note: 'original' })).status).toBe(201);
    const res = await post(alice, key, { amount: 101, note: 'original' });
    expectProblem(res, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await effects(key)).toHaveLength(1);
  });

  it("treats another user's identical key as a different key (its own effect)", async () => {
    const key = newKey();
    const a = await post(alice, key, { amount: 100, note: 'shared key' });
    const b = await post(bob, key, { amount: 100, note: 'shared key' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.id).not.toBe(a.body.id);
    expect(await effects(key)).toHaveLength(2);
  });

  it('100 concurrent requests with one key make exactly one effect; the others are replays or 409 IDEMPOTENCY_KEY_IN_FLIGHT', async () => {
    const key = newKey();
    const gate = await closedGate();
    const body = { amount: 500, note: 'burst', gate: gate.name };
    let answered = 0;
    const responses = Promise.all(
      Array.from({ length: 100 }, () =>
        post(alice, key, body).then((r) => {
          answered++;
          return r;
        }),
      ),
    );
    // While the first holds the key (waiting at the gate), the others are turned away at once.
    await until(() => answered >= 50);
    await gate.open();
    const all = await responses;
    const statuses = all.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    const fresh = all.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
    expect(fresh).toHaveLength(1);
    for (const r of all.filter((x) => x.status === 201)) expect(r.text).toBe(fresh[0]!.text);
    for (const r of all.filter((x) => x.status === 409)) expect(r.body.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
    expect(statuses.filter((s) => s === 409).length).toBeGreaterThanOrEqual(50);
    expect(await effects(key)).toHaveLength(1);
    // Once the first has committed, a retry replays it.
    const retry = await post(alice, key, body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.text).toBe(fresh[0]!.text);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_FLIGHT (with Retry-After), not a wait, while the first request runs', async () => {
    const key = newKey();
    const gate = await closedGate();
    const body = { amount: 1, note: 'slow', gate: gate.name };
    const first = post(alice, key, body).then((r) => r);
    await until(async () => (await waitingAtGate()) > 0);
    // The first is still held at the gate: this answer cannot have waited for it.
    const second = await post(alice, key, body);
    expectProblem(second, 409, 'IDEMPOTENCY_KEY_IN_FLIGHT');
    expect(second.headers['retry-after']).toBe('1');
    expect(await waitingAtGate()).toBe(1);
    await gate.open();
    expect((await first).status).toBe(201);
    expect((await post(alice, key, body)).headers['idempotent-replayed']).toBe('true');
  });

  it('keeps no state in the process: a second instance on the same database replays, refuses a different body and sees the key in flight', async () => {
    const other = createTestApp({ modules: [probeModule] });
    try {
      const key = newKey();
      const first = await post(alice, key, { amount: 9, note: 'instance A' });
      expect(first.status).toBe(201);
      const replay = await request(other.app).post(PATH).set(alice.auth).set('Idempotency-Key', key).send({ amount: 9, note: 'instance A' });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.text).toBe(first.text);
      expectProblem(await request(other.app).post(PATH).set(alice.auth).set('Idempotency-Key', key).send({ amount: 10, note: 'instance A' }), 422, 'IDEMPOTENCY_KEY_REUSED');

      const busyKey = newKey();
      const gate = await closedGate();
      const held = post(alice, busyKey, { amount: 1, note: 'held', gate: gate.name }).then((r) => r);
      await until(async () => (await waitingAtGate()) > 0);
      expectProblem(
        await request(other.app).post(PATH).set(alice.auth).set('Idempotency-Key', busyKey).send({ amount: 1, note: 'held', gate: gate.name }),
        409,
        'IDEMPOTENCY_KEY_IN_FLIGHT',
      );
      await gate.open();
      expect((await held).status).toBe(201);
      expect(await effects(key)).toHaveLength(1);
      expect(await effects(busyKey)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('failures store nothing', () => {
  it('an effect that throws stores neither the effect nor the key, so a retry with that key runs', async () => {
    const key = newKey();
    expectProblem(await post(alice, key, { amount: 100, note: 'refused', fail: true }), 409, 'PROBE_REFUSED');
    expect(await effects(key)).toHaveLength(0);
    expect(await keyRows(key)).toHaveLength(0);
    // Not a 422: the failed request left no trace, so the corrected one runs.
    const retry = await post(alice, key, { amount: 100, note: 'accepted' });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await effects(key)).toHaveLength(1);
  });

  it('the key row and the effect commit together: a failure at COMMIT, after both are written, keeps neither', async () => {
    const key = newKey();
    const res = await post(alice, key, { amount: 100, note: 'fail-at-commit' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await effects(key)).toHaveLength(0);
    expect(await keyRows(key)).toHaveLength(0);
  });
});

describe('expiry', () => {
  it('keeps keys at least 24 hours; the purge job removes expired ones, after which the key runs again', async () => {
    const { user } = await loggedIn(server, t.db);
    // Access tokens follow the clock too: log in again at each moment.
    const at = async (time: string) => {
      t.clock.set(time);
      return login(server, user);
    };
    const key = newKey();
    const kept = newKey();
    expect((await post(await at('2026-12-01T10:00:00Z'), key, { amount: 1, note: 'old' })).status).toBe(201);
    expect((await post(await at('2026-12-02T09:00:00Z'), kept, { amount: 1, note: 'young' })).status).toBe(201);

    const justBefore = await at('2026-12-02T09:59:00Z'); // 23 h 59 min after the first: still kept
    await t.jobs.runNow('system.purge-idempotency-keys', {});
    expect(await keyRows(key)).toHaveLength(1);
    expect((await post(justBefore, key, { amount: 1, note: 'old' })).headers['idempotent-replayed']).toBe('true');

    const after = await at('2026-12-02T10:01:00Z');
    await t.jobs.runNow('system.purge-idempotency-keys', {});
    expect(await keyRows(key)).toHaveLength(0);
    expect(await keyRows(kept)).toHaveLength(1);
    const again = await post(after, key, { amount: 1, note: 'old' });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await effects(key)).toHaveLength(2);
  });

  it('declares the purge as a scheduled job', () => {
    expect(t.jobs.names).toContain('system.purge-idempotency-keys');
  });
});

describe('OpenAPI', () => {
  it('documents the required Idempotency-Key header and the 409/422 answers on idempotent routes', () => {
    const op = (
      t.openApiDocument().paths as Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[]; responses: Record<string, unknown> }>>
    )['/api/_probe/idempotent-transfers']!.post!;
    expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true })]));
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '409', '422']));
  });
});
