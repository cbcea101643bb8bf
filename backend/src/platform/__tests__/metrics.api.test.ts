// GET /metrics: its own bearer token, request durations labelled by route template (never a
// concrete path), the scrape-time figures read from the database, and counted problem codes.
import crypto from 'node:crypto';
import request from 'supertest';
import { makeBranch, makeCustomer, sessionAs } from '../../../test/support/factories';
import { appForFile, createTestApp, testDatabaseUrl } from '../../../test/support/test-app';
import { ownerUrlOf } from '../../../test/support/test-database';
import { withStartupLock } from '../database-setup';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const t = appForFile({ env: { METRICS_TOKEN } });
// pg-boss's tables and this app's queues, made by the owner as the server does at start-up (other files install on the same database).
beforeAll(() => withStartupLock(ownerUrlOf(testDatabaseUrl()), () => t.jobs.install(ownerUrlOf(testDatabaseUrl()))));
const scrape = async () => (await request(t.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;

/** The samples of `name` with their labels, parsed from the text exposition. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .map((l) => {
      const m = /^[^{\s]+(?:\{(.*)\})?\s+(\S+)$/.exec(l)!;
      const labels = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
      return { labels, value: Number(m[2]) };
    });
}

describe('GET /metrics', () => {
  it('refuses a scrape without a token (401 METRICS_TOKEN_REQUIRED) or with another one (403 METRICS_TOKEN_INVALID), as problem+json', async () => {
    const none = await request(t.app).get('/metrics').expect(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body.code).toBe('METRICS_TOKEN_REQUIRED');
    const basic = await request(t.app)
      .get('/metrics')
      .set('Authorization', `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}`)
      .expect(401);
    expect(basic.body.code).toBe('METRICS_TOKEN_REQUIRED');
    const wrong = await request(t.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(403);
    expect(wrong.body.code).toBe('METRICS_TOKEN_INVALID');
    // A staff member's access token is not the metrics token.
    const admin = await sessionAs(t, 'admin');
    expect((await request(t.app).get('/metrics').set(admin.auth).expect(403)).body.code).toBe('METRICS_TOKEN_INVALID');
  });

  it('refuses every scrape on a server without METRICS_TOKEN (403 METRICS_NOT_CONFIGURED)', async () => {
    const bare = createTestApp();
    try {
      const res = await request(bare.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(403);
      expect(res.body.code).toBe('METRICS_NOT_CONFIGURED');
    } finally {
      await bare.close();
    }
  });

  it('is not served at all with METRICS_ENABLED=false (404)', async () => {
    const off = createTestApp({ env: { METRICS_ENABLED: 'false', METRICS_TOKEN } });
    try {
      await request(off.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
    } finally {
      await off.close();
    }
  });

  it('labels a request to /api/customers/<uuid> with the route template, status class and method — never the concrete path', async () => {
    const branch = await makeBranch(t.db);
    const agent = await sessionAs(t, 'agent', branch.id);
    const { customer } = await makeCustomer(t.app, agent, branch.id);
    await request(t.app).get(`/api/customers/${customer.id}`).set(agent.auth).expect(200);
    const missing = crypto.randomUUID();
    await request(t.app).get(`/api/customers/${missing}`).set(agent.auth).expect(404);
    await request(t.app).get(`/api/customers/${customer.id}`).expect(401);
    await request(t.app).get(`/api/no-such-thing/${missing}`).expect(404);

    const text = await scrape();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    const counts = samples(text, 'http_request_duration_seconds_count');
    const of = (route: string, statusClass: string) => counts.find((s) => s.labels.route === route && s.labels.status_class === statusClass && s.labels.method === 'GET')?.value;
    expect(of('/api/customers/:id', '2xx')).toBeGreaterThanOrEqual(1);
    expect(of('/api/customers/:id', '4xx')).toBeGreaterThanOrEqual(2); // the 404 and the 401
    expect(of('unmatched', '4xx')).toBeGreaterThanOrEqual(1);
    // No concrete id, in any label of any metric.
    expect(text).not.toContain(customer.id);
    expect(text).not.toContain(missing);
    expect(text).not.toContain('no-such-thing');
    for (const s of counts) expect(s.labels.route === 'unmatched' || s.labels.route!.startsWith('/')).toBe(true);
  });

  it('reports the database, the pool, query time, job queues (every defined queue), outbox, SLA breaches and locked accounts', async () => {
    const text = await scrape();
    expect(samples(text, 'policydesk_database_up')).toEqual([{ labels: {}, value: 1 }]);
    expect(samples(text, 'policydesk_db_pool_connections').map((s) => s.labels.state)).toEqual(expect.arrayContaining(['used', 'free', 'pending', 'max']));
    expect(samples(text, 'policydesk_db_query_duration_seconds_count')[0]!.value).toBeGreaterThan(0);
    const waiting = samples(text, 'policydesk_job_queue_depth').filter((s) => s.labels.state === 'waiting');
    expect(waiting.map((s) => s.labels.queue)).toEqual(expect.arrayContaining(['notifications.send', 'service.sla-clocks']));
    expect(samples(text, 'policydesk_job_failures_last_hour').map((s) => s.labels.queue)).toEqual(expect.arrayContaining(['notifications.send']));
    expect(
      samples(text, 'policydesk_outbox_backlog')
        .map((s) => s.labels.channel)
        .sort(),
    ).toEqual(['email', 'sms']);
    expect(samples(text, 'policydesk_outbox_oldest_due_age_seconds')).toHaveLength(1);
    expect(text).toContain('# TYPE policydesk_service_sla_breaches_open gauge');
    expect(samples(text, 'policydesk_accounts_locked')).toHaveLength(1);
    expect(text).toContain('# TYPE policydesk_voice_calls_last_hour gauge');
    // prom-client's process figures: memory and event-loop lag.
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('reads the figures from the database: a failed job, a late outbox message and an open SLA breach show on the next scrape', async () => {
    const branch = await makeBranch(t.db);
    const agent = await sessionAs(t, 'agent', branch.id);
    const { customer } = await makeCustomer(t.app, agent, branch.id);
    const before = await scrape();
    const failedBefore = samples(before, 'policydesk_job_failures_last_hour').find((s) => s.labels.queue === 'notifications.send')!.value;
    const backlogBefore = samples(before, 'policydesk_outbox_backlog').find((s) => s.labels.channel === 'email')!.value;

    // A failed run of a queue, as pg-boss records it.
    await t.ownerDb.raw(
      `INSERT INTO pgboss.job (name, state, started_on, completed_on) VALUES ('notifications.send', 'failed', now() - interval '2 minutes', now() - interval '1 minute')`,
    );
    // A case that breached its first-response clock and is still open.
    const kase = await request(t.app)
      .post('/api/cases')
      .set(agent.auth)
      .send({ type: 'question', priority: 'normal', subject: 'Where is my card?', customerId: customer.id })
      .expect(201);
    const calendar = await t.db('service_calendars').first('id');
    await t.ownerDb('service_clock_events').insert({
      subject_type: 'case',
      subject_id: kase.body.id,
      metric: 'first_response',
      type: 'breach',
      at: new Date(),
      calendar_id: calendar.id,
      recorded_at: new Date(),
    });
    // An email due 20 minutes ago and still not sent.
    const template = await t.db('notification_templates').where({ channel: 'email' }).first('key', 'channel', 'language', 'version');
    await t.ownerDb('notification_outbox').insert({
      channel: 'email',
      template_key: template.key,
      template_version: template.version,
      language: template.language,
      recipient: 'late@example.test',
      idempotency_key: `metrics-test-${crypto.randomUUID()}`,
      purpose: 'service',
      next_attempt_at: new Date(Date.now() - 20 * 60_000),
      created_at: new Date(Date.now() - 20 * 60_000),
      updated_at: new Date(),
    });

    const after = await scrape();
    expect(samples(after, 'policydesk_job_failures_last_hour').find((s) => s.labels.queue === 'notifications.send')!.value).toBe(failedBefore + 1);
    expect(samples(after, 'policydesk_outbox_backlog').find((s) => s.labels.channel === 'email')!.value).toBe(backlogBefore + 1);
    expect(samples(after, 'policydesk_outbox_oldest_due_age_seconds')[0]!.value).toBeGreaterThanOrEqual(19 * 60);
    expect(samples(after, 'policydesk_service_sla_breaches_open')).toContainEqual({ labels: { queue: branch.code, metric: 'first_response' }, value: 1 });
    expect(after).not.toContain('late@example.test');
  });

  it('counts failed logins and webhooks refused by their signature, by webhook', async () => {
    const count = (text: string, name: string, labels: Record<string, string> = {}) =>
      samples(text, name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value ?? 0;
    const before = await scrape();
    await request(t.app).post('/api/auth/login').send({ email: 'nobody@example.test', password: 'Wrong-password-123' }).expect(401);
    await request(t.app).post('/api/webhooks/payments').set('Content-Type', 'application/json').set('Stripe-Signature', 't=1,v1=00').send('{"id":"evt_1"}').expect(400);
    await request(t.app).post('/api/voice/telnyx/incoming').set('Content-Type', 'application/json').send('{"data":{}}').expect(403);
    const after = await scrape();
    expect(count(after, 'policydesk_login_failures_total')).toBe(count(before, 'policydesk_login_failures_total') + 1);
    expect(count(after, 'policydesk_webhook_verification_failures_total', { webhook: 'payments' })).toBe(
      count(before, 'policydesk_webhook_verification_failures_total', { webhook: 'payments' }) + 1,
    );
    expect(count(after, 'policydesk_webhook_verification_failures_total', { webhook: 'voice' })).toBe(
      count(before, 'policydesk_webhook_verification_failures_total', { webhook: 'voice' }) + 1,
    );
  });

  it('leaves a figure out of the scrape (and counts the failure) when its query fails, instead of failing the scrape', async () => {
    const broken = createTestApp({ env: { METRICS_TOKEN } });
    try {
      broken.metrics.registerCollector({
        gauges: { policydesk_test_broken: { help: 'A collector whose query fails (test)' } },
        collect: async (db) => {
          await db.raw('SELECT * FROM no_such_table_for_metrics');
          return {};
        },
      });
      const text = (await request(broken.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
      expect(samples(text, 'policydesk_test_broken')).toEqual([]);
      expect(samples(text, 'policydesk_metrics_collect_failures_total')).toContainEqual({ labels: { collector: 'policydesk_test_broken' }, value: 1 });
      expect(samples(text, 'policydesk_database_up')).toEqual([{ labels: {}, value: 1 }]);
    } finally {
      await broken.close();
    }
  });
});
