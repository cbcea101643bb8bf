// The manager's week figures. Approval limits are one global table, so this file works on a database of its own.
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { makeBranch, sessionAs } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { orderFixtures } from './order-fixtures';

let t: TestApp;
let url: string;
const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl, 'policydesk_week_figures');
  t = createTestApp({ env: { DATABASE_URL: url } });
  await t.db('approval_limits').insert({ role: 'underwriter', kind: 'order_sum_insured', currency: 'USD', max_amount: 5_000_000_00, revision: 1, updated_at: new Date() });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await t.close();
  await dropDatabase(adminUrl, url);
});

const modest = [{ code: 'DEATH', sumInsured: 250_000_00 }];

describe('GET /api/orders/week-figures', () => {
  it('counts this week in the branch (first submitted, decided, policies issued); not drafts, other branches or last week', async () => {
    // A Wednesday: the week runs Monday 30 November to Sunday 6 December.
    t.clock.set('2026-12-02T10:00:00Z');
    const f = orderFixtures(t);
    const { branch, agent, underwriter, productId } = await f.team();
    const manager = await sessionAs(t, 'manager', branch);
    const elsewhere = (await makeBranch(t.db)).id;
    await f.submitted(await sessionAs(t, 'agent', elsewhere), elsewhere, productId, { coverages: modest });
    await f.draft(agent, branch, productId, { coverages: modest });
    await f.submitted(agent, branch, productId, { coverages: modest });
    const toApprove = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    await f.step(underwriter, toApprove.order.id, 'approve', toApprove.order.version).expect(200);
    const toDecline = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    await f.step(underwriter, toDecline.order.id, 'decline', toDecline.order.version, { reasonCode: 'other', note: 'Test' }).expect(200);

    const figures = (await request(t.app).get('/api/orders/week-figures').set(manager.auth).expect(200)).body;
    expect(figures).toEqual({ weekStart: '2026-11-30', weekEnd: '2026-12-06', submitted: 3, decided: 2, policiesIssued: 1 });
    // The other branch's manager sees only their own.
    const theirs = (
      await request(t.app)
        .get('/api/orders/week-figures')
        .set((await sessionAs(t, 'manager', elsewhere)).auth)
        .expect(200)
    ).body;
    expect(theirs).toMatchObject({ submitted: 1, decided: 0, policiesIssued: 0 });

    // The next Monday starts a new week.
    t.clock.set('2026-12-07T08:00:00Z');
    const nextWeek = (
      await request(t.app)
        .get('/api/orders/week-figures')
        .set((await sessionAs(t, 'manager', branch)).auth)
        .expect(200)
    ).body;
    expect(nextWeek).toEqual({ weekStart: '2026-12-07', weekEnd: '2026-12-13', submitted: 0, decided: 0, policiesIssued: 0 });
  });
});
