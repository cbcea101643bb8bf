// "My work": the agent's own open tasks and cases, what falls due first at the top, overdue and at-risk (due within four
// business hours) flagged, on the default calendar (Monday–Friday 09:00–17:00 in the business zone).
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeUser, publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { zonedInstant } from '../../../platform/business-time';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { withReferralCleared } from '../../claims/__tests__/claim-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';

const t = appForFile();
afterAll(() => t.clock.reset());

it("lists the agent's open tasks and cases by what falls due first, with overdue and at-risk flags", async () => {
  const tz = t.config.businessTimeZone;
  const wednesdayAt = (hour: number, day = '2027-03-03') => new Date(zonedInstant(day, hour * 60, tz)).toISOString();
  t.clock.set(wednesdayAt(12));
  const branch = await makeBranch(t.db);
  const me = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const colleague = await makeUser(t.db, { role: 'agent', branchId: branch.id });
  const session = await login(t.app, me);
  const task = async (title: string, dueAt: string, assigneeId = me.id) =>
    (await request(t.app).post('/api/tasks').set(session.auth).send({ title, dueAt, assigneeId }).expect(201)).body as { id: string; version: number };

  // Thursday noon is five business hours away: not at risk.
  const tomorrow = await task('Thursday noon', wednesdayAt(12, '2027-03-04'));
  const overdue = await task('This morning', wednesdayAt(11));
  const soon = await task('This afternoon', wednesdayAt(15));
  await task('Colleague’s', wednesdayAt(13), colleague.id);
  const done = await task('Done already', wednesdayAt(10));
  await request(t.app).post(`/api/tasks/${done.id}/complete`).set(session.auth).set('If-Match', `"${done.version}"`).send({ outcome: 'Handled' }).expect(200);

  // Cases by the earliest due of their running clocks: an urgent one's first response (30 business minutes) at 12:30; a
  // pending normal one waits for its resolution, but its first response (4 business hours) still falls due at 16:00.
  const newCase = async (priority: string, assigneeId = me.id) =>
    (
      await request(t.app)
        .post('/api/cases')
        .set(session.auth)
        .send({ type: 'question', subject: `A ${priority} case`, priority, assigneeId })
        .expect(201)
    ).body as { id: string };
  const urgent = await newCase('urgent');
  const waiting = await newCase('normal');
  await request(t.app).post(`/api/cases/${waiting.id}/pend`).set(session.auth).set('If-Match', '"1"').send({}).expect(200);
  await newCase('urgent', colleague.id);

  const res = await request(t.app).get('/api/my-work').set(session.auth).expect(200);
  type Item = { kind: string; task?: { id: string }; case?: { id: string }; overdue: boolean; atRisk: boolean; dueAt: string | null };
  expect(res.body.items.map((i: Item) => [i.kind, (i.task ?? i.case)!.id, i.overdue, i.atRisk])).toEqual([
    ['task', overdue.id, true, false],
    ['case', urgent.id, false, true],
    ['task', soon.id, false, true],
    ['case', waiting.id, false, true],
    ['task', tomorrow.id, false, false],
  ]);
  expect(res.body.items[1].dueAt).toBe(new Date(Date.parse(wednesdayAt(12)) + 30 * 60_000).toISOString());
  expect(res.body.items[3].dueAt).toBe(wednesdayAt(16));
  expect(res.body.counts).toEqual({ open: 5, overdue: 1, atRisk: 3 });

  // Once answered, the pending case has no running clock: no due time, last.
  const answered = await request(t.app)
    .post(`/api/cases/${waiting.id}/reply`)
    .set(session.auth)
    .set('If-Match', '"2"')
    .send({ channel: 'email', notes: 'We are waiting for your documents' });
  expect(answered.status).toBe(409); // no customer to reply to
  await request(t.app)
    .post('/api/interactions')
    .set(session.auth)
    .send({ channel: 'email', direction: 'outbound', contactEmail: 'x@example.com', subject: 'Waiting for documents', links: [{ kind: 'case', id: waiting.id }] })
    .expect(201);
  const after = await request(t.app).get('/api/my-work').set(session.auth).expect(200);
  expect(after.body.items.map((i: Item) => (i.task ?? i.case)!.id).at(-1)).toBe(waiting.id);
  expect(after.body.items.at(-1).dueAt).toBeNull();
});

