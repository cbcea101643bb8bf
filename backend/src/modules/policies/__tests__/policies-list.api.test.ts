// The policies list (issue 16): sortable with order-aware cursors, a count, and a CSV export for managers.
// Policies are issued through the real approval, and approval limits are one global table, so this
// file works on a database of its own.
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { type Session, sessionAs } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { orderFixtures } from '../../orders/__tests__/order-fixtures';

let t: TestApp;
let capped: TestApp;
let url: string;
const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl, 'policydesk_policies_list');
  t = createTestApp({ env: { DATABASE_URL: url } });
  capped = createTestApp({ env: { DATABASE_URL: url, EXPORT_ROW_CAP: '1' } });
  await t.db('approval_limits').insert({ role: 'underwriter', kind: 'order_sum_insured', currency: 'USD', max_amount: 5_000_000_00, revision: 1, updated_at: new Date() });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all([t.close(), capped.close()]);
  await dropDatabase(adminUrl, url);
});

const modest = [{ code: 'DEATH', sumInsured: 250_000_00 }];
type Row = Record<string, unknown> & { id: string };
const tag = () => Math.random().toString(36).slice(2, 7);
const lastNames = (rows: Row[]) => rows.map((r) => (r.customer as { name: string }).name.split(' ').at(-1));

async function walk(session: Session, path: string, query: Record<string, string | number>, limit = 2) {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const res: request.Response = await request(t.app)
      .get(path)
      .set(session.auth)
      .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
      .expect(200);
    rows.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return { rows };
}

/** CSV lines into cells (the cells here hold no commas, quotes or line breaks). */
const csvRows = (text: string) =>
  text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('policies list', () => {
  let team: Awaited<ReturnType<ReturnType<typeof orderFixtures>['team']>>;
  let manager: Session;
  const names = ['Young', 'Baker'].map((n) => `${n}${tag()}`);
  beforeAll(async () => {
    team = await orderFixtures(t).team();
    manager = await sessionAs(t, 'manager', team.branch);
    for (const lastName of names) {
      const f = orderFixtures(t);
      const { order } = await f.inReview(team.agent, team.underwriter, team.branch, team.productId, { coverages: modest, customer: { lastName } });
      await f.step(team.underwriter, order.id, 'approve', order.version).expect(200);
    }
  });

  it('sorts by customer name and policy number both ways across pages, with a count', async () => {
    const byName = await walk(team.agent, '/api/policies', { sort: 'customerName' }, 1);
    expect(lastNames(byName.rows)).toEqual([names[1], names[0]]);
    expect(lastNames((await walk(team.agent, '/api/policies', { sort: '-customerName' }, 1)).rows)).toEqual([names[0], names[1]]);
    const numbers = (await walk(team.agent, '/api/policies', { sort: '-policyNumber' }, 1)).rows.map((r) => r.policyNumber as string);
    expect(numbers).toEqual([...numbers].sort().reverse());
    const first = (await request(t.app).get('/api/policies').set(team.agent.auth).query({ limit: 1, sort: 'startDate' }).expect(200)).body;
    expect(first.total).toEqual({ count: 2, more: false });
    expect((await request(t.app).get('/api/policies').set(team.agent.auth).query({ sort: 'status', cursor: first.nextCursor }).expect(400)).body.code).toBe('INVALID_CURSOR');
  });

  it('exports as CSV for managers only, audited', async () => {
    await request(t.app).get('/api/policies/export').set(team.agent.auth).expect(403);
    const res = await request(t.app).get('/api/policies/export').set(manager.auth).query({ sort: '-customerName' }).expect(200);
    const rows = csvRows(res.text);
    expect(rows[0]!.slice(0, 4)).toEqual(['policyNumber', 'status', 'customerNumber', 'customerName']);
    expect(rows.slice(1).map((r) => r[3]!.split(' ').at(-1))).toEqual([names[0], names[1]]);
    expect(res.headers['x-export-truncated']).toBe('false');
    const audit = await t.db('audit_log').where({ action: 'policy.export', branch_id: team.branch }).first();
    expect(audit.metadata).toEqual({ filter: { sort: '-customerName' }, rows: 2, truncated: false });
    const cut = await request(capped.app).get('/api/policies/export').set(manager.auth).expect(200);
    expect(cut.headers['x-export-truncated']).toBe('true');
    expect(csvRows(cut.text)).toHaveLength(2);
  });
});
