import request from 'supertest';
import { createDb } from '../../db';
import { createTestApp, testDatabaseUrl } from '../../../test/support/test-app';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcp-proxy';

describe('health endpoints', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    const target = new URL(testDatabaseUrl());
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  afterAll(() => proxy.close());

  it("/healthz reports the modules' registered checks: 503 when one fails, a check that throws is 'unknown'", async () => {
    let probe: 'pass' | 'fail' | 'throw' = 'pass';
    const t = createTestApp({
      modules: [
        {
          name: 'probe_health',
          register: ({ health }) => {
            health.register('probe', async () => {
              if (probe === 'throw') throw new Error('broken probe');
              return { status: probe, facts: 42 };
            });
          },
        },
      ],
    });
    try {
      expect((await request(t.app).get('/healthz').expect(200)).body.checks.probe).toEqual({ status: 'pass', facts: 42 });
      probe = 'fail';
      expect((await request(t.app).get('/healthz').expect(503)).body).toMatchObject({ status: 'fail', checks: { probe: { status: 'fail' } } });
      probe = 'throw';
      expect((await request(t.app).get('/healthz').expect(200)).body.checks.probe).toEqual({ status: 'unknown', detail: 'The check could not run' });
    } finally {
      await t.close();
    }
  });

  it('/livez answers 200 without the database', async () => {
    const t = createTestApp();
    await request(t.app).get('/livez').expect(200, { status: 'ok' });
    await t.close();
  });

  it('/readyz answers 503 while the database is unreachable and 200 again once it is back, without a restart', async () => {
    const url = new URL(testDatabaseUrl());
    url.host = `127.0.0.1:${proxy.port}`;
    const t = createTestApp({ db: createDb({ url: url.toString(), poolMax: 2 }) });
    try {
      await request(t.app).get('/readyz').expect(200);

      proxy.cut();
      const started = Date.now();
      const down = await request(t.app).get('/readyz');
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ status: 'not_ready', checks: { database: 'down', shuttingDown: false } });
      expect(Date.now() - started).toBeLessThan(3_000);

      proxy.restore();
      // The pool drops the broken connections and opens new ones on its own.
      let status = 0;
      for (let i = 0; i < 20 && status !== 200; i++) {
        status = (await request(t.app).get('/readyz')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
    } finally {
      proxy.restore();
      await t.close();
    }
  });

  it('/readyz answers 503 once shutdown has begun', async () => {
    const t = createTestApp();
    t.health.shuttingDown = true;
    const res = await request(t.app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks).toEqual({ database: 'unchecked', shuttingDown: true });
    await t.close();
  });
});
