// Dunning plans through HTTP on PostgreSQL: a product version's plan is read by those who collect,
// replaced by finance managers (and admins) under If-Match ("0" makes the first), kept in the
// history and audited; a plan that breaks a rule is 400 DUNNING_PLAN_INVALID naming the step's field.
import crypto from 'node:crypto';
import request from 'supertest';
import { publishProduct } from '../../../../test/support/factories';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';

let w: BillingWorld;
let versionId: string;

const PLAN = [
  { key: 'first-reminder', days: 3, action: 'reminder', channel: 'email', template: 'dunning-reminder' },
  { key: 'second-reminder', days: 10, action: 'reminder', template: 'dunning-reminder' },
  { key: 'call', days: 15, action: 'call_task' },
  { key: 'final', days: 25, action: 'final_notice', template: 'dunning-final-notice' },
];

beforeAll(async () => {
  w = await billingWorld('policydesk_dunning_plans', { startAt: '2027-01-10T10:00:00Z' });
  versionId = (await w.t.db('product_versions').where({ product_id: w.productId }).first('id')).id;
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const path = (id = versionId) => `/api/collections/dunning-plans/${id}`;
const put = (session: { auth: Record<string, string> }, steps: unknown, etag?: string) => {
  const req = request(w.t.app).put(path()).set(session.auth);
  if (etag !== undefined) req.set('If-Match', etag);
  return req.send({ steps });
};

describe('dunning plans', () => {
  it('a version without a plan has no steps (version 0); an unknown version is 404; underwriters may not read (403)', async () => {
    const agent = await w.as('agent');
    const res = await request(w.t.app).get(path()).set(agent.auth).expect(200);
    expect(res.body).toMatchObject({ productVersionId: versionId, steps: [], version: 0, updatedBy: null, product: { id: w.productId } });
    expect(res.headers.etag).toBe('"0"');
    expect((await request(w.t.app).get(path(crypto.randomUUID())).set(agent.auth).expect(404)).body.code).toBe('NOT_FOUND');
    expect(
      (
        await request(w.t.app)
          .get(path())
          .set((await w.as('underwriter')).auth)
          .expect(403)
      ).body.code,
    ).toBe('PERMISSION_DENIED');
  });

  it('only finance managers and admins edit (403 for agents, managers and finance clerks)', async () => {
    for (const role of ['agent', 'senior_agent', 'manager', 'finance'] as const) {
      expect((await put(await w.as(role), PLAN, '"0"').expect(403)).body.code).toBe('PERMISSION_DENIED');
    }
    expect(await w.t.db('collections_dunning_plans').where({ product_version_id: versionId })).toHaveLength(0);
  });

  it('a finance manager makes the plan with If-Match "0": saved with channels defaulted, history and audit in one go; a stale version is 412, none 428', async () => {
    const { session, userId } = await w.userAs('finance_manager');
    expect((await put(session, PLAN).expect(428)).body.code).toBe('IF_MATCH_REQUIRED');
    const res = await put(session, PLAN, '"0"').expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body.version).toBe(1);
    expect(res.body.steps).toEqual([PLAN[0], { ...PLAN[1], channel: 'preferred' }, PLAN[2], { ...PLAN[3], channel: 'preferred' }]);
    expect(res.body.updatedBy.id).toBe(userId);
    expect((await put(session, PLAN, '"0"').expect(412)).body.code).toBe('VERSION_MISMATCH');

    const shorter = PLAN.slice(0, 2);
    const second = await put(session, shorter, '"1"').expect(200);
    expect(second.body.version).toBe(2);
    const history = (
      await request(w.t.app)
        .get(`${path()}/history`)
        .set((await w.as('agent')).auth)
        .expect(200)
    ).body.items;
    expect(history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(history[0].steps).toHaveLength(2);
    expect(history[1].steps).toHaveLength(4);
    const audit = await w.t.db('audit_log').where({ action: 'dunning_plan.update', entity_id: versionId }).orderBy('occurred_at');
    expect(audit).toHaveLength(2);
    expect(audit[0].actor_user_id).toBe(userId);

    // An admin may edit too; the list shows the plan.
    await put(w.admin, PLAN, '"2"').expect(200);
    const list = (
      await request(w.t.app)
        .get('/api/collections/dunning-plans')
        .set((await w.as('finance')).auth)
        .expect(200)
    ).body.items;
    expect(list.find((p: { productVersionId: string }) => p.productVersionId === versionId)).toMatchObject({ version: 3, steps: expect.any(Array) });
  });

  it.each([
    ['a key used twice', [PLAN[0], { ...PLAN[1], key: 'first-reminder' }], 'steps.1.key'],
    ['days not increasing', [PLAN[0], { ...PLAN[1], days: 3 }], 'steps.1.days'],
    ['a reminder without a template', [{ key: 'r', days: 3, action: 'reminder' }], 'steps.0.template'],
    ['a call task with a template', [{ key: 'c', days: 3, action: 'call_task', template: 'dunning-reminder' }], 'steps.0.template'],
    [
      'a final notice before another step',
      [
        { ...PLAN[3], days: 5 },
        { ...PLAN[2], days: 15 },
      ],
      'steps.0.action',
    ],
    ['a final notice after the grace period ends (30 days)', [{ ...PLAN[3], days: 30 }], 'steps.0.days'],
    ['a template that does not exist', [{ ...PLAN[0], template: 'no-such-template' }], 'steps.0.template'],
    ['a template needing values a step cannot give', [{ ...PLAN[0], template: 'payment-failed' }], 'steps.0.template'],
  ])('refuses %s (400 DUNNING_PLAN_INVALID naming the field), nothing saved', async (_what, steps, field) => {
    const session = await w.as('finance_manager');
    const before = (await request(w.t.app).get(path()).set(session.auth).expect(200)).body;
    const res = await put(session, steps, `"${before.version}"`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('DUNNING_PLAN_INVALID');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect((await request(w.t.app).get(path()).set(session.auth).expect(200)).body.version).toBe(before.version);
  });

  it('two first saves at once: one makes the plan, the other is stale (412), and one history row', async () => {
    const admin = await w.as('admin');
    const productId = (await publishProduct(w.t, admin, { code: 'DUNRACE', name: 'Dunning race term life', category: 'life', definition: termLife })).id;
    const other = (await w.t.db('product_versions').where({ product_id: productId }).first('id')).id as string;
    const { session } = await w.userAs('finance_manager');
    const first = () => request(w.t.app).put(path(other)).set(session.auth).set('If-Match', '"0"').send({ steps: PLAN });
    const statuses = (await Promise.all([first(), first()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412]);
    expect(await w.t.db('collections_dunning_plan_history').where({ product_version_id: other })).toHaveLength(1);
  });

  it('refuses malformed steps (0 days, an unknown action, a bad key) with 400 VALIDATION_FAILED', async () => {
    const session = await w.as('finance_manager');
    for (const step of [
      { ...PLAN[0], days: 0 },
      { ...PLAN[0], action: 'sue' },
      { ...PLAN[0], key: 'Not A Key' },
    ]) {
      expect((await put(session, [step], '"3"').expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('the list names the published versions without a plan; a finance manager makes one for such a version and it moves to the plans', async () => {
    const productId = (await publishProduct(w.t, w.admin, { code: 'DUNNEW', name: 'Dunning new term life', category: 'life', definition: termLife })).id;
    const newVersion = (await w.t.db('product_versions').where({ product_id: productId }).first('id')).id as string;
    const list = async () =>
      (
        await request(w.t.app)
          .get('/api/collections/dunning-plans')
          .set((await w.as('agent')).auth)
          .expect(200)
      ).body;
    const before = await list();
    expect(before.withoutPlan).toContainEqual({
      productVersionId: newVersion,
      versionNumber: 1,
      product: { id: productId, code: expect.stringMatching(/^DUNNEW/), name: 'Dunning new term life' },
    });
    expect(before.items.map((p: { productVersionId: string }) => p.productVersionId)).not.toContain(newVersion);

    const { session } = await w.userAs('finance_manager');
    const made = await request(w.t.app)
      .put(path(newVersion))
      .set(session.auth)
      .set('If-Match', '"0"')
      .send({ steps: PLAN.slice(0, 3) })
      .expect(200);
    expect(made.body).toMatchObject({ productVersionId: newVersion, version: 1, product: { id: productId, name: 'Dunning new term life' } });
    const after = await list();
    expect(after.withoutPlan.map((v: { productVersionId: string }) => v.productVersionId)).not.toContain(newVersion);
    // A version with a plan is never among those without one.
    const planned = new Set(after.items.map((p: { productVersionId: string }) => p.productVersionId));
    expect(after.withoutPlan.filter((v: { productVersionId: string }) => planned.has(v.productVersionId))).toEqual([]);
    expect(after.items.find((p: { productVersionId: string }) => p.productVersionId === newVersion)).toMatchObject({
      version: 1,
      steps: [PLAN[0], { ...PLAN[1], channel: 'preferred' }, PLAN[2]],
    });
  });
});
