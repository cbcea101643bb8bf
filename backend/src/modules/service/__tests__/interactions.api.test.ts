// Interactions and the customer timeline through the API: logged by the current agent in the
// customer's branch, listed newest first with cursors, merged with tasks on the timeline (filterable
// by kind), shown in the customer 360°, and out of reach from other branches.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeCustomer, sessionAs } from '../../../../test/support/factories';

const t = appForFile();

it('logs contacts on any channel and shows them, with tasks and cases, on the customer timeline and 360°', async () => {
  const branch = await makeBranch(t.db);
  const { user, session } = await loggedIn(t.app, t.db, { role: 'agent', branchId: branch.id });
  const { customer } = await makeCustomer(t.app, session, branch.id);
  const log = (body: Record<string, unknown>) => request(t.app).post('/api/interactions').set(session.auth).send(body);

  const call = await log({
    channel: 'phone_inbound',
    customerId: customer.id,
    subject: 'Premium question',
    notes: 'Asked about the March invoice',
    durationSeconds: 240,
    occurredAt: '2026-01-05T10:00:00Z',
    resolvedOnFirstContact: true,
  }).expect(201);
  expect(call.body).toMatchObject({
    direction: 'inbound',
    agent: { id: user.id },
    branchId: branch.id,
    customer: { id: customer.id },
    links: [{ kind: 'customer', id: customer.id }],
  });
  await log({ channel: 'email', direction: 'outbound', customerId: customer.id, subject: 'Policy pack sent', occurredAt: '2026-01-06T10:00:00Z' }).expect(201);
  const unknown = await log({ channel: 'sms', contactPhone: '+1 555 0100', subject: 'Who is this?' }).expect(201);
  expect(unknown.body).toMatchObject({ customer: null, contactPhone: '+1 555 0100', branchId: branch.id });

  expect((await log({ channel: 'chat', subject: 'Nobody' }).expect(400)).body.errors[0].path).toBe('customerId');
  expect((await log({ channel: 'phone_outbound', direction: 'inbound', customerId: customer.id, subject: 'Odd' }).expect(400)).body.errors[0].path).toBe('direction');
  expect((await log({ channel: 'letter', customerId: customer.id, subject: 'Tomorrow', occurredAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(400)).body.code).toBe(
    'INTERACTION_IN_FUTURE',
  );
  // An offset that carries the instant before year 1 is a 400 on the field, not a contact dated in year -1.
  expect((await log({ channel: 'letter', customerId: customer.id, subject: 'Ancient', occurredAt: '0001-01-01T00:30:00+01:00' }).expect(400)).body.errors[0].path).toBe(
    'occurredAt',
  );

  const first = await request(t.app).get('/api/interactions').set(session.auth).query({ customerId: customer.id, limit: 1 }).expect(200);
  expect(first.body.items.map((i: { subject: string }) => i.subject)).toEqual(['Policy pack sent']);
  const second = await request(t.app).get('/api/interactions').set(session.auth).query({ customerId: customer.id, limit: 1, cursor: first.body.nextCursor }).expect(200);
  expect(second.body).toMatchObject({ items: [{ subject: 'Premium question' }], nextCursor: null });

  const task = await request(t.app)
    .post('/api/tasks')
    .set(session.auth)
    .send({ title: 'Confirm the pack arrived', dueAt: '2027-01-09T10:00:00Z', links: [{ kind: 'customer', id: customer.id }] })
    .expect(201);
  const complaint = await request(t.app).post('/api/cases').set(session.auth).send({ type: 'question', subject: 'Pack never came', customerId: customer.id }).expect(201);
  const timeline = await request(t.app).get(`/api/customers/${customer.id}/timeline`).set(session.auth).expect(200);
  expect(timeline.body.items.map((i: { kind: string; title: string }) => `${i.kind}:${i.title}`)).toEqual([
    `case:${complaint.body.caseNumber}: Pack never came`,
    'task:Confirm the pack arrived',
    'interaction:Policy pack sent',
    'interaction:Premium question',
  ]);
  const page = await request(t.app).get(`/api/customers/${customer.id}/timeline`).set(session.auth).query({ limit: 3 }).expect(200);
  const rest = await request(t.app).get(`/api/customers/${customer.id}/timeline`).set(session.auth).query({ limit: 3, cursor: page.body.nextCursor }).expect(200);
  expect(rest.body.items.map((i: { id: string }) => i.id)).toEqual([call.body.id]);
  const tasksOnly = await request(t.app).get(`/api/customers/${customer.id}/timeline`).set(session.auth).query({ kind: 'task' }).expect(200);
  expect(tasksOnly.body.items).toEqual([expect.objectContaining({ kind: 'task', id: task.body.id, detail: 'open', by: { id: user.id, name: user.name } })]);
  const withoutTasks = await request(t.app).get(`/api/customers/${customer.id}/timeline`).set(session.auth).query({ kind: 'case,interaction' }).expect(200);
  expect(withoutTasks.body.items.map((i: { kind: string }) => i.kind)).toEqual(['case', 'interaction', 'interaction']);
  await request(t.app).get(`/api/customers/${customer.id}/timeline`).set(session.auth).query({ kind: 'payment' }).expect(400);

  const overview = await request(t.app).get(`/api/customers/${customer.id}/overview`).set(session.auth).expect(200);
  expect(overview.body.sections.interactions).toMatchObject({ title: 'Interactions', count: 2, items: [{ subject: 'Policy pack sent' }, { subject: 'Premium question' }] });

  const outsider = await sessionAs(t, 'agent');
  await request(t.app).get(`/api/customers/${customer.id}/timeline`).set(outsider.auth).expect(404);
  await request(t.app).get('/api/interactions').set(outsider.auth).query({ customerId: customer.id }).expect(404);
  await request(t.app).get(`/api/interactions/${call.body.id}`).set(outsider.auth).expect(404);
  await request(t.app).post('/api/interactions').set(outsider.auth).send({ channel: 'email', customerId: customer.id, subject: 'Sneaky' }).expect(404);
  expect(await t.db('audit_log').where({ action: 'interaction.create', entity_id: call.body.id }).count('* as n').first()).toEqual({ n: 1 });
});
