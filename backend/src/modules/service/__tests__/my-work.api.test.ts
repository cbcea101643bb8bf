// "My work": the agent's own open tasks and cases, what falls due first at the top, overdue and at-risk (due within four
// business hours) flagged, on the default calendar (Monday–Friday 09:00–17:00 in the business zone).
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeUser } from '../../../../test/support/factories';
import { zonedInstant } from '../../../platform/business-time';

const t = appForFile();
afterAll(() => t.clock.reset());

it("lists the agent's open tasks and cases by what falls due first, with overdue and at-risk flags", async () => {
  const tz = t.config.businessTimeZone;
  const wednesdayAt = (hour: number, day = '2027-03-03') => new Date(zonedInstant(day, hour * 60, tz)).toISOString();
  t.clock.set(wednesdayAt(12));
  const branch = await makeBranch(t.db);
  const me = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const colleague = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const session = await login(t.app, me);
  const task = async (title: string, dueAt: string, assigneeId = me.id) =>
    (await request(t.app).post('/api/tasks').set(session.auth).send({ title, dueAt, assigneeId }).expect(201)).body as { id: string; version: number };

  // Thursday noon is five business hours away: not at risk.
  const tomorrow = await task('Thursday noon', wednesdayAt(12, '2027-03-04'));
  const overdue = await task('This morning', wednesdayAt(11));
  const soon = await task('This afternoon', wednesdayAt(15));
  await task('Colleague’s', wednesdayAt(13), colleague.id);
  const done = await task('Done already', wednesdayAt(10));
  await request(t.app).post(`/api/tasks/${done.id}/complete`).set(session.auth).set('If-Match', `"${done.version}"`).send({ outcome: 'Handled' }).expect(200);

  // Cases by the earliest due of their running clocks: an urgent one's first response (30 business minutes) at 12:30; a
  // pending normal one waits for its resolution, but its first response (4 business hours) still falls due at 16:00.
  const newCase = async (priority: string, assigneeId = me.id) =>
    (
      await request(t.app)
        .post('/api/cases')
        .set(session.auth)
        .send({ type: 'question', subject: `A ${priority} case`, priority, assigneeId })
        .expect(201)
    ).body as { id: string };
  const urgent = await newCase('urgent');
  const waiting = await newCase('normal');
  await request(t.app).post(`/api/cases/${waiting.id}/pend`).set(session.auth).set('If-Match', '"1"').send({}).expect(200);
  await newCase('urgent', colleague.id);

  const res = await request(t.app).get('/api/my-work').set(session.auth).expect(200);
  type Item = { kind: string; task?: { id: string }; case?: { id: string }; overdue: boolean; atRisk: boolean; dueAt: string | null };
  expect(res.body.items.map((i: Item) => [i.kind, (i.task ?? i.case)!.id, i.overdue, i.atRisk])).toEqual([
    ['task', overdue.id, true, false],
    ['case', urgent.id, false, true],
    ['task', soon.id, false, true],
    ['case', waiting.id, false, true],
    ['task', tomorrow.id, false, false],
  ]);
  expect(res.body.items[1].dueAt).toBe(new Date(Date.parse(wednesdayAt(12)) + 30 * 60_000).toISOString());
  expect(res.body.items[3].dueAt).toBe(wednesdayAt(16));
  expect(res.body.counts).toEqual({ open: 5, overdue: 1, atRisk: 3 });

  // Once answered, the pending case has no running clock: no due time, last.
  const answered = await request(t.app)
    .post(`/api/cases/${waiting.id}/reply`)
    .set(session.auth)
    .set('If-Match', '"2"')
    .send({ channel: 'email', notes: 'We are waiting for your documents' });
  expect(answered.status).toBe(409); // no customer to reply to
  await request(t.app)
    .post('/api/interactions')
    .set(session.auth)
    .send({ channel: 'email', direction: 'outbound', contactEmail: 'x@example.com', subject: 'Waiting for documents', links: [{ kind: 'case', id: waiting.id }] })
    .expect(201);
  const after = await request(t.app).get('/api/my-work').set(session.auth).expect(200);
  expect(after.body.items.map((i: Item) => (i.task ?? i.case)!.id).at(-1)).toBe(waiting.id);
  expect(after.body.items.at(-1).dueAt).toBeNull();
});
