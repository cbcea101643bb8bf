// The service desk's demo data (seeds/demo/008_service_desk.ts, 010_service_cases.ts) is what the console needs: loaded
// with every demo seed through the real loader, on a database of its own, at whatever time the test runs (the breached
// and at-risk cases are placed in business time), the agent's My work, the case workspace, the team view and the
// performance figures all have something to show — cases in each status, tasks, interactions on every channel, an
// answered CSAT, NPS answers, SLA clocks at risk and breached, onboarding playbooks — and a second load adds nothing.
import request from 'supertest';
import { DEMO_PASSWORD } from '../../../../../seeds/demo/001_branches_and_users';
import { login } from '../../../../test/support/factories';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { createLogger } from '../../../platform/logger';
import { runSeeds } from '../../../platform/seeds';
import { createFieldCrypto } from '../../shared-services';

const adminUrl = () => process.env.POLICYDESK_TEST_ADMIN_URL!;
let url: string;
let t: TestApp;
const load = () => runSeeds(t.db, { clock: t.clock, logger: createLogger('silent'), config: t.config, fieldCrypto: createFieldCrypto(t.config) }, { demo: true });
const as = async (email: string) => (await login(t.app, { email, password: DEMO_PASSWORD })).auth;

const SERVICE_TABLES = [
  'service_cases',
  'service_case_status_history',
  'service_case_escalations',
  'service_clock_events',
  'service_tasks',
  'service_interactions',
  'service_surveys',
  'service_playbooks',
] as const;
const counts = async () => Object.fromEntries(await Promise.all(SERVICE_TABLES.map(async (table) => [table, Number((await t.db(table).count({ n: '*' }).first())!.n)] as const)));

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl(), 'service14_demo');
  t = createTestApp({ env: { DATABASE_URL: url } });
  await load();
}, PROCESS_TEST_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
  if (url) await dropDatabase(adminUrl(), url);
});

it('gives the agent cases in every status, tasks, interactions on every channel and an answered CSAT', async () => {
  const agent = await as('agent@demo.test');
  const empty: string[] = [];
  for (const status of ['new', 'open', 'pending', 'resolved', 'closed']) {
    const page = await request(t.app).get('/api/cases').query({ status, limit: 50 }).set(agent).expect(200);
    if (page.body.items.length === 0) empty.push(status);
  }
  expect(empty).toEqual([]);
  const work = (await request(t.app).get('/api/my-work').set(agent).expect(200)).body;
  const kinds = new Set(work.items.map((i: { kind: string }) => i.kind));
  expect(kinds.has('task') && kinds.has('case')).toBe(true);
  // A task 20 hours overdue and one due in 2 hours (within 4 business hours whatever the time).
  expect(work.counts.overdue).toBeGreaterThan(0);
  expect(work.counts.atRisk).toBeGreaterThan(0);

  const channels = await t.db('service_interactions').distinct('channel').pluck('channel');
  expect(channels.sort()).toEqual(['chat', 'email', 'in_person', 'letter', 'phone_inbound', 'phone_outbound', 'sms']);

  // A resolved case's workspace shows its CSAT answered through the link.
  const resolved = (await request(t.app).get('/api/cases').query({ status: 'resolved', limit: 50 }).set(agent).expect(200)).body.items;
  const views = await Promise.all(resolved.map(async (c: { id: string }) => (await request(t.app).get(`/api/cases/${c.id}`).set(agent).expect(200)).body));
  expect(views.some((v: { survey: { status: string; score: number } | null }) => v.survey?.status === 'answered' && v.survey.score >= 1)).toBe(true);
});

it('shows the senior agent case clocks at risk and breached in the team view, and the figures carry CSAT and NPS', async () => {
  const senior = await as('senior@demo.test');
  const team = (await request(t.app).get('/api/service/team').set(senior).expect(200)).body;
  const caseItems = team.items.filter((i: { kind: string }) => i.kind === 'case');
  // Breached: the urgent billing question 5 business hours without its first response (30 minutes).
  expect(caseItems.some((i: { overdue: boolean; case: { subject: string } }) => i.overdue && i.case.subject === 'Charged twice for this month')).toBe(true);
  // At risk: the question opened 2 business hours ago, its first response (4 hours) due within 4.
  expect(
    caseItems.some((i: { overdue: boolean; atRisk: boolean; case: { subject: string } }) => !i.overdue && i.atRisk && i.case.subject === 'How do I add a second driver?'),
  ).toBe(true);

  const today = t.clock.businessDate();
  const monthAgo = new Date(Date.parse(`${today}T12:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const metrics = (
    await request(t.app)
      .get('/api/service/metrics')
      .query({ from: monthAgo, to: today })
      .set(await as('agent@demo.test'))
      .expect(200)
  ).body.items;
  expect(metrics).toHaveLength(1);
  // NPS of the four answers (10, 9, 7, 4): (2 promoters − 1 detractor) / 4 = +25.
  expect(metrics[0]).toMatchObject({ kind: 'agent', nps: { responses: 4, score: 25 } });
  expect(metrics[0].csat.responses).toBeGreaterThan(0);
  expect(metrics[0].interactions).toBeGreaterThan(0);

  expect(Number((await t.db('service_playbooks').count({ n: '*' }).first())!.n)).toBeGreaterThan(0);
});

it('adds nothing when loaded a second time', async () => {
  const before = await counts();
  await load();
  expect(await counts()).toEqual(before);
});
