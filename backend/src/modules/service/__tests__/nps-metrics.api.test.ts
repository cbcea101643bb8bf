// NPS per agent and branch from real answers (a database of its own: approval limits are one global table). The daily
// job sends an NPS survey on each policy's anniversary, rating the policy's agent; the customers answer through the
// public links; `GET /api/service/metrics` gives each agent the NPS of the answers about their policies, and the branch
// all of them — % promoters (9–10) − % detractors (0–6) of the answers, unanswered surveys not counted.
import request from 'supertest';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { login, makeUser, type TestUser } from '../../../../test/support/factories';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { NPS_JOB } from '../nps-surveys';

let w: BillingWorld;

beforeAll(async () => {
  w = await billingWorld('service14_nps_metrics', { startAt: '2027-01-11T10:00:00Z' });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

it('gives each agent the NPS of the answers about their policies, and the branch the NPS of all of them', async () => {
  const underwriter = await w.as('underwriter');
  const ann = await makeUser(w.t.db, { role: 'agent', branchId: w.branch });
  const bob = await makeUser(w.t.db, { role: 'agent', branchId: w.branch });
  const manager = await makeUser(w.t.db, { role: 'manager', branchId: w.branch });
  /** A policy sold by `agent`, issued through the real approval. */
  const policyOf = async (agent: TestUser) => {
    const session = await login(w.t.app, agent);
    const { order } = await w.f.inReview(session, underwriter, w.branch, w.productId, {
      coverages: [
        { code: 'DEATH', sumInsured: 100_000_00 },
        { code: 'ADB', sumInsured: 50_000_00 },
      ],
    });
    const approved = (await w.f.step(underwriter, order.id, 'approve', order.version).expect(200)).body;
    return (await request(w.t.app).get(`/api/policies/${approved.policyId}`).set(session.auth).expect(200)).body as { id: string; startDate: string; agent: { id: string } };
  };
  const annPolicies = [];
  for (let i = 0; i < 5; i++) annPolicies.push(await policyOf(ann));
  const bobPolicies = [];
  for (let i = 0; i < 3; i++) bobPolicies.push(await policyOf(bob));
  expect(annPolicies.every((p) => p.agent.id === ann.id)).toBe(true);
  expect(bobPolicies.every((p) => p.agent.id === bob.id)).toBe(true);
  const start = annPolicies[0]!.startDate;
  expect([...annPolicies, ...bobPolicies].every((p) => p.startDate === start)).toBe(true);

  // The first anniversary: one survey per policy, rating its agent.
  const anniversary = `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`;
  w.t.clock.set(`${anniversary}T15:00:00Z`);
  await w.t.jobs.runNow(NPS_JOB, {});
  const surveyOf = async (policyId: string) => w.t.db('service_surveys').where({ policy_id: policyId, kind: 'nps' }).first('token', 'agent_id');
  const answer = async (policyId: string, score: number) => {
    const survey = await surveyOf(policyId);
    await request(w.t.app).post(`/api/public/surveys/${survey.token}`).send({ score }).expect(200);
  };
  for (const p of annPolicies) expect((await surveyOf(p.id)).agent_id).toBe(ann.id);

  // Ann: 10, 9, 7, 3 (her fifth customer does not answer) → 2 promoters, 1 passive, 1 detractor of 4:
  //   (2 − 1) / 4 = +25.0.
  // Bob: 6, 0, 9 → 1 promoter, 2 detractors of 3: (1 − 2) / 3 = −33.3 (one decimal).
  // The branch: 7 answers, promoters 10, 9, 9 = 3, detractors 3, 6, 0 = 3: (3 − 3) / 7 = 0.
  await answer(annPolicies[0]!.id, 10);
  await answer(annPolicies[1]!.id, 9);
  await answer(annPolicies[2]!.id, 7);
  await answer(annPolicies[3]!.id, 3);
  await answer(bobPolicies[0]!.id, 6);
  await answer(bobPolicies[1]!.id, 0);
  await answer(bobPolicies[2]!.id, 9);

  const period = { from: anniversary, to: anniversary };
  const team = (
    await request(w.t.app)
      .get('/api/service/metrics')
      .set((await login(w.t.app, manager)).auth)
      .query(period)
      .expect(200)
  ).body.items as {
    kind: string;
    id: string;
    nps: unknown;
    csat: unknown;
  }[];
  expect(team.find((r) => r.kind === 'agent' && r.id === ann.id)).toMatchObject({ nps: { responses: 4, score: 25 }, csat: { responses: 0 } });
  expect(team.find((r) => r.kind === 'agent' && r.id === bob.id)).toMatchObject({ nps: { responses: 3, score: -33.3 } });
  expect(team.find((r) => r.kind === 'branch' && r.id === w.branch)).toMatchObject({ nps: { responses: 7, score: 0 } });

  // Ann sees only her own row; the day before the answers has none.
  const mine = (
    await request(w.t.app)
      .get('/api/service/metrics')
      .set((await login(w.t.app, ann)).auth)
      .query(period)
      .expect(200)
  ).body.items;
  expect(mine).toEqual([expect.objectContaining({ kind: 'agent', id: ann.id, nps: { responses: 4, score: 25 } })]);
  const dayBefore = new Date(Date.parse(`${anniversary}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const before = (
    await request(w.t.app)
      .get('/api/service/metrics')
      .set((await login(w.t.app, ann)).auth)
      .query({ from: dayBefore, to: dayBefore })
      .expect(200)
  ).body.items;
  expect(before).toEqual([expect.objectContaining({ id: ann.id, nps: { responses: 0, score: null } })]);
});