// The claims module's work source: an adjuster's assigned claims (due at the decision target, the close of the 10th business
// day after the submission; a draft has none) and the requests for information they follow up (due at the close of their
// due date), flagged, counted and ordered with the rest — and nobody else's.
describe('claims in My work', () => {
  let w: BillingWorld;
  let policyId: string;
  beforeAll(async () => {
    w = await billingWorld('policydesk_mywork_claims');
    const definition = { ...termLife, claims: { lossTypes: [{ lossType: 'accident', coverages: ['ADB'] }] } };
    const productId = (await publishProduct(w.t, w.admin, { code: 'MWC', name: 'My work claims', category: 'life', definition })).id;
    w.t.clock.set(new Date(zonedInstant('2027-03-01', 10 * 60, w.t.config.businessTimeZone)).toISOString());
    policyId = (await w.issuedPolicy({ productId })).policy.id;
  }, PROCESS_TEST_TIMEOUT_MS);
  afterAll(() => w.close());

  it("puts the adjuster's open claims and requests for information in their queue by due time, overdue and at risk flagged", async () => {
    const tz = w.t.config.businessTimeZone;
    const at = (day: string, hour: number) => new Date(zonedInstant(day, hour * 60, tz)).toISOString();
    // Wednesday 2027-03-03, 14:00.
    w.t.clock.set(at('2027-03-03', 14));
    const agent = await w.as('agent');
    const manager = await w.as('manager');
    const adjusterUser = await makeUser(w.t.db, { role: 'claims_adjuster', branchId: w.branch });
    const colleagueUser = await makeUser(w.t.db, { role: 'claims_adjuster', branchId: w.branch });
    const adjuster = { userId: adjusterUser.id, session: await login(w.t.app, adjusterUser) };
    const colleague = { userId: colleagueUser.id, session: await login(w.t.app, colleagueUser) };
    const act = (session: Session, claim: { id: string; version: number }, action: string, body: object = {}) =>
      request(w.t.app).post(`/api/claims/${claim.id}/${action}`).set(session.auth).set('If-Match', `"${claim.version}"`).send(body);
    const draft = async () =>
      (
        await request(w.t.app)
          .post('/api/claims')
          .set(agent.auth)
          .send({
            policyId,
            lossDate: '2027-03-02',
            lossType: 'accident',
            description: 'A fall',
            location: 'Home',
            reporter: { kind: 'policyholder', name: 'Pat', email: 'pat@example.test' },
          })
          .expect(201)
      ).body;
    const investigated = async (by: Session) => {
      const submitted = await withReferralCleared(w.t.app, manager, (await act(agent, await draft(), 'submit').expect(200)).body);
      return (await act(by, submitted, 'start-investigation').expect(200)).body;
    };
    const mine = await investigated(adjuster.session);
    const theirs = await investigated(colleague.session);
    const unsubmitted = await draft();
    await act(manager, unsubmitted, 'assign', { assigneeId: adjuster.userId }).expect(200);
    const asked = (await act(adjuster.session, mine, 'information-requests', { items: 'The police report', dueOn: '2027-03-03' }).expect(201)).body.items[0];
    await act(colleague.session, theirs, 'information-requests', { items: 'Photos', dueOn: '2027-03-03' }).expect(201);

    type Item = { kind: string; claim?: { id: string }; request?: { id: string; claim: { id: string } }; dueAt: string | null; overdue: boolean; atRisk: boolean };
    const queue = async (session: Session) => (await request(w.t.app).get('/api/my-work').set(session.auth).expect(200)).body as { items: Item[]; counts: object };
    const now = await queue(adjuster.session);
    expect(now.items.map((i) => [i.kind, (i.claim ?? i.request)!.id, i.dueAt, i.overdue, i.atRisk])).toEqual([
      // Due today at the close (17:00): three business hours away, at risk.
      ['claim_information_request', asked.id, at('2027-03-03', 17), false, true],
      // Submitted Wednesday 3 March: the 10th business day after is Wednesday 17 March.
      ['claim', mine.id, at('2027-03-17', 17), false, false],
      ['claim', unsubmitted.id, null, false, false],
    ]);
    expect(now.items[0]!.request!.claim.id).toBe(mine.id);
    expect(now.counts).toEqual({ open: 3, overdue: 0, atRisk: 1 });

    // Thursday morning (a new day: sign in again): the request is overdue; once received it leaves the queue.
    w.t.clock.set(at('2027-03-04', 10));
    adjuster.session = await login(w.t.app, adjusterUser);
    colleague.session = await login(w.t.app, colleagueUser);
    const agentNow = await w.as('agent');
    const later = await queue(adjuster.session);
    expect(later.items[0]).toMatchObject({ kind: 'claim_information_request', overdue: true, atRisk: false });
    expect(later.counts).toEqual({ open: 3, overdue: 1, atRisk: 0 });
    const current = (await request(w.t.app).get(`/api/claims/${mine.id}`).set(adjuster.session.auth).expect(200)).body;
    await act(adjuster.session, current, `information-requests/${asked.id}/receive`, { note: 'Came by post' }).expect(200);
    expect((await queue(adjuster.session)).items.map((i) => i.kind)).toEqual(['claim', 'claim']);

    // The colleague sees only their own claim and request; an agent without claims none.
    expect((await queue(colleague.session)).items.map((i) => (i.claim ?? i.request!.claim).id)).toEqual([theirs.id, theirs.id]);
    expect((await queue(agentNow)).items).toEqual([]);
  });
});
