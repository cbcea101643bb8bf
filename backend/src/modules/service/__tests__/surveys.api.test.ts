// CSAT per resolution: a public link with a single-use token that expires after 14 days (no login, the question only,
// only the answer kept; unknown, expired or reused tokens are a clear 4xx and store nothing), or the answer recorded by
// an agent on the phone; one survey per resolution, none while suppressed; a low answer makes a follow-up task for a
// senior agent of the branch.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeCustomer, makeUser, type TestUser } from '../../../../test/support/factories';
import { zonedInstant } from '../../../platform/business-time';

const t = appForFile();
afterAll(() => t.clock.reset());

const on = (day: string, hour: number) => new Date(zonedInstant(day, hour * 60, t.config.businessTimeZone));
const as = async (user: TestUser) => (await login(t.app, user)).auth;
const DAY = 86_400_000;

async function resolvedCase(customerFields: Record<string, unknown> = {}) {
  const branch = await makeBranch(t.db);
  const agent = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const senior = await makeUser(t.db, { role: 'senior_agent', branchId: branch.id });
  const { customer } = await makeCustomer(t.app, await login(t.app, agent), branch.id, customerFields);
  const created = await request(t.app)
    .post('/api/cases')
    .set(await as(agent))
    .send({ type: 'question', subject: 'Change of address', customerId: customer.id, assigneeId: agent.id })
    .expect(201);
  const resolved = await request(t.app)
    .post(`/api/cases/${created.body.id}/resolve`)
    .set(await as(agent))
    .set('If-Match', `"${created.body.version}"`)
    .send({ resolution: 'Address changed' })
    .expect(200);
  return { branch, agent, senior, customer, kase: resolved.body };
}

const surveysOf = (caseId: string) => t.db('service_surveys').where({ case_id: caseId }).orderBy('sent_at');
const lowTasks = (caseId: string) =>
  t
    .db('service_tasks')
    .where({ source: 'service' })
    .whereRaw('links @> ?::jsonb', [JSON.stringify([{ kind: 'case', id: caseId }])])
    .where('title', 'like', 'Low %');

it('answers the CSAT survey of a resolution once through its public link, keeping only the answer; a low score makes a task for a senior agent', async () => {
  t.clock.set(on('2027-07-05', 10));
  const { senior, customer, kase } = await resolvedCase();
  expect(kase.survey).toMatchObject({ status: 'sent', score: null, answeredVia: null });
  const token = (kase.survey.link as string).replace('/survey/', '');
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

  // No login; only the question — nothing about the customer or the case.
  const page = await request(t.app).get(`/api/public/surveys/${token}`).expect(200);
  expect(page.body).toEqual({
    kind: 'csat',
    question: expect.any(String),
    min: 1,
    max: 5,
    reasonCodes: ['speed', 'knowledge', 'friendliness', 'outcome', 'communication', 'other'],
    expiresAt: new Date(on('2027-07-05', 10).getTime() + 14 * DAY).toISOString(),
  });
  expect(JSON.stringify(page.body)).not.toContain(customer.id);

  // Bad answers store nothing.
  await request(t.app).post(`/api/public/surveys/${token}`).send({ score: 6 }).expect(400);
  await request(t.app).post(`/api/public/surveys/${token}`).send({ score: 0 }).expect(400);
  await request(t.app).post(`/api/public/surveys/${token}`).send({ score: 3, comment: 'nul\u0000byte' }).expect(400);
  await request(t.app)
    .post(`/api/public/surveys/${token}`)
    .send({ score: 3, reasonCodes: ['bribery'] })
    .expect(400);
  await request(t.app).post(`/api/public/surveys/${token}`).send({ score: 3, email: 'me@example.com' }).expect(400);
  expect((await surveysOf(kase.id))[0]).toMatchObject({ score: null, answered_at: null });

  const answered = await request(t.app)
    .post(`/api/public/surveys/${token}`)
    .send({ score: 2, reasonCodes: ['speed'], comment: 'Took a week' })
    .expect(200);
  expect(answered.body).toEqual({ answered: true });
  const [row] = await surveysOf(kase.id);
  expect(row).toMatchObject({ score: 2, reason_codes: ['speed'], comment: 'Took a week', answered_via: 'link', recorded_by: null });

  // Single use: the second answer is refused and changes nothing.
  const again = await request(t.app).post(`/api/public/surveys/${token}`).send({ score: 5 });
  expect([again.status, again.body.code]).toEqual([409, 'SURVEY_ALREADY_ANSWERED']);
  expect((await request(t.app).get(`/api/public/surveys/${token}`)).status).toBe(409);
  expect((await surveysOf(kase.id))[0].score).toBe(2);

  const tasks = await lowTasks(kase.id);
  expect(tasks).toEqual([expect.objectContaining({ title: 'Low CSAT 2/5: call the customer back', assignee_id: senior.id, priority: 'high' })]);
  const view = (
    await request(t.app)
      .get(`/api/cases/${kase.id}`)
      .set(await as(senior))
  ).body;
  expect(view.survey).toMatchObject({ status: 'answered', link: null, score: 2, answeredVia: 'link' });
});

