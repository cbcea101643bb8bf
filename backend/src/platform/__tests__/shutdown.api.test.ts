import http from 'node:http';
import { createLogger } from '../logger';
import type { AppModule } from '../module';
import { startServer } from '../../server';
import { testConfig } from '../../../test/support/test-app';
import { createMigratedDatabase, dropDatabase } from '../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../test/support/timeouts';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('graceful shutdown', () => {
  it(
    'lets an in-flight request finish, refuses new connections, then closes the pool within 10 s',
    async () => {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inFlight = new Promise<void>((r) => (entered = r));
      const slowModule: AppModule = {
        name: 'slow',
        register({ api, db }) {
          api.route({
            method: 'get',
            path: '/_probe/slow',
            summary: 'A slow request (test)',
            tags: ['Test'],
            access: 'public',
            responses: { 200: { description: 'Done' } },
            handler: async (_i, _req, res) => {
              entered();
              await released;
              // Still able to use the database while shutting down.
              const { rows } = await db.raw('SELECT 42 AS answer');
              res.json({ answer: rows[0].answer });
            },
          });
        },
      };
      // Its own database: starting a server loads the demo data, which must not race the other
      // test files' writes to the run's shared database.
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_shutdown', { migrate: false });
      const config = { ...testConfig({ DATABASE_URL: url, PORT: '1', JOBS_ENABLED: 'false' }), port: 0 };
      const server = await startServer(config, { logger: createLogger('silent'), modules: [slowModule] });
      try {
        const slow = get(`${server.url}/api/_probe/slow`);
        await inFlight;
        const stopped = server.shutdown('test');
        // The listener is closed for new connections once shutdown begins.
        await expect(get(`${server.url}/readyz`)).rejects.toThrow();

        release();
        await expect(slow).resolves.toEqual({ status: 200, body: JSON.stringify({ answer: 42 }) });
        const started = Date.now();
        await stopped;
        expect(Date.now() - started).toBeLessThan(10_000);
        await expect(server.db.raw('SELECT 1')).rejects.toThrow();
      } finally {
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'drains keep-alive clients under load: no request sent before the drain is reset, and responses while draining say Connection: close',
    async () => {
      const workModule: AppModule = {
        name: 'work',
        register({ api }) {
          api.route({
            method: 'get',
            path: '/_probe/work',
            summary: 'A short piece of work (test)',
            tags: ['Test'],
            access: 'public',
            responses: { 200: { description: 'Done' } },
            handler: async (_i, _req, res) => {
              await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 20)));
              // Server and clients share this process's clock: when the answer was written.
              res.setHeader('X-Answered-At', String(performance.now()));
              res.json({ ok: true });
            },
          });
        },
      };
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_drain', { migrate: false });
      const config = { ...testConfig({ DATABASE_URL: url, PORT: '1', JOBS_ENABLED: 'false' }), port: 0 };
      const server = await startServer(config, { logger: createLogger('silent'), modules: [workModule] });
      const agent = new http.Agent({ keepAlive: true, maxSockets: 12 });
      interface Outcome {
        sentAt: number;
        doneAt: number;
        answeredAt?: number;
        status?: number;
        connection?: string;
        error?: string;
      }
      const outcomes: Outcome[] = [];
      let drainStartedAt = Infinity;
      let stopClients = false;
      const once = () =>
        new Promise<void>((resolve) => {
          const sentAt = performance.now();
          const req = http.get(`${server.url}/api/_probe/work`, { agent }, (res) => {
            res.resume();
            res.on('end', () => {
              outcomes.push({ sentAt, doneAt: performance.now(), answeredAt: Number(res.headers['x-answered-at']), status: res.statusCode, connection: res.headers.connection });
              resolve();
            });
          });
          req.on('error', (err: NodeJS.ErrnoException) => {
            outcomes.push({ sentAt, doneAt: performance.now(), error: err.code ?? err.message });
            resolve();
          });
        });
      const client = async () => {
        while (!stopClients) await once();
      };
      try {
        const clients = Array.from({ length: 12 }, client);
        await new Promise((r) => setTimeout(r, 400));
        drainStartedAt = performance.now();
        const stopped = server.shutdown('test');
        await new Promise((r) => setTimeout(r, 600));
        stopClients = true;
        await Promise.all(clients);
        await stopped;

        const beforeDrain = outcomes.filter((o) => o.sentAt < drainStartedAt);
        // Requests sent before the drain and answered after it began: in flight when it began.
        const straddling = beforeDrain.filter((o) => o.answeredAt! > drainStartedAt);
        expect(straddling.length).toBeGreaterThan(0);
        expect(beforeDrain.filter((o) => o.error)).toEqual([]);
        expect(beforeDrain.every((o) => o.status === 200)).toBe(true);
        // Every response written while draining told its client not to reuse the connection.
        expect(straddling.map((o) => o.connection)).toEqual(straddling.map(() => 'close'));
        // Requests sent after the drain began were served (with Connection: close) or refused a
        // connection; none waited for a response that never came.
        for (const o of outcomes.filter((x) => x.sentAt >= drainStartedAt)) {
          if (o.status) expect(o.connection).toBe('close');
          else expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']).toContain(o.error);
        }
      } finally {
        agent.destroy();
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
