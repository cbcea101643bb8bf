// The service desk around issued policies (a database of its own: approval limits are one global table): the NPS
// relationship survey made by the daily job on each policy anniversary, once per policy and year, answered through its
// public link; a detractor's answer (≤ 6) makes a follow-up task for a senior agent of the branch.
import request from 'supertest';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { NPS_JOB } from '../nps-surveys';

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
