// Cases through the API: the status machine under If-Match with history and audit, the resolution
// clock counting business time on the default calendar (Monday–Friday 09:00–17:00 in the business
// zone) — paused while pending, keeping the time used when the priority changes — reopening within
// 14 days, and branch scoping. The clock moves, so each step logs in afresh.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeCustomer, makeUser, sessionAs, type TestUser } from '../../../../test/support/factories';
import { zonedInstant } from '../../../platform/business-time';

const t = appForFile();
afterAll(() => t.clock.reset());

const HOUR = 3_600_000;
const resolution = (c: { metric: string }) => c.metric === 'resolution';

it('moves a case through its statuses with a resolution clock that pauses while pending', async () => {
  const tz = t.config.businessTimeZone;
  const on = (day: string, hour: number) => new Date(zonedInstant(day, hour * 60, tz));
  t.clock.set(on('2027-03-01', 10)); // a Monday
  const branch = await makeBranch(t.db);
  const agent: TestUser = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const auth = async () => (await login(t.app, agent)).auth;
  const { customer } = await makeCustomer(t.app, await login(t.app, agent), branch.id);

  const created = await request(t.app)
    .post('/api/cases')
    .set(await auth())
    .send({ type: 'billing_question', subject: 'Invoice charged twice', customerId: customer.id })
    .expect(201);
  expect(created.body).toMatchObject({ status: 'new', priority: 'normal', branchId: branch.id, customer: { id: customer.id }, version: 1 });
  expect(created.body.caseNumber).toMatch(/^CS-\d{6}$/);
  // Normal priority: 1,440 business minutes = three 8-hour days → Thursday 10:00.
  expect(created.body.clocks).toEqual([
    {
      metric: 'first_response',
      status: 'running',
      targetMinutes: 240,
      usedMinutes: 0,
      remainingMinutes: 240,
      dueAt: on('2027-03-01', 14).toISOString(),
      breached: false,
      warned: false,
      breachRecorded: false,
    },
    {
      metric: 'resolution',
      status: 'running',
      targetMinutes: 1440,
      usedMinutes: 0,
      remainingMinutes: 1440,
      dueAt: on('2027-03-04', 10).toISOString(),
      breached: false,
      warned: false,
      breachRecorded: false,
    },
  ]);
  const url = `/api/cases/${created.body.id}`;
  const step = async (action: string, version: number, body: Record<string, unknown> = {}) =>
    request(t.app)
      .post(`${url}/${action}`)
      .set(await auth())
      .set('If-Match', `"${version}"`)
      .send(body);

  expect((await step('open', 1)).body).toMatchObject({ status: 'open', version: 2 });
  t.clock.advance(HOUR);
  const pending = (await step('pend', 2, { reason: 'Waiting for the bank statement' })).body;
  expect(pending.clocks.find(resolution)).toMatchObject({ status: 'paused', usedMinutes: 60, dueAt: null });
  t.clock.advance(24 * HOUR);
  const waited = (
    await request(t.app)
      .get(url)
      .set(await auth())
      .expect(200)
  ).body;
  expect(waited.clocks.find(resolution)).toMatchObject({ status: 'paused', usedMinutes: 60 });
  const twice = await step('pend', 3);
  expect([twice.status, twice.body.code]).toEqual([409, 'CASE_TRANSITION_NOT_ALLOWED']);

  // Urgent now: 240 business minutes, 60 of them used already.
  const urgent = await request(t.app)
    .patch(url)
    .set(await auth())
    .set('If-Match', '"3"')
    .send({ priority: 'urgent' })
    .expect(200);
  expect(urgent.body.clocks.find(resolution)).toMatchObject({ status: 'paused', targetMinutes: 240, usedMinutes: 60, remainingMinutes: 180 });
  const resumed = (await step('open', 4)).body;
  // Tuesday 11:00 + 180 business minutes → Tuesday 14:00.
  expect(resumed.clocks.find(resolution)).toMatchObject({ status: 'running', usedMinutes: 60, dueAt: on('2027-03-02', 14).toISOString() });
  t.clock.advance(4 * HOUR);
  const late = (
    await request(t.app)
      .get(url)
      .set(await auth())
      .expect(200)
  ).body;
  expect(late.clocks.find(resolution)).toMatchObject({ usedMinutes: 300, remainingMinutes: -60, breached: true, dueAt: on('2027-03-02', 14).toISOString() });

  expect((await step('resolve', 5)).body.code).toBe('CASE_RESOLUTION_REQUIRED');
  const resolved = (await step('resolve', 5, { resolution: 'Refunded the second charge' })).body;
  expect(resolved).toMatchObject({
    status: 'resolved',
    resolution: 'Refunded the second charge',
    reopenableUntil: new Date(t.clock.now().getTime() + 14 * 24 * HOUR).toISOString(),
  });
  expect(resolved.clocks.find(resolution)).toMatchObject({ status: 'fulfilled', usedMinutes: 300 });
  expect((await step('close', 5)).status).toBe(412);
  expect((await step('close', 6)).body).toMatchObject({ status: 'closed' });
  t.clock.advance(13 * 24 * HOUR);
  const reopened = (await step('reopen', 7, { reason: 'Charged again' })).body;
  expect(reopened).toMatchObject({ status: 'open', resolution: null, closedAt: null });
  expect(reopened.clocks.find(resolution)).toMatchObject({ status: 'running', usedMinutes: 300 });
  await step('resolve', 8, { resolution: 'Refunded again' });
  t.clock.advance(15 * 24 * HOUR);
  const tooLate = await step('reopen', 9);
  expect([tooLate.status, tooLate.body.code]).toEqual([409, 'CASE_REOPEN_WINDOW_PASSED']);

  const final = (
    await request(t.app)
      .get(url)
      .set(await auth())
      .expect(200)
  ).body;
  expect(final.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['new', 'open', 'pending', 'open', 'resolved', 'closed', 'open', 'resolved']);
  expect(final.history[2]).toMatchObject({ fromStatus: 'open', reason: 'Waiting for the bank statement', changedBy: { id: agent.id } });
  const actions = (await t.db('audit_log').where({ entity_id: created.body.id }).orderBy('id').select('action')).map((a) => a.action);
  expect(actions).toEqual(['case.create', 'case.open', 'case.pend', 'case.update', 'case.open', 'case.resolve', 'case.close', 'case.reopen', 'case.resolve']);

  const outsider = await sessionAs(t, 'agent');
  await request(t.app).get(url).set(outsider.auth).expect(404);
  await request(t.app).post(`${url}/reopen`).set(outsider.auth).set('If-Match', '"9"').send({}).expect(404);
  const theirs = await request(t.app).get('/api/cases').set(outsider.auth).query({ limit: 100 }).expect(200);
  expect(theirs.body.items.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
  const ours = await request(t.app)
    .get('/api/cases')
    .set(await auth())
    .query({ customerId: customer.id })
    .expect(200);
  expect(ours.body.items).toEqual([expect.objectContaining({ id: created.body.id, status: 'resolved' })]);
});