it('refuses unknown, malformed and expired links with a clear 4xx and stores nothing', async () => {
  t.clock.set(on('2027-07-12', 10));
  const { kase } = await resolvedCase();
  const token = (kase.survey.link as string).replace('/survey/', '');
  const unknown = await request(t.app)
    .post(`/api/public/surveys/${'x'.repeat(43)}`)
    .send({ score: 4 });
  expect([unknown.status, unknown.body.code]).toEqual([404, 'SURVEY_NOT_FOUND']);
  expect((await request(t.app).get(`/api/public/surveys/short`)).status).toBe(400);
  expect((await request(t.app).get(`/api/public/surveys/${encodeURIComponent('../../etc/passwd' + 'a'.repeat(30))}`)).status).toBe(400);

  t.clock.set(new Date(on('2027-07-12', 10).getTime() + 14 * DAY + 1000));
  const expired = await request(t.app).post(`/api/public/surveys/${token}`).send({ score: 4 });
  expect([expired.status, expired.body.code]).toEqual([410, 'SURVEY_EXPIRED']);
  expect((await request(t.app).get(`/api/public/surveys/${token}`)).status).toBe(410);
  expect((await surveysOf(kase.id))[0]).toMatchObject({ score: null, answered_at: null });
});

it('records a phone answer, makes one survey per resolution and none while suppressed', async () => {
  t.clock.set(on('2027-07-19', 10));
  const { agent, kase } = await resolvedCase();
  const phone = await request(t.app)
    .post(`/api/cases/${kase.id}/csat`)
    .set(await as(agent))
    .send({ score: 5, reasonCodes: ['friendliness'] });
  expect(phone.status).toBe(200);
  expect(phone.body.survey).toMatchObject({ status: 'answered', score: 5, answeredVia: 'phone' });
  expect((await surveysOf(kase.id))[0].recorded_by).toBe(agent.id);
  expect(
    (
      await request(t.app)
        .post(`/api/cases/${kase.id}/csat`)
        .set(await as(agent))
        .send({ score: 1 })
    ).body.code,
  ).toBe('SURVEY_ALREADY_ANSWERED');
  expect(await lowTasks(kase.id)).toEqual([]);

  // Reopened and resolved again: a second survey; then suppressed: none for the third resolution.
  let version = phone.body.version as number;
  const step = async (action: string, body: object) => {
    const res = await request(t.app)
      .post(`/api/cases/${kase.id}/${action}`)
      .set(await as(agent))
      .set('If-Match', `"${version}"`)
      .send(body)
      .expect(200);
    version = res.body.version;
    return res.body;
  };
  t.clock.set(on('2027-07-20', 10));
  await step('reopen', {});
  expect((await step('resolve', { resolution: 'Fixed for good' })).survey).toMatchObject({ status: 'sent', score: null });
  expect(await surveysOf(kase.id)).toHaveLength(2);
  t.clock.set(on('2027-07-21', 10));
  await step('reopen', {});
  const suppressed = await request(t.app)
    .patch(`/api/cases/${kase.id}`)
    .set(await as(agent))
    .set('If-Match', `"${version}"`)
    .send({ csatSuppressed: true })
    .expect(200);
  version = suppressed.body.version;
  expect(suppressed.body.csatSuppressed).toBe(true);
  await step('resolve', { resolution: 'Third time' });
  expect(await surveysOf(kase.id)).toHaveLength(2);

  const notResolved = await request(t.app)
    .post('/api/cases')
    .set(await as(agent))
    .send({ type: 'question', subject: 'Open one' })
    .expect(201);
  const res = await request(t.app)
    .post(`/api/cases/${notResolved.body.id}/csat`)
    .set(await as(agent))
    .send({ score: 4 });
  expect([res.status, res.body.code]).toEqual([409, 'CSAT_NOT_AVAILABLE']);
  const outsider = await makeUser(t.db, { role: 'agent' });
  await request(t.app)
    .post(`/api/cases/${kase.id}/csat`)
    .set(await as(outsider))
    .send({ score: 4 })
    .expect(404);
});

