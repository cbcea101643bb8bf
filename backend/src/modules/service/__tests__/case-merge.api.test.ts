// Merging cases (the merged one closes; its interactions and tasks count as the surviving case's; both keep their
// histories) and the complaints report (acknowledgement within 5 business days, final response within 40, each met in
// time, late, overdue or open). On the default calendar (Monday–Friday 09:00–17:00 in the business zone).
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeCustomer, makeUser, sessionAs, type TestUser } from '../../../../test/support/factories';
import { zonedInstant } from '../../../platform/business-time';

const t = appForFile();
afterAll(() => t.clock.reset());

const on = (day: string, hour: number, minute = 0) => new Date(zonedInstant(day, hour * 60 + minute, t.config.businessTimeZone));
const as = async (user: TestUser) => (await login(t.app, user)).auth;

async function setUp() {
  const branch = await makeBranch(t.db);
  const agent = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  await makeUser(t.db, { role: 'senior_agent', branchId: branch.id });
  const { customer } = await makeCustomer(t.app, await login(t.app, agent), branch.id);
  const { customer: other } = await makeCustomer(t.app, await login(t.app, agent), branch.id);
  const open = async (subject: string, customerId = customer.id, type = 'question') =>
    (
      await request(t.app)
        .post('/api/cases')
        .set(await as(agent))
        .send({ type, subject, customerId, assigneeId: agent.id })
        .expect(201)
    ).body as { id: string; caseNumber: string; version: number };
  const contact = async (caseId: string, subject: string) =>
    (
      await request(t.app)
        .post('/api/interactions')
        .set(await as(agent))
        .send({ channel: 'phone_inbound', customerId: customer.id, subject, links: [{ kind: 'case', id: caseId }] })
        .expect(201)
    ).body as { id: string };
  return { branch, agent, customer, other, open, contact };
}

