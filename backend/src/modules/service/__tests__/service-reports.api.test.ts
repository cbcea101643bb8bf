// The service desk's standard reports exported through the reports module: SLA compliance per queue
// (branch and case type) and priority, and agent performance — the figures of GET /api/service/metrics,
// scoped the same way (an agent: their own cases and row; a manager: their branches; another branch's
// manager: nothing). On the default calendar (Monday–Friday 09:00–17:00 in the business zone).
import request from 'supertest';
import { login, makeBranch, makeCustomer, makeUser, type TestUser } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, withJobSender } from '../../../../test/support/report-exports';
import { appForFile } from '../../../../test/support/test-app';
import { zonedInstant } from '../../../platform/business-time';

const t = appForFile({ env: exportTestEnv('service-reports') });
withJobSender(t);
afterAll(() => t.clock.reset());

const DAY = '2027-08-02'; // a Monday
const on = (hour: number, minute = 0) => new Date(zonedInstant(DAY, hour * 60 + minute, t.config.businessTimeZone));
const as = async (user: TestUser) => (await login(t.app, user)).auth;
const csvOf = async (user: TestUser, key: string, params: Record<string, unknown>) =>
  parseCsv((await exportReport(t, await as(user), key, { format: 'csv', params })).file.toString('utf8'));

it('reports SLA compliance per branch queue, case type, priority and metric, and each agent’s performance, in the reader’s scope', async () => {
  t.clock.set(on(10));
  const branch = await makeBranch(t.db);
  const ann = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const bob = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const manager = await makeUser(t.db, { role: 'manager', branchId: branch.id });
  const outsider = await makeUser(t.db, { role: 'manager' });
  const { customer } = await makeCustomer(t.app, await login(t.app, ann), branch.id);

  const open = async (user: TestUser, body: Record<string, unknown>) =>
    (
      await request(t.app)
        .post('/api/cases')
        .set(await as(user))
        .send({ customerId: customer.id, assigneeId: user.id, ...body })
        .expect(201)
    ).body;
  const act = async (user: TestUser, kase: { id: string; version: number }, action: 'reply' | 'resolve', body: Record<string, unknown>) =>
    (
      await request(t.app)
        .post(`/api/cases/${kase.id}/${action}`)
        .set(await as(user))
        .set('If-Match', `"${kase.version}"`)
        .send(body)
        .expect(200)
    ).body;
  // 10:00 Ann opens a normal billing question (first response 4 business hours, resolution 3 business
  // days on the SLA policies); Bob an urgent question (first response 30 minutes).
  const annCase = await open(ann, { type: 'billing_question', subject: 'Premium went up' });
  const bobCase = await open(bob, { type: 'question', priority: 'urgent', subject: 'Cover today?' });
  // 11:00 both answer: Ann after 1 business hour (within 4), Bob after 1 (past his 0.5: breached).
  t.clock.set(on(11));
  const annReplied = await act(ann, annCase, 'reply', { channel: 'phone_outbound', notes: 'The new driver' });
  await act(bob, bobCase, 'reply', { channel: 'phone_outbound', notes: 'Yes, covered' });
  // 13:00 Ann resolves hers: 3 business hours.
  t.clock.set(on(13));
  await act(ann, annReplied, 'resolve', { resolution: 'Explained' });

  const period = { from: DAY, to: DAY };
  const sla = await csvOf(manager, 'service.sla-compliance', period);
  expect(sla[0]).toEqual(['Branch', 'Case type', 'Priority', 'Metric', 'Clocks met', 'Within target', 'Breached', 'Compliance %', 'Median business hours']);
  // Urgent first; within a queue and priority the metrics by name. 1 of 1 within = 100 %, 0 of 1 = 0 %.
  expect(sla.slice(1)).toEqual([
    [branch.name, 'billing question', 'normal', 'first response', '1', '1', '0', '100', '1'],
    [branch.name, 'billing question', 'normal', 'resolution', '1', '1', '0', '100', '3'],
    [branch.name, 'question', 'urgent', 'first response', '1', '0', '1', '0', '1'],
  ]);
  // Ann sees only the cases assigned to her; the other branch's manager nothing of this one.
  expect((await csvOf(ann, 'service.sla-compliance', period)).slice(1).map((r) => r[1])).toEqual(['billing question', 'billing question']);
  expect((await csvOf(outsider, 'service.sla-compliance', period)).slice(1).some((r) => r[0] === branch.name)).toBe(false);

  const perf = await csvOf(manager, 'service.agent-performance', period);
  expect(perf[0]).toEqual([
    'Row',
    'Agent or branch',
    'Branch',
    'Interactions',
    'Cases opened',
    'Cases resolved',
    'First-contact resolution %',
    'Median first response (business h)',
    'Median resolution (business h)',
    'SLA hit %',
    'CSAT (of 5)',
    'CSAT answers',
    'NPS',
    'NPS answers',
  ]);
  const row = (name: string) => perf.find((r) => r[1] === name);
  // The branch: 2 replies logged as interactions, 2 cases opened, 1 resolved; 2 of the 3 clocks met within target = 66.67 %;
  // medians of first responses (1, 1) = 1 and of resolutions (3) = 3. No inbound contact: no first-contact figure.
  expect(row(branch.name)).toEqual(['Branch', branch.name, branch.name, '2', '2', '1', '', '1', '3', '66.67', '', '0', '', '0']);
  expect(row(ann.name)).toEqual(['Agent', ann.name, branch.name, '1', '1', '1', '', '1', '3', '100', '', '0', '', '0']);
  expect(row(bob.name)).toEqual(['Agent', bob.name, branch.name, '1', '1', '0', '', '1', '', '0', '', '0', '', '0']);
  // An agent's export is their own row, with their branch named.
  expect((await csvOf(bob, 'service.agent-performance', period)).slice(1)).toEqual([['Agent', bob.name, branch.name, '1', '1', '0', '', '1', '', '0', '', '0', '', '0']]);
  expect((await csvOf(outsider, 'service.agent-performance', period)).slice(1).some((r) => r[2] === branch.name)).toBe(false);

  // The period is checked by the report's own rules; the branch is the reader's scope, not a parameter.
  const refused = await request(t.app)
    .post('/api/reports/service.sla-compliance/exports')
    .set(await as(manager))
    .send({ format: 'csv', params: { from: DAY, to: '2027-08-01', branchId: branch.id } })
    .expect(400);
  expect(refused.body).toMatchObject({
    code: 'VALIDATION_FAILED',
    errors: [
      { path: 'params.branchId', message: 'Unknown field' },
      { path: 'params.to', message: 'from is after to' },
    ],
  });
});
