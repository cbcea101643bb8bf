// Agent performance (GET /api/service/metrics: agents see themselves, senior agents and managers their branches) and the
// team view (GET /api/service/team: per agent and the branch queue, open cases and tasks, at risk and breached). On the
// default calendar (Monday–Friday 09:00–17:00 in the business zone).
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeCustomer, makeUser, type TestUser } from '../../../../test/support/factories';
import { zonedInstant } from '../../../platform/business-time';

const t = appForFile();
afterAll(() => t.clock.reset());

const DAY = '2027-08-02'; // a Monday
const on = (hour: number, minute = 0) => new Date(zonedInstant(DAY, hour * 60 + minute, t.config.businessTimeZone));
const as = async (user: TestUser) => (await login(t.app, user)).auth;

it('gives each agent their own figures, senior agents and managers their branch’s, and the team view of at-risk and breached work', async () => {
  t.clock.set(on(10));
  const branch = await makeBranch(t.db);
  const ann = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const bob = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const senior = await makeUser(t.db, { role: 'senior_agent', branchId: branch.id });
  const manager = await makeUser(t.db, { role: 'manager', branchId: branch.id });
  const { customer } = await makeCustomer(t.app, await login(t.app, ann), branch.id);

  const call = async (resolvedOnFirstContact: boolean) =>
    request(t.app)
      .post('/api/interactions')
      .set(await as(ann))
      .send({ channel: 'phone_inbound', customerId: customer.id, subject: 'A question', resolvedOnFirstContact })
      .expect(201);
  await call(true);
  await call(false);
  const annCase = (
    await request(t.app)
      .post('/api/cases')
      .set(await as(ann))
      .send({ type: 'billing_question', subject: 'Premium went up', customerId: customer.id, assigneeId: ann.id })
      .expect(201)
  ).body;
  const bobCase = (
    await request(t.app)
      .post('/api/cases')
      .set(await as(bob))
      .send({ type: 'question', priority: 'urgent', subject: 'Cover today?', assigneeId: bob.id })
      .expect(201)
  ).body;
  const queued = (
    await request(t.app)
      .post('/api/tasks')
      .set(await as(senior))
      .send({ title: 'Call back about the excess', dueAt: on(9, 30).toISOString() })
      .expect(201)
  ).body;

  // 10:50: Bob's urgent first response (30 minutes) is breached; Ann's (4 hours, due 14:00) is at risk; the queued task is overdue.
  t.clock.set(on(10, 50));
  await request(t.app)
    .get('/api/service/team')
    .set(await as(ann))
    .expect(403);
  const team = (
    await request(t.app)
      .get('/api/service/team')
      .set(await as(senior))
      .expect(200)
  ).body;
  const member = (id: string) => team.members.find((m: { agent: { id: string } }) => m.agent.id === id);
  expect(member(ann.id)).toMatchObject({ role: 'agent', openCases: 1, openTasks: 0, atRisk: 1, breached: 0 });
  expect(member(bob.id)).toMatchObject({ openCases: 1, atRisk: 0, breached: 1 });
  expect(member(manager.id)).toMatchObject({ openCases: 0, openTasks: 0, atRisk: 0, breached: 0 });
  expect(team.queue).toEqual({ openCases: 0, openTasks: 1, atRisk: 0, breached: 1 });
  expect(team.items.map((i: { kind: string; case?: { id: string }; task?: { id: string } }) => (i.case ?? i.task)!.id)).toEqual([queued.id, bobCase.id, annCase.id]);
  const outsider = await makeUser(t.db, { role: 'manager' });
  await request(t.app)
    .get('/api/service/team')
    .query({ branchId: branch.id })
    .set(await as(outsider))
    .expect(404);

  // Ann answers at 11:00 (1 business hour), resolves at 13:00 (3), the customer gives 4/5.
  t.clock.set(on(11));
  const replied = (
    await request(t.app)
      .post(`/api/cases/${annCase.id}/reply`)
      .set(await as(ann))
      .set('If-Match', `"${annCase.version}"`)
      .send({ channel: 'phone_outbound', notes: 'The new driver' })
      .expect(200)
  ).body;
  t.clock.set(on(13));
  const resolved = (
    await request(t.app)
      .post(`/api/cases/${annCase.id}/resolve`)
      .set(await as(ann))
      .set('If-Match', `"${replied.version}"`)
      .send({ resolution: 'Explained' })
      .expect(200)
  ).body;
  await request(t.app)
    .post(`/api/public/surveys/${resolved.survey.link.replace('/survey/', '')}`)
    .send({ score: 4 })
    .expect(200);

  const query = { from: DAY, to: DAY };
  const annFigures = {
    kind: 'agent',
    id: ann.id,
    branchId: branch.id,
    interactions: 3,
    casesOpened: 1,
    casesResolved: 1,
    firstContactResolutionRate: 0.5,
    medianFirstResponseHours: 1,
    medianResolutionHours: 3,
    slaHitRate: 1,
    csat: { responses: 1, average: 4, satisfiedShare: 1 },
    nps: { responses: 0, score: null },
  };
  const mine = await request(t.app)
    .get('/api/service/metrics')
    .set(await as(ann))
    .query(query)
    .expect(200);
  expect(mine.body.items).toEqual([expect.objectContaining(annFigures)]);
  const bobs = await request(t.app)
    .get('/api/service/metrics')
    .set(await as(bob))
    .query(query)
    .expect(200);
  expect(bobs.body.items).toEqual([
    expect.objectContaining({ id: bob.id, casesOpened: 1, casesResolved: 0, slaHitRate: null, csat: { responses: 0, average: null, satisfiedShare: null } }),
  ]);

  for (const boss of [manager, senior]) {
    const all = await request(t.app)
      .get('/api/service/metrics')
      .set(await as(boss))
      .query({ ...query, branchId: branch.id })
      .expect(200);
    const rows = all.body.items as { kind: string; id: string }[];
    expect(rows.find((r) => r.kind === 'branch')).toMatchObject({
      id: branch.id,
      name: branch.name,
      interactions: 3,
      casesOpened: 2,
      casesResolved: 1,
      csat: { responses: 1, average: 4 },
    });
    expect(rows.find((r) => r.id === ann.id)).toMatchObject(annFigures);
    expect(rows.find((r) => r.id === bob.id)).toMatchObject({ casesOpened: 1 });
  }
  await request(t.app)
    .get('/api/service/metrics')
    .set(await as(outsider))
    .query({ ...query, branchId: branch.id })
    .expect(404);
  const nothing = await request(t.app)
    .get('/api/service/metrics')
    .set(await as(outsider))
    .query(query)
    .expect(200);
  expect(nothing.body.items.some((r: { id: string }) => r.id === ann.id || r.id === branch.id)).toBe(false);
  await request(t.app)
    .get('/api/service/metrics')
    .set(await as(ann))
    .query({ from: DAY, to: '2027-08-01' })
    .expect(400);
});