it('merges a case into another: it closes pointing there, its interactions and tasks count as the other’s, both histories stay', async () => {
  t.clock.set(on('2027-05-03', 10));
  const { agent, other, open, contact } = await setUp();
  const a = await open('Card declined');
  const b = await open('Direct debit question');
  const first = await contact(a.id, 'Card declined again');
  const task = await request(t.app)
    .post('/api/tasks')
    .set(await as(agent))
    .send({ title: 'Call the bank', dueAt: on('2027-05-04', 10).toISOString(), assigneeId: agent.id, links: [{ kind: 'case', id: a.id }] })
    .expect(201);
  await contact(b.id, 'About the debit');

  const merge = async (id: string, version: number, intoCaseId: string, user = agent) =>
    request(t.app)
      .post(`/api/cases/${id}/merge`)
      .set(await as(user))
      .set('If-Match', `"${version}"`)
      .send({ intoCaseId, reason: 'Same payment problem' });
  expect((await merge(a.id, 1, a.id)).body.code).toBe('CASE_MERGE_NOT_ALLOWED');
  const otherCustomers = await open('Someone else', other.id);
  expect((await merge(a.id, 1, otherCustomers.id)).body.code).toBe('CASE_MERGE_NOT_ALLOWED');
  const outsiderUser = await makeUser(t.db, { role: 'agent' });
  const outsider = await login(t.app, outsiderUser);
  await request(t.app).post(`/api/cases/${a.id}/merge`).set(outsider.auth).set('If-Match', '"1"').send({ intoCaseId: b.id }).expect(404);
  const theirs = await request(t.app).post('/api/cases').set(outsider.auth).send({ type: 'question', subject: 'Another branch' }).expect(201);
  expect((await merge(a.id, 1, theirs.body.id)).status).toBe(404);
  expect((await merge(a.id, 9, b.id)).status).toBe(412);
  expect((await merge(a.id, 1, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

  t.clock.set(on('2027-05-03', 11));
  const merged = await merge(a.id, 1, b.id);
  expect(merged.status).toBe(200);
  expect(merged.body).toMatchObject({ id: b.id, status: 'new', mergedFrom: [{ id: a.id, caseNumber: a.caseNumber }], mergedInto: null });
  const gone = (
    await request(t.app)
      .get(`/api/cases/${a.id}`)
      .set(await as(agent))
      .expect(200)
  ).body;
  expect(gone).toMatchObject({ status: 'closed', mergedInto: { id: b.id, caseNumber: b.caseNumber }, resolution: `Merged into ${b.caseNumber}: Same payment problem` });
  expect(gone.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['new', 'closed']);
  expect(gone.clocks.every((c: { status: string }) => c.status === 'fulfilled')).toBe(true);
  const reopen = await request(t.app)
    .post(`/api/cases/${a.id}/reopen`)
    .set(await as(agent))
    .set('If-Match', `"${gone.version}"`)
    .send({});
  expect([reopen.status, reopen.body.code]).toEqual([409, 'CASE_MERGE_NOT_ALLOWED']);
  expect((await merge(a.id, gone.version, b.id)).body.code).toBe('CASE_MERGE_NOT_ALLOWED');

  const interactions = await request(t.app)
    .get(`/api/cases/${b.id}/interactions`)
    .set(await as(agent))
    .expect(200);
  expect(interactions.body.items.map((i: { subject: string }) => i.subject).sort()).toEqual(['About the debit', 'Card declined again']);
  expect(interactions.body.items.some((i: { id: string }) => i.id === first.id)).toBe(true);
  const tasks = await request(t.app)
    .get(`/api/cases/${b.id}/tasks`)
    .set(await as(agent))
    .expect(200);
  expect(tasks.body.items.map((x: { id: string }) => x.id)).toEqual([task.body.id]);
  await request(t.app)
    .get(`/api/cases/${b.id}/interactions`)
    .set(await as(outsiderUser))
    .expect(404);

  // Contacts about the merged case count: the third (one on each before, one now) escalates the surviving case.
  await contact(b.id, 'Third call');
  const after = (
    await request(t.app)
      .get(`/api/cases/${b.id}`)
      .set(await as(agent))
  ).body;
  expect(after.escalations).toEqual([expect.objectContaining({ trigger: 'third_contact' })]);
  const audits = await t.db('audit_log').where({ action: 'case.merge' }).whereIn('entity_id', [a.id, b.id]).select('entity_id');
  expect(audits.map((x) => x.entity_id).sort()).toEqual([a.id, b.id].sort());
});

it('reports complaints’ acknowledgement and final response: in time, late, overdue or open', async () => {
  t.clock.set(on('2027-06-07', 10)); // a Monday
  const { branch, agent, open } = await setUp();
  const manager = await makeUser(t.db, { role: 'manager', branchId: branch.id });
  const quick = await open('Answered the same day', undefined, 'complaint');
  const slow = await open('Answered late', undefined, 'complaint');
  const silent = await open('Never answered', undefined, 'complaint');
  await open('Not a complaint');
  const reply = async (c: { id: string }) => {
    const current = (
      await request(t.app)
        .get(`/api/cases/${c.id}`)
        .set(await as(agent))
    ).body;
    await request(t.app)
      .post(`/api/cases/${c.id}/reply`)
      .set(await as(agent))
      .set('If-Match', `"${current.version}"`)
      .send({ channel: 'letter', notes: 'We have received your complaint' })
      .expect(200);
    return current;
  };
  t.clock.set(on('2027-06-07', 15));
  await reply(quick);
  // Five business days (2,400 minutes) from Monday 10:00 end the next Monday at 10:00.
  t.clock.set(on('2027-06-14', 11));
  await reply(slow);
  const quickCase = (
    await request(t.app)
      .get(`/api/cases/${quick.id}`)
      .set(await as(agent))
  ).body;
  await request(t.app)
    .post(`/api/cases/${quick.id}/resolve`)
    .set(await as(agent))
    .set('If-Match', `"${quickCase.version}"`)
    .send({ resolution: 'Apologised and refunded the fee' })
    .expect(200);

  const report = await request(t.app)
    .get('/api/service/complaints/report')
    .set(await as(manager))
    .query({ from: '2027-06-07', to: '2027-06-07' })
    .expect(200);
  expect(report.body).toMatchObject({
    complaints: 3,
    acknowledgement: { in_time: 1, late: 1, overdue: 1, open: 0, none: 0 },
    finalResponse: { in_time: 1, late: 0, overdue: 0, open: 2, none: 0 },
  });
  const bySubject = new Map(report.body.items.map((i: { case: { id: string } }) => [i.case.id, i]));
  expect(bySubject.get(silent.id)).toMatchObject({ acknowledgement: 'overdue', acknowledgementDueAt: on('2027-06-14', 10).toISOString() });
  expect(bySubject.get(slow.id)).toMatchObject({ acknowledgement: 'late', finalResponse: 'open' });
  // Another branch sees none of them; bad periods are 400.
  const outsider = await sessionAs(t, 'manager');
  expect((await request(t.app).get('/api/service/complaints/report').set(outsider.auth).query({ from: '2027-06-07', to: '2027-06-07' })).body.complaints).toBe(0);
  await request(t.app).get('/api/service/complaints/report').set(outsider.auth).query({ from: '2027-06-08', to: '2027-06-07' }).expect(400);
  await request(t.app).get('/api/service/complaints/report').set(outsider.auth).query({ from: '2020-01-01', to: '2027-06-07' }).expect(400);
  await request(t.app).get('/api/service/complaints/report').set(outsider.auth).query({ from: '2027-13-01', to: '2027-06-07' }).expect(400);
});
