// The service desk around issued policies (a database of its own: approval limits are one global table): the onboarding
// playbook started when a policy is issued (milestones as tasks with SLA clocks; a breach alerts the branch), templates
// edited by admins and playbooks started by hand; the NPS relationship survey made by the daily job on each policy
// anniversary, once per policy and year, answered through its public link; a detractor's answer (≤ 6) makes a
// follow-up task for a senior agent of the branch.
import request from 'supertest';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { OnboardingSectionItem } from '../../../contracts/service';
import { NPS_JOB } from '../nps-surveys';
import { SLA_JOB } from '../sla-monitor.service';

let w: BillingWorld;

beforeAll(async () => {
  w = await billingWorld('service2_policy_surveys', { startAt: '2027-01-11T10:00:00Z' });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

it('sends an NPS survey on each policy anniversary, once, and follows up a detractor', async () => {
  const senior = await w.userAs('senior_agent');
  const { policy } = await w.issuedPolicy();
  const start = policy.startDate as string;
  await w.t.jobs.runNow(NPS_JOB, {});
  expect(await w.t.db('service_surveys').where({ policy_id: policy.id })).toEqual([]);

  w.t.clock.set(`${Number(start.slice(0, 4)) + 1}${start.slice(4)}T09:00:00Z`);
  await w.t.jobs.runNow(NPS_JOB, {});
  await w.t.jobs.runNow(NPS_JOB, {});
  const surveys = await w.t.db('service_surveys').where({ policy_id: policy.id });
  expect(surveys).toHaveLength(1);
  expect(surveys[0]).toMatchObject({
    kind: 'nps',
    branch_id: w.branch,
    customer_id: policy.customer.id,
    source_key: `nps:${policy.id}:${Number(start.slice(0, 4)) + 1}${start.slice(4)}`,
  });
  // Its link went to the customer once (the job ran twice), through the outbox, in the survey's transaction.
  const invitations = await w.t.db('notification_outbox').where({ idempotency_key: `survey:${surveys[0].id}:invitation` });
  expect(invitations).toHaveLength(1);
  expect(invitations[0]).toMatchObject({ template_key: 'survey-nps', customer_id: policy.customer.id, purpose: 'service' });
  expect(invitations[0].data).toMatchObject({ policyNumber: policy.policyNumber, link: `https://service.test/survey/${surveys[0].token}` });
  expect(surveys[0].sent_via).toBe(invitations[0].channel);

  const page = await request(w.t.app).get(`/api/public/surveys/${surveys[0].token}`).expect(200);
  expect(page.body).toMatchObject({ kind: 'nps', min: 0, max: 10, reasonCodes: [] });
  await request(w.t.app).post(`/api/public/surveys/${surveys[0].token}`).send({ score: 11 }).expect(400);
  await request(w.t.app).post(`/api/public/surveys/${surveys[0].token}`).send({ score: 6, comment: 'Too expensive' }).expect(200);
  const task = await w.t
    .db('service_tasks')
    .where({ source_key: `survey-low:${surveys[0].id}` })
    .first();
  expect(task).toMatchObject({ title: 'Low NPS 6/10: call the customer back', assignee_id: senior.userId, description: 'Too expensive', customer_id: policy.customer.id });
});

it('starts the onboarding playbook of the product’s category when a policy is issued: milestones are tasks with clocks, a breach alerts the branch once', async () => {
  w.t.clock.set('2027-03-01T10:00:00Z');
  await w.userAs('senior_agent');
  const { policy, customer } = await w.issuedPolicy();
  const agent = await w.as('agent');
  const list = await request(w.t.app).get('/api/service/playbooks').set(agent.auth).query({ policyId: policy.id }).expect(200);
  expect(list.body.items).toHaveLength(1);
  const [playbook] = list.body.items;
  expect(playbook).toMatchObject({ name: 'Life onboarding', trigger: 'policy_issued', customerId: customer.id, policyId: policy.id, progress: { done: 0, total: 4, breached: 0 } });
  expect(playbook.milestones.map((m: { key: string }) => m.key)).toEqual(['welcome_call', 'policy_pack', 'first_payment', 'beneficiaries']);
  const [welcome, pack] = playbook.milestones;
  expect(welcome).toMatchObject({ status: 'open', dueAt: '2027-03-02T10:00:00.000Z', assignee: { id: policy.agent.id }, clock: { metric: 'milestone', status: 'running' } });
  expect(welcome.clock.targetMinutes).toBeGreaterThan(0);
  // The customer's page shows the same playbook.
  expect((await request(w.t.app).get('/api/service/playbooks').set(agent.auth).query({ customerId: customer.id }).expect(200)).body.items).toHaveLength(1);
  await request(w.t.app).get('/api/service/playbooks').set(agent.auth).expect(400);

  const task = (await request(w.t.app).get(`/api/tasks/${welcome.taskId}`).set(agent.auth).expect(200)).body;
  expect(task).toMatchObject({ source: 'onboarding', customer: { id: customer.id } });
  await request(w.t.app).post(`/api/tasks/${welcome.taskId}/complete`).set(agent.auth).set('If-Match', `"${task.version}"`).send({ outcome: 'Called, all clear' }).expect(200);

  // Four days on, within business hours: the policy pack (48 hours) and first payment (72) are breached, the welcome call was met.
  w.t.clock.set('2027-03-05T13:00:00Z');
  await w.t.jobs.runNow(SLA_JOB, { branchIds: [w.branch] });
  await w.t.jobs.runNow(SLA_JOB, { branchIds: [w.branch] });
  const later = (
    await request(w.t.app)
      .get('/api/service/playbooks')
      .set((await w.as('agent')).auth)
      .query({ policyId: policy.id })
      .expect(200)
  ).body.items[0];
  expect(later.progress).toEqual({ done: 1, total: 4, breached: 2 });
  expect(later.milestones[0].clock).toMatchObject({ status: 'fulfilled', breached: false });
  expect(later.milestones[1].clock).toMatchObject({ status: 'running', breached: true, breachRecorded: true });
  // For a senior agent of the branch.
  const alerts = await w.t
    .db('service_tasks as t')
    .join('users as u', 'u.id', 't.assignee_id')
    .where({ 't.source': 'service', 'u.role': 'senior_agent', 'u.branch_id': w.branch })
    .where('t.title', 'like', 'Onboarding milestone overdue:%')
    .whereRaw('t.links @> ?::jsonb', [JSON.stringify([{ kind: 'policy', id: policy.id }])])
    .select('t.title');
  expect(alerts.map((a) => a.title).sort()).toEqual(['Onboarding milestone overdue: First payment confirmed', 'Onboarding milestone overdue: Policy pack and schedule sent']);
  expect(pack.taskId).toBe(later.milestones[1].taskId);
  // The customer's 360° view shows the progress.
  const overview = (
    await request(w.t.app)
      .get(`/api/customers/${customer.id}/overview`)
      .set((await w.as('agent')).auth)
      .expect(200)
  ).body;
  expect(overview.sections.onboarding).toMatchObject({
    title: 'Onboarding',
    count: 1,
    items: [{ title: 'Life onboarding: 1 of 4 milestones done, 2 overdue', name: 'Life onboarding', progress: { done: 1, total: 4, breached: 2 }, policyId: policy.id }],
  });
  expect(OnboardingSectionItem.safeParse(overview.sections.onboarding.items[0]).success).toBe(true);
});

it('lets admins edit templates and agents start a playbook by hand on a customer', async () => {
  w.t.clock.set('2027-03-08T10:00:00Z');
  const agentLogin = await w.userAs('agent');
  const admin = await w.as('admin');
  const templates = (await request(w.t.app).get('/api/service/playbook-templates').set(agentLogin.session.auth).expect(200)).body.items;
  const home = templates.find((x: { productCategory: string }) => x.productCategory === 'home');
  const body = { name: 'Home onboarding', milestones: [{ key: 'welcome_call', title: 'Welcome call', dueInHours: 8 }], active: true };
  await request(w.t.app).put(`/api/service/playbook-templates/${home.id}`).set(agentLogin.session.auth).set('If-Match', `"${home.version}"`).send(body).expect(403);
  await request(w.t.app)
    .put(`/api/service/playbook-templates/${home.id}`)
    .set(admin.auth)
    .set('If-Match', `"${home.version}"`)
    .send({ ...body, milestones: [body.milestones[0], body.milestones[0]] })
    .expect(400);
  const edited = await request(w.t.app).put(`/api/service/playbook-templates/${home.id}`).set(admin.auth).set('If-Match', `"${home.version}"`).send(body).expect(200);
  expect(edited.body).toMatchObject({ milestones: body.milestones, version: home.version + 1 });
  await request(w.t.app).put(`/api/service/playbook-templates/${home.id}`).set(admin.auth).set('If-Match', `"${home.version}"`).send(body).expect(412);

  const { customer } = await w.issuedPolicy();
  const started = await request(w.t.app).post(`/api/customers/${customer.id}/playbooks`).set(agentLogin.session.auth).send({ templateId: home.id }).expect(201);
  expect(started.body).toMatchObject({ name: 'Home onboarding', trigger: 'manual', policyId: null, progress: { done: 0, total: 1 } });
  expect(started.body.milestones[0]).toMatchObject({ title: 'Welcome call', dueAt: '2027-03-08T18:00:00.000Z', assignee: { id: agentLogin.userId } });

  await request(w.t.app)
    .put(`/api/service/playbook-templates/${home.id}`)
    .set(admin.auth)
    .set('If-Match', `"${home.version + 1}"`)
    .send({ ...body, active: false })
    .expect(200);
  const off = await request(w.t.app).post(`/api/customers/${customer.id}/playbooks`).set(agentLogin.session.auth).send({ templateId: home.id });
  expect([off.status, off.body.code]).toEqual([409, 'PLAYBOOK_TEMPLATE_INACTIVE']);
  const outsider = await w.as('agent', w.otherBranch);
  await request(w.t.app).post(`/api/customers/${customer.id}/playbooks`).set(outsider.auth).send({ templateId: home.id }).expect(404);
  expect((await request(w.t.app).get('/api/service/playbooks').set(outsider.auth).query({ customerId: customer.id })).status).toBe(404);
});
