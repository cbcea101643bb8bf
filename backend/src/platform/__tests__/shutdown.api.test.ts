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
});
