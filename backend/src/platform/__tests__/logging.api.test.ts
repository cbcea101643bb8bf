import request from 'supertest';
import { z } from 'zod';
import type { AppModule } from '../module';
import { captureLogs, createTestApp, type TestApp } from '../../../test/support/test-app';

const SECRET = 'Correct-Horse-Battery-9!';

const loginProbe: AppModule = {
  name: 'login-probe',
  register({ api, logger }) {
    api.route({
      method: 'post',
      path: '/_probe/login',
      summary: 'Accepts a password and fails unexpectedly (test)',
      tags: ['Test'],
      access: 'public',
      request: { body: z.strictObject({ email: z.string(), password: z.string() }) },
      responses: { 200: { description: 'Never' } },
      handler: async ({ body }) => {
        // A careless log call: redaction must still hide the secret.
        logger.info({ attempt: body }, 'login attempt');
        const err = new Error('downstream failed') as Error & { request?: unknown };
        err.request = body; // errors often carry their input; the serializer must drop it
        throw err;
      },
    });
  },
};

let t: TestApp;
let logs: ReturnType<typeof captureLogs>;
beforeAll(() => {
  logs = captureLogs();
  t = createTestApp({ modules: [loginProbe], logger: logs.logger });
});
afterAll(() => t.close());

describe('request logging', () => {
  it('writes one JSON line per request with requestId, method, route, status and duration', async () => {
    const res = await request(t.app).get('/api/system/info').expect(200);
    const line = logs
      .lines()
      .map((l) => JSON.parse(l))
      .find((l) => l.requestId === res.headers['x-request-id'] && l.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', route: '/api/system/info', status: 200, durationMs: expect.any(Number) });
  });

  it('never logs a password, whether the body is valid, unknown, malformed or makes the handler fail', async () => {
    await request(t.app).post('/api/_probe/login').send({ email: 'a@b.test', password: SECRET }).expect(500);
    await request(t.app).post('/api/_probe/login').set('Content-Type', 'application/json').send(`{"email":"a@b.test","password":"${SECRET}"`).expect(400);
    await request(t.app).post('/api/_probe/nope').send({ password: SECRET }).expect(404);
    await request(t.app)
      .post('/api/_probe/login?password=' + encodeURIComponent(SECRET))
      .send({ email: 'x', password: 'y', extra: SECRET })
      .expect(400);
    const all = logs.lines().join('\n');
    expect(all).toContain('unhandled error'); // the failure itself was logged…
    expect(all).toContain('[redacted]'); // …and the careless log call was redacted
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('a@b.test');
  });

  it('does not log tokens from the Authorization header', async () => {
    await request(t.app).get('/api/system/info').set('Authorization', `Bearer ${SECRET}`).expect(200);
    expect(logs.lines().join('\n')).not.toContain(SECRET);
  });
});
