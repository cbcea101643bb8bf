// GET /api/system/health: admins only; this instance's readiness, the job queues with their last
// runs, the outbox, open SLA breaches and the alert rules evaluated on the current figures.
import request from 'supertest';
import { sessionAs } from '../../../../test/support/factories';
import { appForFile, testDatabaseUrl } from '../../../../test/support/test-app';
import { ownerUrlOf } from '../../../../test/support/test-database';
import { withStartupLock } from '../../../platform/database-setup';
import { ALERT_RULES } from '../alert-rules';

const t = appForFile();
beforeAll(() => withStartupLock(ownerUrlOf(testDatabaseUrl()), () => t.jobs.install(ownerUrlOf(testDatabaseUrl()))));

describe('GET /api/system/health', () => {
  it('is for admins only: 401 without a login, 403 PERMISSION_DENIED for a manager and an agent', async () => {
    expect((await request(t.app).get('/api/system/health').expect(401)).body.code).toBe('UNAUTHENTICATED');
    for (const role of ['manager', 'agent'] as const) {
      const session = await sessionAs(t, role);
      expect((await request(t.app).get('/api/system/health').set(session.auth).expect(403)).body.code).toBe('PERMISSION_DENIED');
    }
  });

  it('shows readiness, every queue with its depth and last runs, the outbox and every alert rule', async () => {
    const admin = await sessionAs(t, 'admin');
    const res = await request(t.app).get('/api/system/health').set(admin.auth).expect(200);
    expect(res.body.instance).toMatchObject({ ready: true, database: 'up', shuttingDown: false, version: expect.any(String) });
    const names = (res.body.queues as { queue: string }[]).map((q) => q.queue);
    expect(names).toEqual(expect.arrayContaining(['notifications.send', 'service.sla-clocks', 'system.purge-idempotency-keys']));
    expect(res.body.outbox).toMatchObject({ backlog: expect.any(Number), byChannel: { email: expect.any(Number), sms: expect.any(Number) } });
    expect(res.body.slaBreaches).toEqual(expect.any(Array));
    expect((res.body.alerts as { name: string }[]).map((a) => a.name)).toEqual(ALERT_RULES.map((r) => r.name));
    const byName = Object.fromEntries((res.body.alerts as { name: string; firing: boolean | null; evaluatedBy: string }[]).map((a) => [a.name, a]));
    expect(byName.PolicydeskDatabaseUnreachable).toMatchObject({ evaluatedBy: 'server', firing: false });
    expect(byName.PolicydeskHighErrorRate).toMatchObject({ evaluatedBy: 'prometheus', firing: null });
  });

  it('fires the job-failure alert for the queue whose run failed, and shows that run', async () => {
    const admin = await sessionAs(t, 'admin');
    await t.ownerDb.raw(
      `INSERT INTO pgboss.job (name, state, started_on, completed_on) VALUES ('system.purge-idempotency-keys', 'failed', now() - interval '3 minutes', now() - interval '2 minutes')`,
    );
    const res = await request(t.app).get('/api/system/health').set(admin.auth).expect(200);
    const queue = (res.body.queues as { queue: string; failedLastHour: number; lastFailedAt: string | null }[]).find((q) => q.queue === 'system.purge-idempotency-keys')!;
    expect(queue.failedLastHour).toBeGreaterThanOrEqual(1);
    expect(Date.now() - Date.parse(queue.lastFailedAt!)).toBeLessThan(10 * 60_000);
    const alert = (res.body.alerts as { name: string; firing: boolean; detail: string }[]).find((a) => a.name === 'PolicydeskJobFailures')!;
    expect(alert.firing).toBe(true);
    expect(alert.detail).toContain('system.purge-idempotency-keys');
  });
});
