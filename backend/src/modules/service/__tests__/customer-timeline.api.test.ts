// The customer timeline across modules on a real PostgreSQL: the service desk's interactions, tasks
// and cases with the status changes the orders, policies and claims modules contribute — each kind
// with its fields and link, one order (newest first; the same instant by kind, then id) whose pages
// never skip or repeat an item whatever their size or kind filter, forged cursors refused, and the
// records of another branch left out.
import request from 'supertest';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { TIMELINE_KINDS } from '../../../contracts/service';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { publishProduct, type Session } from '../../../../test/support/factories';

type Body = request.Response['body'];
interface Item {
  kind: string;
  id: string;
  at: string;
  title: string;
  detail: string;
  by: { id: string; name: string } | null;
  record: { type: string; id: string; number: string | null };
  statusChange: { from: string | null; to: string; reason: string | null } | null;
}

let w: BillingWorld;
let productId: string;
const HOUR = 3_600_000;
// 2027-01-11 is a Monday: a policy issued today starts today.
const START = '2027-01-11T10:00:00Z';

beforeAll(async () => {
  w = await billingWorld('policydesk_timeline', { startAt: START });
  const definition = { ...termLife, claims: { lossTypes: [{ lossType: 'death', coverages: ['DEATH', 'ADB'] }] } };
  productId = (await publishProduct(w.t, w.admin, { code: 'TLN', name: 'Timeline term life', category: 'life', definition })).id;
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const timeline = (session: Session, customerId: string, query: Record<string, string | number> = {}) =>
  request(w.t.app).get(`/api/customers/${customerId}/timeline`).set(session.auth).query(query);

/** Every page of the timeline with `limit` (and `kind`), followed by its cursors. */
async function walk(session: Session, customerId: string, limit: number, kind?: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res: Body = (await timeline(session, customerId, { limit, ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) }).expect(200)).body;
    expect(res.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.items);
    cursor = res.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('The timeline never ended');
}

const key = (i: Item) => `${i.kind}:${i.id}`;

/**
 * A customer with a policy issued at START (its application's and the policy's status changes, all
 * at one instant), then an hour later a call, a case and a claim reported and submitted, and a task.
 */
async function customerWithHistory(): Promise<{ issued: IssuedPolicy; claim: Body; kase: Body; task: Body; call: Body }> {
  w.t.clock.set(START);
  const issued = await w.issuedPolicy({ productId });
  w.t.clock.advance(HOUR);
  const session = await w.as('agent');
  const call = (
    await request(w.t.app).post('/api/interactions').set(session.auth).send({ channel: 'phone_inbound', customerId: issued.customer.id, subject: 'Reporting a death' }).expect(201)
  ).body;
  const kase = (await request(w.t.app).post('/api/cases').set(session.auth).send({ type: 'question', subject: 'Claim paperwork', customerId: issued.customer.id }).expect(201))
    .body;
  w.t.clock.advance(60_000);
  let claim = (
    await request(w.t.app)
      .post('/api/claims')
      .set(session.auth)
      .send({
        policyId: issued.policy.id,
        lossDate: w.t.clock.businessDate(),
        lossTime: '09:30',
        lossType: 'death',
        description: 'The insured died at home',
        location: 'Springfield',
        reporter: { kind: 'policyholder', name: 'Pat Holder', phone: '(555) 123-4567' },
      })
      .expect(201)
  ).body;
  w.t.clock.advance(60_000);
  claim = (await request(w.t.app).post(`/api/claims/${claim.id}/submit`).set(session.auth).set('If-Match', `"${claim.version}"`).send({ reason: 'All papers in' }).expect(200))
    .body;
  const task = (
    await request(w.t.app)
      .post('/api/tasks')
      .set(session.auth)
      .send({ title: 'Send the claim form', dueAt: new Date(w.t.clock.now().getTime() + 24 * HOUR).toISOString(), links: [{ kind: 'customer', id: issued.customer.id }] })
      .expect(201)
  ).body;
  return { issued, claim, kase, task, call };
}

it('shows the status changes of the customer’s application, policy and claim beside interactions, tasks and cases, each with its record', async () => {
  const { issued, claim, kase, task, call } = await customerWithHistory();
  const session = await w.as('agent');
  const items: Item[] = (await timeline(session, issued.customer.id, { limit: 100 }).expect(200)).body.items;

  const order = (await request(w.t.app).get(`/api/orders/${issued.policy.order.id}`).set(session.auth).expect(200)).body;
  const orderItems = items.filter((i) => i.kind === 'order');
  expect(orderItems.map((i) => [i.statusChange!.from, i.statusChange!.to])).toEqual([...order.history].reverse().map((h: Body) => [h.fromStatus, h.toStatus]));
  expect(orderItems[0]).toEqual({
    kind: 'order',
    id: expect.stringMatching(/^\d+$/),
    at: START.replace('Z', '.000Z'),
    title: order.orderNumber,
    detail: 'approved',
    by: { id: order.history.at(-1).changedBy.id, name: order.history.at(-1).changedBy.name },
    record: { type: 'order', id: order.id, number: order.orderNumber },
    statusChange: { from: order.history.at(-1).fromStatus, to: 'approved', reason: order.history.at(-1).reason },
  });

  const policyItems = items.filter((i) => i.kind === 'policy');
  expect(policyItems).toEqual([
    expect.objectContaining({
      title: issued.policy.policyNumber,
      detail: 'active',
      record: { type: 'policy', id: issued.policy.id, number: issued.policy.policyNumber },
      statusChange: { from: null, to: 'active', reason: expect.anything() },
    }),
  ]);

  expect(items.filter((i) => i.kind === 'claim')).toEqual([
    expect.objectContaining({
      title: claim.claimNumber,
      detail: 'submitted',
      by: { id: expect.any(String), name: expect.any(String) },
      record: { type: 'claim', id: claim.id, number: claim.claimNumber },
      statusChange: { from: 'draft', to: 'submitted', reason: 'All papers in' },
    }),
    expect.objectContaining({ title: claim.claimNumber, statusChange: { from: null, to: 'draft', reason: 'First notice of loss' } }),
  ]);
  expect(items.find((i) => i.kind === 'case')).toMatchObject({
    id: kase.id,
    title: `${kase.caseNumber}: Claim paperwork`,
    detail: 'new',
    record: { type: 'case', id: kase.id, number: kase.caseNumber },
    statusChange: null,
  });
  expect(items.find((i) => i.kind === 'task')).toMatchObject({ id: task.id, record: { type: 'task', id: task.id, number: null }, statusChange: null });
  expect(items.find((i) => i.kind === 'interaction')).toMatchObject({
    id: call.id,
    title: 'Reporting a death',
    detail: 'phone_inbound',
    record: { type: 'interaction', id: call.id, number: null },
  });

  // Newest first; at one instant by kind (interaction, task, case, order, policy, claim, message), then newest id.
  const rank = (i: Item) => TIMELINE_KINDS.indexOf(i.kind as (typeof TIMELINE_KINDS)[number]);
  for (let n = 1; n < items.length; n++) {
    const [a, b] = [items[n - 1]!, items[n]!];
    expect(a.at >= b.at).toBe(true);
    if (a.at === b.at) expect(rank(a) <= rank(b)).toBe(true);
  }
  // The messages sent to the customer are there too (the welcome, the claim's acknowledgement), each at its own instant.
  expect(items.filter((i) => i.kind === 'message').length).toBeGreaterThanOrEqual(2);
  const records = items.filter((i) => i.kind !== 'message');
  expect(records.map((i) => i.kind).slice(0, 4)).toEqual(['task', 'claim', 'claim', 'interaction']);
  // The call and the case were logged at the same instant: the interaction first.
  expect(records.slice(3, 5).map((i) => i.kind)).toEqual(['interaction', 'case']);
  // At START, one instant: the onboarding playbook's tasks, every application change, then the policy.
  const atStart = records.slice(5);
  expect(atStart.every((i) => i.at === orderItems[0]!.at)).toBe(true);
  expect(atStart.map((i) => i.kind)).toEqual([...atStart.filter((i) => i.kind === 'task').map(() => 'task'), ...orderItems.map(() => 'order'), 'policy']);
});

it('pages across every kind without gaps or repeats, whatever the page size and kind filter', async () => {
  const { issued } = await customerWithHistory();
  const session = await w.as('agent');
  const all: Item[] = (await timeline(session, issued.customer.id, { limit: 100 }).expect(200)).body.items;
  expect(all.length).toBeGreaterThan(8);
  for (const limit of [1, 2, 3, 5]) expect((await walk(session, issued.customer.id, limit)).map(key)).toEqual(all.map(key));

  for (const kind of TIMELINE_KINDS) {
    const only = all.filter((i) => i.kind === kind);
    expect(only.length).toBeGreaterThan(0);
    expect((await walk(session, issued.customer.id, 1, kind)).map(key)).toEqual(only.map(key));
  }
  const statusChanges = all.filter((i) => ['order', 'policy', 'claim'].includes(i.kind));
  expect((await walk(session, issued.customer.id, 2, 'claim,order,policy')).map(key)).toEqual(statusChanges.map(key));

  // A cursor is a position: followed under another filter, it goes on from the same place.
  const first = (await timeline(session, issued.customer.id, { limit: 3 }).expect(200)).body;
  const rest: Item[] = (await timeline(session, issued.customer.id, { limit: 100, kind: 'order', cursor: first.nextCursor }).expect(200)).body.items;
  expect(rest.map(key)).toEqual(
    all
      .slice(3)
      .filter((i) => i.kind === 'order')
      .map(key),
  );
});

it('refuses an unknown kind and forged cursors (400)', async () => {
  const { issued } = await customerWithHistory();
  const session = await w.as('agent');
  expect((await timeline(session, issued.customer.id, { kind: 'order,bogus' }).expect(400)).body.errors[0].path).toBe('query.kind');
  const forge = (v: unknown[], s = 'at:desc,kind:asc,id:desc') => Buffer.from(JSON.stringify({ s, v })).toString('base64url');
  const cursors = [
    'not-a-cursor',
    forge(['2027-01-11T10:00:00.000000Z', 'order', 'abc']),
    forge(['2027-01-11T10:00:00.000000Z', 'interaction', '12']),
    forge(['2027-01-11T10:00:00.000000Z', 'payment', '12']),
    forge(['yesterday', 'order', '12']),
    forge(['2027-01-11T10:00:00.000000Z', 'order']),
    forge(['2027-01-11T10:00:00.000000Z', 'order', '12'], 'tl.at:desc,tl.id:desc'),
    forge(['2027-01-11T10:00:00.000000Z', 'order', "1'; DROP TABLE orders; --"]),
  ];
  for (const cursor of cursors) expect((await timeline(session, issued.customer.id, { cursor }).expect(400)).body.code).toBe('INVALID_CURSOR');
  expect((await timeline(session, issued.customer.id, { cursor: forge(['2027-01-11T10:00:00.000000Z', 'order', '12']) }).expect(200)).body.items).toBeDefined();
});

it("leaves out another branch's applications, policies, claims, cases and tasks after the customer moves branch", async () => {
  const { issued, call } = await customerWithHistory();
  const admin = await w.as('admin');
  const customer = (await request(w.t.app).get(`/api/customers/${issued.customer.id}`).set(admin.auth).expect(200)).body;
  await request(w.t.app).patch(`/api/customers/${customer.id}`).set(admin.auth).set('If-Match', `"${customer.version}"`).send({ branchId: w.otherBranch }).expect(200);

  const there = await w.as('agent', w.otherBranch);
  const items: Item[] = (await timeline(there, customer.id, { limit: 100 }).expect(200)).body.items;
  // The customer's interactions and the messages sent to them belong to the customer; everything else stayed in the first branch.
  expect(items.filter((i) => i.kind !== 'message').map(key)).toEqual([`interaction:${call.id}`]);
  expect(items.some((i) => i.kind === 'message')).toBe(true);
  await timeline(await w.as('agent'), customer.id).expect(404);
  // Someone who sees both branches sees everything.
  const everything: Item[] = (await timeline(admin, customer.id, { limit: 100 }).expect(200)).body.items;
  expect(new Set(everything.map((i) => i.kind))).toEqual(new Set(TIMELINE_KINDS));
});
