// Task reminders (issue 14: a follow-up task has "reminders"): a reminder time at or before the task
// is due; the every-minute job emails the assignee once when it comes (through the notifications
// outbox), records it in the task's history, and skips tasks that are done or whose reminder has not
// come; moving the reminder arms it again.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeUser } from '../../../../test/support/factories';
import { TASK_REMINDERS_JOB } from '../task-reminders';

const t = appForFile();
afterAll(() => t.clock.reset());

it('reminds the assignee once at the reminder time, again only when the reminder moves, and never once done', async () => {
  const branch = await makeBranch(t.db);
  const user = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  t.clock.set('2027-03-01T09:00:00Z');
  // A session at the clock's time (the test moves the clock past an access token's life).
  const session = { auth: {} as Record<string, string> };
  const logIn = async () => (session.auth = (await login(t.app, user)).auth);
  await logIn();
  const create = (body: Record<string, unknown>) =>
    request(t.app)
      .post('/api/tasks')
      .set(session.auth)
      .send({ assigneeId: user.id, ...body });

  // A reminder after the task is due is refused.
  const late = await create({ title: 'Late reminder', dueAt: '2027-03-01T12:00:00Z', remindAt: '2027-03-01T13:00:00Z' }).expect(400);
  expect(late.body.errors[0].path).toBe('remindAt');

  const task = (await create({ title: 'Call Mrs Okafor back', dueAt: '2027-03-01T12:00:00Z', remindAt: '2027-03-01T11:30:00Z' }).expect(201)).body;
  expect(task).toMatchObject({ remindAt: '2027-03-01T11:30:00.000Z', remindedAt: null });
  const done = (await create({ title: 'Already sorted', dueAt: '2027-03-01T12:00:00Z', remindAt: '2027-03-01T11:00:00Z' }).expect(201)).body;
  await request(t.app).post(`/api/tasks/${done.id}/complete`).set(session.auth).set('If-Match', `"${done.version}"`).send({ outcome: 'Sorted on the phone' }).expect(200);

  const messages = () => t.db('notification_outbox').where('idempotency_key', 'like', `task:${task.id}:%`).orderBy('id').select('channel', 'template_key', 'recipient', 'data');
  const run = () => t.jobs.runNow(TASK_REMINDERS_JOB, { branchIds: [branch.id] });

  // Before the reminder time: nothing.
  t.clock.set('2027-03-01T11:29:00Z');
  await run();
  expect(await messages()).toEqual([]);

  // At it, twice: one email to the assignee, one history entry.
  t.clock.set('2027-03-01T11:30:00Z');
  await run();
  await run();
  await logIn();
  expect(await messages()).toEqual([
    { channel: 'email', template_key: 'task-reminder', recipient: user.email, data: expect.objectContaining({ taskTitle: 'Call Mrs Okafor back', agentName: user.name }) },
  ]);
  const reminded = (await request(t.app).get(`/api/tasks/${task.id}`).set(session.auth).expect(200)).body;
  expect(reminded).toMatchObject({ remindedAt: '2027-03-01T11:30:00.000Z', version: task.version });
  expect(reminded.history.map((h: { event: string }) => h.event)).toEqual(['created', 'reminded']);
  expect(await t.db('notification_outbox').where('idempotency_key', 'like', `task:${done.id}:%`).count('* as n').first()).toEqual({ n: 0 });

  // Moving the reminder (If-Match) arms it again; one after the due time is refused.
  const badMove = await request(t.app)
    .patch(`/api/tasks/${task.id}`)
    .set(session.auth)
    .set('If-Match', `"${reminded.version}"`)
    .send({ remindAt: '2027-03-01T12:30:00Z' })
    .expect(400);
  expect(badMove.body.errors[0].path).toBe('remindAt');
  const moved = (
    await request(t.app).patch(`/api/tasks/${task.id}`).set(session.auth).set('If-Match', `"${reminded.version}"`).send({ remindAt: '2027-03-01T11:45:00Z' }).expect(200)
  ).body;
  expect(moved).toMatchObject({ remindAt: '2027-03-01T11:45:00.000Z', remindedAt: null });
  expect(moved.history.map((h: { event: string }) => h.event)).toEqual(['created', 'reminded', 'reminder_changed']);
  t.clock.set('2027-03-01T11:45:00Z');
  await run();
  expect(await messages()).toHaveLength(2);
  await logIn();

  // No reminder at all: nothing, however long it waits.
  const cleared = (await request(t.app).patch(`/api/tasks/${task.id}`).set(session.auth).set('If-Match', `"${moved.version}"`).send({ remindAt: null }).expect(200)).body;
  expect(cleared).toMatchObject({ remindAt: null, remindedAt: null });
  t.clock.set('2027-03-01T11:59:00Z');
  await run();
  expect(await messages()).toHaveLength(2);
});
