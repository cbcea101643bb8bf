// The average first response time KPI (GET /api/analytics/kpis): the business hours each case waited
// for its first response, from its SLA clock, averaged over the cases first answered in the period —
// on the default calendar (Monday–Friday 09:00–17:00 in the business zone), so a night does not count.
// Agents see the cases assigned to them, managers their branch, admins every branch.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeCustomer, makeUser, type TestUser } from '../../../../test/support/factories';
import { zonedInstant } from '../../../platform/business-time';

const t = appForFile();
afterAll(() => t.clock.reset());

const at = (day: string, hour: number, minute = 0) => new Date(zonedInstant(day, hour * 60 + minute, t.config.businessTimeZone));
const MONDAY = '2027-08-02';
const TUESDAY = '2027-08-03';
const as = async (user: TestUser) => (await login(t.app, user)).auth;

it('averages the business hours to the first response of the cases answered in the period, for the reader’s scope', async () => {
  const north = await makeBranch(t.db);
  const south = await makeBranch(t.db);
  const ann = await makeUser(t.db, { role: 'agent', branchId: north.id });
  const bob = await makeUser(t.db, { role: 'agent', branchId: north.id });
  const carl = await makeUser(t.db, { role: 'agent', branchId: south.id });
  const manager = await makeUser(t.db, { role: 'manager', branchId: north.id });
  const admin = await makeUser(t.db, { role: 'admin' });
  // A reply goes to the case's customer.
  const customerIn = {
    [north.id]: (await makeCustomer(t.app, await login(t.app, ann), north.id)).customer.id,
    [south.id]: (await makeCustomer(t.app, await login(t.app, carl), south.id)).customer.id,
  };

  const open = async (agent: TestUser, when: Date) => {
    t.clock.set(when);
    return (
      await request(t.app)
        .post('/api/cases')
        .set(await as(agent))
        .send({ type: 'question', subject: 'Is my bike covered?', customerId: customerIn[agent.branchId], assigneeId: agent.id })
        .expect(201)
    ).body;
  };
  const reply = async (agent: TestUser, kase: { id: string; version: number }, when: Date) => {
    t.clock.set(when);
    await request(t.app)
      .post(`/api/cases/${kase.id}/reply`)
      .set(await as(agent))
      .set('If-Match', `"${kase.version}"`)
      .send({ channel: 'phone_outbound', notes: 'Yes, while locked' })
      .expect(200);
  };
  // Ann: 10:00 → 11:00 Monday (1 business hour); 16:00 Monday → 10:00 Tuesday (16–17 and 9–10: 2 hours).
  // Bob: 10:00 → 14:30 Monday (4.5). Carl (South): 10:00 → 10:30 Monday (0.5). Ann's 12:00 case is never answered.
  const a1 = await open(ann, at(MONDAY, 10));
  const b1 = await open(bob, at(MONDAY, 10));
  const c1 = await open(carl, at(MONDAY, 10));
  await reply(carl, c1, at(MONDAY, 10, 30));
  await reply(ann, a1, at(MONDAY, 11));
  await open(ann, at(MONDAY, 12));
  await reply(bob, b1, at(MONDAY, 14, 30));
  const a2 = await open(ann, at(MONDAY, 16));
  await reply(ann, a2, at(TUESDAY, 10));

  t.clock.set(at(TUESDAY, 15));
  const firstResponse = async (user: TestUser, query: Record<string, string>) =>
    (
      await request(t.app)
        .get('/api/analytics/kpis')
        .set(await as(user))
        .query(query)
        .expect(200)
    ).body.items.find((k: { key: string }) => k.key === 'service.first-response-time');
  const both = { from: MONDAY, to: TUESDAY };
  // North: (1 + 2 + 4.5) ÷ 3 = 2.5 hours, over the 2-hour target.
  expect(await firstResponse(manager, both)).toMatchObject({ unit: 'hours', value: 2.5, numerator: 7.5, denominator: 3, target: { comparison: 'below', value: 2 }, met: false });
  // Ann's own: (1 + 2) ÷ 2 = 1.5, within target.
  expect(await firstResponse(ann, both)).toMatchObject({ value: 1.5, numerator: 3, denominator: 2, met: true });
  // An admin sees each branch (the company-wide figure holds other test files' cases of the shared database):
  // North as the manager, South Carl's 0.5.
  expect(await firstResponse(admin, { ...both, branchId: north.id })).toMatchObject({ value: 2.5, denominator: 3 });
  expect(await firstResponse(admin, { ...both, branchId: south.id })).toMatchObject({ value: 0.5, numerator: 0.5, denominator: 1, met: true });
  // Monday alone: Ann's second case was answered on Tuesday. North (1 + 4.5) ÷ 2 = 2.75.
  expect(await firstResponse(manager, { from: MONDAY, to: MONDAY })).toMatchObject({ value: 2.75, denominator: 2 });
  // One agent of the branch, and another branch's agent is none of the manager's.
  expect(await firstResponse(manager, { ...both, agentId: bob.id })).toMatchObject({ value: 4.5, denominator: 1 });
  await request(t.app)
    .get('/api/analytics/kpis')
    .set(await as(manager))
    .query({ ...both, branchId: south.id })
    .expect(404);
  // Nothing answered: no figure.
  expect(await firstResponse(manager, { from: '2027-07-01', to: '2027-07-31' })).toMatchObject({ value: null, denominator: 0, met: null });
});