it('takes one answer when ten arrive at once', async () => {
  t.clock.set(on('2027-07-26', 10));
  const { kase } = await resolvedCase();
  const token = (kase.survey.link as string).replace('/survey/', '');
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      request(t.app)
        .post(`/api/public/surveys/${token}`)
        .send({ score: (i % 5) + 1 }),
    ),
  );
  expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
  expect(await t.db('audit_log').where({ action: 'survey.answer', entity_id: kase.survey.id }).count<{ count: number }[]>('* as count')).toEqual([{ count: 1 }]);
});

const invitationsOf = (surveyId: string) => t.db('notification_outbox').where({ idempotency_key: `survey:${surveyId}:invitation` });

it('sends the link of each resolution’s survey to the customer by email, in the resolve’s transaction, with the public address', async () => {
  t.clock.set(on('2027-07-12', 10));
  const { customer, kase } = await resolvedCase();
  expect(kase.survey).toMatchObject({ status: 'sent', sentVia: 'email' });
  const [survey] = await surveysOf(kase.id);
  const [message] = await invitationsOf(survey.id);
  expect(message).toMatchObject({ channel: 'email', template_key: 'survey-csat', customer_id: customer.id, purpose: 'service', status: 'pending' });
  expect(message.recipient).toMatch(/@example\.com$/);
  expect(message.data).toEqual({
    customerName: expect.stringContaining(customer.lastName),
    caseNumber: kase.caseNumber,
    link: `https://service.test/survey/${survey.token}`,
    expiresOn: '2027-07-26',
  });

  // The link in the message is the one that answers the survey.
  const token = (message.data.link as string).split('/survey/')[1];
  await request(t.app).post(`/api/public/surveys/${token}`).send({ score: 5 }).expect(200);
});

it('texts the link to a customer who prefers texts or has no email address, and sends nothing to one with neither (the case shows the link)', async () => {
  t.clock.set(on('2027-07-13', 10));
  const texts = await resolvedCase({ preferredChannel: 'sms' });
  expect(texts.kase.survey).toMatchObject({ sentVia: 'sms' });
  const [bySms] = await invitationsOf((await surveysOf(texts.kase.id))[0].id);
  expect(bySms).toMatchObject({ channel: 'sms', template_key: 'survey-csat' });

  const noEmail = await resolvedCase({ email: undefined, preferredChannel: 'phone' });
  expect(noEmail.kase.survey).toMatchObject({ sentVia: 'sms' });

  const unreachable = await resolvedCase({ email: undefined, phone: undefined, preferredChannel: 'mail' });
  expect(unreachable.kase.survey).toMatchObject({ status: 'sent', sentVia: null, link: expect.stringMatching(/^\/survey\//) });
  expect(await invitationsOf((await surveysOf(unreachable.kase.id))[0].id)).toEqual([]);
});
