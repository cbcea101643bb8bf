// Follow-up tasks through the API: idempotent by source key, reassigned and completed under
// If-Match with history and audit, and invisible outside their branch.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeCustomer, sessionAs } from '../../../../test/support/factories';

const t = appForFile();

async function team() {
  const branch = await makeBranch(t.db);
  const agent = await loggedIn(t.app, t.db, { role: 'agent', branchId: branch.id });
  const colleague = await loggedIn(t.app, t.db, { role: 'agent', branchId: branch.id });
  return { branch, agent, colleague };
}

it('creates a task once per source key, and links it to the customer', async () => {
  const { branch, agent } = await team();
  const { customer } = await makeCustomer(t.app, agent.session, branch.id);
  const body = {
    title: 'Call back about the renewal',
    dueAt: '2027-02-01T10:00:00Z',
    assigneeId: agent.user.id,
    links: [{ kind: 'customer', id: customer.id }],
    sourceKey: `k-${customer.id}`,
  };
  const first = await request(t.app).post('/api/tasks').set(agent.session.auth).send(body).expect(201);
  expect(first.body).toMatchObject({ status: 'open', priority: 'normal', source: 'manual', assignee: { id: agent.user.id }, customer: { id: customer.id }, branchId: branch.id });
  expect(first.body.history).toEqual([expect.objectContaining({ event: 'created', changedBy: { id: agent.user.id, name: agent.user.name } })]);
  const again = await request(t.app)
    .post('/api/tasks')
    .set(agent.session.auth)
    .send({ ...body, title: 'Something else' })
    .expect(200);
  expect(again.body).toEqual(first.body);
  expect(await t.db('service_tasks').where({ source: 'manual', source_key: body.sourceKey }).count('* as n').first()).toEqual({ n: 1 });
  expect(await t.db('audit_log').where({ action: 'task.create', entity_id: first.body.id }).count('* as n').first()).toEqual({ n: 1 });
});

it('reassigns and completes under If-Match, refusing stale versions and a done task', async () => {
  const { agent, colleague } = await team();
  const created = await request(t.app).post('/api/tasks').set(agent.session.auth).send({ title: 'Send the policy pack', dueAt: '2027-02-01T10:00:00Z' }).expect(201);
  expect(created.body.assignee).toBeNull();
  const url = `/api/tasks/${created.body.id}`;
  const outsider = await sessionAs(t, 'agent');
  const foreign = (await t.db('users').whereNot({ branch_id: created.body.branchId }).first('id')).id;
  const bad = await request(t.app).patch(url).set(agent.session.auth).set('If-Match', '"1"').send({ assigneeId: foreign }).expect(400);
  expect(bad.body.code).toBe('TASK_ASSIGNEE_INVALID');
  const moved = await request(t.app).patch(url).set(agent.session.auth).set('If-Match', '"1"').send({ assigneeId: colleague.user.id, dueAt: '2027-02-02T10:00:00Z' }).expect(200);
  expect(moved.body).toMatchObject({ version: 2, assignee: { id: colleague.user.id }, dueAt: '2027-02-02T10:00:00.000Z' });
  expect(moved.body.history.map((h: { event: string }) => h.event)).toEqual(['created', 'reassigned', 'due_changed']);
  await request(t.app).post(`${url}/complete`).set(colleague.session.auth).set('If-Match', '"1"').send({ outcome: 'Sent by post' }).expect(412);
  await request(t.app).post(`${url}/complete`).set(outsider.auth).set('If-Match', '"2"').send({ outcome: 'Sent by post' }).expect(404);
  const done = await request(t.app).post(`${url}/complete`).set(colleague.session.auth).set('If-Match', '"2"').send({ outcome: 'Sent by post' }).expect(200);
  expect(done.body).toMatchObject({ status: 'done', outcome: 'Sent by post', completedBy: { id: colleague.user.id }, version: 3 });
  const again = await request(t.app).post(`${url}/complete`).set(colleague.session.auth).set('If-Match', '"3"').send({ outcome: 'Twice' }).expect(409);
  expect(again.body.code).toBe('TASK_NOT_OPEN');
  expect((await t.db('audit_log').where({ entity_id: created.body.id }).orderBy('id').select('action')).map((a) => a.action)).toEqual([
    'task.create',
    'task.update',
    'task.complete',
  ]);
});

it("keeps another branch's tasks out of reach: 404 and absent from lists", async () => {
  const { agent } = await team();
  const task = await request(t.app).post('/api/tasks').set(agent.session.auth).send({ title: 'Branch A only', dueAt: '2027-02-01T10:00:00Z' }).expect(201);
  const other = await team();
  await request(t.app).get(`/api/tasks/${task.body.id}`).set(other.agent.session.auth).expect(404);
  const theirs = await request(t.app).get('/api/tasks').set(other.agent.session.auth).query({ limit: 100 }).expect(200);
  expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(task.body.id);
  const ours = await request(t.app).get('/api/tasks').set(agent.session.auth).query({ status: 'open' }).expect(200);
  expect(ours.body.items.map((i: { id: string }) => i.id)).toContain(task.body.id);
  const elsewhere = await request(t.app)
    .post('/api/tasks')
    .set(other.agent.session.auth)
    .send({ title: 'Into branch A', dueAt: '2027-02-01T10:00:00Z', branchId: agent.user.branchId });
  expect(elsewhere.status).toBe(404);
});
