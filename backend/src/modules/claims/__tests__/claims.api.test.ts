// Claims end to end on a real PostgreSQL: a first notice of loss with its coverage check (and each
// check failing: not in force on the loss date, an uncovered loss type, a waiting period, an
// exclusion), every legal and illegal transition, If-Match, branch scoping, assignment and notes,
// and reserves posted to the ledger — held pending above the claim_amount limit until someone with
// the limit (not the requester) approves.
import request from 'supertest';
import { makeBranch, publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { CLAIM_TRANSITIONS, type ClaimTransition } from '../../../contracts/claims';
import { pdf } from '../../orders/__tests__/order-fixtures';
import { withReferralCleared } from './claim-fixtures';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';

let w: BillingWorld;
type Body = request.Response['body'];
const USD = 'USD';
let productId: string;
let policy: IssuedPolicy;
let agent: Session;
let adjuster: { session: Session; userId: string };
let manager: Session;
/** A second adjuster: decides what the first assessed (four-eyes). */
let decider: Session;

// 2027-01-11 is a Monday: the policies issued today start today.
const START = '2027-01-11';

beforeAll(async () => {
  w = await billingWorld('policydesk_claims', { startAt: `${START}T10:00:00Z` });
  await w.t.db('approval_limits').insert([
    { role: 'claims_adjuster', kind: 'claim_amount', currency: USD, max_amount: 25_000_00, revision: 1, updated_at: new Date() },
    { role: 'manager', kind: 'claim_amount', currency: USD, max_amount: 500_000_00, revision: 1, updated_at: new Date() },
  ]);
  const definition = {
    ...termLife,
    claims: {
      lossTypes: [
        { lossType: 'death', coverages: ['DEATH', 'ADB'] },
        { lossType: 'accident', coverages: ['ADB'] },
        { lossType: 'critical_illness', coverages: ['DEATH'], waitingDays: 90 },
      ],
    },
  };
  productId = (await publishProduct(w.t, w.admin, { code: 'CLM', name: 'Claims test term life', category: 'life', definition })).id;
  policy = await w.issuedPolicy({ productId });
  agent = await w.as('agent');
  adjuster = await w.userAs('claims_adjuster');
  manager = await w.as('manager');
  decider = await w.as('claims_adjuster');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const reporter = { kind: 'policyholder', name: 'Pat Holder', phone: '(555) 123-4567' };
const fnol = (overrides: object = {}) => ({
  policyId: policy.policy.id,
  lossDate: START,
  lossTime: '14:30',
  lossType: 'death',
  description: 'The insured died in hospital',
  location: 'Springfield General Hospital',
  reporter,
  ...overrides,
});
const create = (session: Session, body: object) => request(w.t.app).post('/api/claims').set(session.auth).send(body);
const act = (session: Session, claim: { id: string; version: number }, action: string, body: object = {}) =>
  request(w.t.app).post(`/api/claims/${claim.id}/${action}`).set(session.auth).set('If-Match', `"${claim.version}"`).send(body);
type Decision = 'approve' | 'partially_approve' | 'reject';
const REASON_CODE = { approve: 'APPROVED_IN_FULL', partially_approve: 'DEDUCTIBLE_APPLIED', reject: 'EXCLUSION_APPLIES' } as const;
/** An assessment of `lossAmount` on the DEATH coverage with `decision`. */
const assessment = (decision: Decision = 'approve', lossAmount = 10_000_00, overrides: object = {}) => ({
  lines: decision === 'reject' ? [] : [{ coverage: 'DEATH', lossAmount }],
  decision,
  reasonCode: REASON_CODE[decision],
  ...(decision === 'approve' ? {} : { reason: decision === 'reject' ? 'Clause 4.2' : 'Excess applies' }),
  ...overrides,
});
const reserveOf = (session: Session, claim: { id: string; version: number }, body: object) =>
  request(w.t.app).post(`/api/claims/${claim.id}/reserves`).set(session.auth).set('If-Match', `"${claim.version}"`).send(body);
const getClaim = async (session: Session, id: string): Promise<Body> => (await request(w.t.app).get(`/api/claims/${id}`).set(session.auth).expect(200)).body;
const failed = (check: Body) => check.checks.filter((c: Body) => !c.passed).map((c: Body) => c.code);
const claimsReserveBalance = () => w.balance({ kind: 'claims_reserve', currency: USD });
async function expectLedgerBalanced() {
  for (const row of await w.trialTotals()) expect(row.debits).toBe(row.credits);
}

/** A claim moved through `actions` (each with a reason), as the adjuster; assessed with `decision`, decided by a second adjuster. */
async function claimIn(actions: ClaimTransition[], body: object = {}, decision: Decision = 'approve'): Promise<Body> {
  let claim = (await create(agent, fnol(body)).expect(201)).body;
  for (const action of actions) {
    const by = ['approve', 'partially-approve', 'reject'].includes(action) ? decider : adjuster.session;
    const sent = action === 'assess' ? assessment(decision) : { reason: `Test: ${action}` };
    claim = (await act(by, claim, action, sent).expect(200)).body;
    if (action === 'submit') claim = await withReferralCleared(w.t.app, manager, claim);
  }
  return claim;
}

describe('first notice of loss and the coverage check', () => {
  it('records a covered loss as a draft CL-… with every check passed, history and audit', async () => {
    const claim = (await create(agent, fnol({ claimedAmount: 10_000_00 })).expect(201)).body;
    expect(claim).toMatchObject({
      claimNumber: expect.stringMatching(/^CL-\d{6}$/),
      status: 'draft',
      policy: { id: policy.policy.id, policyNumber: policy.policy.policyNumber },
      customer: { id: policy.customer.id },
      lossTime: '14:30',
      coverageDoubtful: false,
      claimedAmount: 10_000_00,
      currency: USD,
      reserves: [],
      ageDays: 0,
    });
    expect(claim.coverageCheck.checks.map((c: Body) => [c.code, c.passed])).toEqual([
      ['POLICY_IN_FORCE', true],
      ['LOSS_TYPE_COVERED', true],
      ['WAITING_PERIOD_PASSED', true],
      ['NO_EXCLUSION', true],
    ]);
    expect(claim.coverageCheck.coverages.map((c: Body) => c.code)).toEqual(['DEATH', 'ADB']);
    const history = (await request(w.t.app).get(`/api/claims/${claim.id}/history`).set(agent.auth).expect(200)).body.items;
    expect(history.map((h: Body) => [h.fromStatus, h.toStatus])).toEqual([[null, 'draft']]);
    expect(await w.t.db('audit_log').where({ entity_id: claim.id, action: 'claim.create' })).toHaveLength(1);
  });

  it('checks without recording anything (POST /api/claims/coverage-check)', async () => {
    const before = await w.t.db('claims').count<{ count: string }[]>('* as count');
    const check = (await request(w.t.app).post('/api/claims/coverage-check').set(agent.auth).send({ policyId: policy.policy.id, lossDate: START, lossType: 'fire' }).expect(200))
      .body;
    expect(check).toMatchObject({ coverageDoubtful: true, termsVersion: 1 });
    expect(await w.t.db('claims').count<{ count: string }[]>('* as count')).toEqual(before);
  });

  it('records a loss before the policy started, marked coverage doubtful with the reason', async () => {
    const claim = (await create(agent, fnol({ lossDate: '2027-01-04' })).expect(201)).body;
    expect(claim.coverageDoubtful).toBe(true);
    expect(failed(claim.coverageCheck)).toEqual(['POLICY_IN_FORCE', 'LOSS_TYPE_COVERED']);
    expect(claim.coverageCheck.reasons[0]).toMatch(/starts on 2027-01-11/);
  });

  it('flags a loss type the product does not cover', async () => {
    const claim = (await create(agent, fnol({ lossType: 'fire', description: 'The kitchen burnt down' })).expect(201)).body;
    expect(failed(claim.coverageCheck)).toEqual(['LOSS_TYPE_COVERED']);
    expect(claim.coverageCheck.coverages).toEqual([]);
  });

  it('flags a loss inside its waiting period (critical illness: 90 days from the start)', async () => {
    const claim = (await create(agent, fnol({ lossType: 'critical_illness', description: 'Diagnosed last week' })).expect(201)).body;
    expect(failed(claim.coverageCheck)).toEqual(['WAITING_PERIOD_PASSED']);
    expect(claim.coverageCheck.reasons[0]).toMatch(/covered only from 2027-04-11/);
  });

  it('flags an underwriting exclusion of the policy that concerns the loss', async () => {
    const underwriter = await w.as('underwriter');
    const { order } = await w.f.inReview(agent, underwriter, w.branch, productId, {
      coverages: [
        { code: 'DEATH', sumInsured: 200_000_00 },
        { code: 'ADB', sumInsured: 50_000_00 },
      ],
    });
    const approved = (await w.f.step(underwriter, order.id, 'approve', order.version, { exclusions: ['Hazardous sports'] }).expect(200)).body;
    const body = fnol({ policyId: approved.policyId, lossType: 'accident', description: 'Broke a leg during hazardous sports (paragliding)' });
    const claim = (await create(agent, body).expect(201)).body;
    expect(failed(claim.coverageCheck)).toEqual(['NO_EXCLUSION']);
    expect(claim.coverageCheck.reasons[0]).toMatch(/Hazardous sports/);
    // The same policy, a loss the exclusion does not concern.
    const other = (await create(agent, { ...body, description: 'Slipped on ice' }).expect(201)).body;
    expect(other.coverageDoubtful).toBe(false);
  });

  it('refuses a loss date in the future and bad input with field errors', async () => {
    expect((await create(agent, fnol({ lossDate: '2027-01-12' })).expect(400)).body.code).toBe('CLAIM_LOSS_IN_FUTURE');
    const bad = (await create(agent, fnol({ reporter: { kind: 'neighbour', name: '' }, lossTime: '25:00' })).expect(400)).body;
    expect(bad.errors.map((e: Body) => e.path)).toEqual(expect.arrayContaining(['lossTime', 'reporter.kind', 'reporter.name']));
  });
});

describe('the lifecycle', () => {
  it('goes draft → submitted → under investigation → assessed → approved, storing the business days from submission to decision', async () => {
    let claim = (await create(agent, fnol()).expect(201)).body;
    claim = await withReferralCleared(w.t.app, manager, (await act(agent, claim, 'submit').expect(200)).body);
    expect(claim).toMatchObject({ status: 'submitted', submittedAt: expect.any(String), processingBusinessDays: null });
    // An agent does not investigate.
    await act(agent, claim, 'start-investigation').expect(403);
    claim = (await act(adjuster.session, claim, 'start-investigation').expect(200)).body;
    expect(claim.assignee).toEqual({ id: adjuster.userId, name: expect.any(String) });
    claim = (await act(adjuster.session, claim, 'assess', assessment()).expect(200)).body;
    // Three days later (Thursday), after a fresh login: the clock moved.
    w.t.clock.set('2027-01-14T09:00:00Z');
    try {
      const fresh = await w.as('claims_adjuster');
      claim = (await act(fresh, claim, 'approve').expect(200)).body;
      expect(claim).toMatchObject({ status: 'approved', processingBusinessDays: 3, ageDays: null });
      // Paid comes with payments (not built): an approved claim does not close.
      expect((await act(fresh, claim, 'close').expect(409)).body).toMatchObject({ code: 'CLAIM_INVALID_TRANSITION', currentStatus: 'approved' });
    } finally {
      w.t.clock.set(`${START}T10:00:00Z`);
    }
    const history = (await request(w.t.app).get(`/api/claims/${claim.id}/history`).set(agent.auth).expect(200)).body.items;
    expect(history.map((h: Body) => h.toStatus)).toEqual(['draft', 'submitted', 'under_investigation', 'assessed', 'approved']);
    expect(await w.t.db('audit_log').where({ entity_id: claim.id, action: 'claim.transition' })).toHaveLength(4);
  });

  it('rejects with a reason (its reserve released), closes, reopens with a reason and investigates again', async () => {
    let claim = await claimIn(['submit', 'start-investigation', 'assess'], { claimedAmount: 10_000_00 }, 'reject');
    expect((await act(decider, claim, 'reject').expect(400)).body.errors[0].path).toBe('reason');
    const reserveBefore = await claimsReserveBalance();
    expect(claim.outstandingReserve).toBeGreaterThan(0);
    claim = (await act(decider, claim, 'reject', { reason: 'Clause 4.2' }).expect(200)).body;
    expect(claim.processingBusinessDays).toBe(0);
    // Nothing will be paid: the reserve is released through the ledger.
    expect(claim.outstandingReserve).toBe(0);
    expect(await claimsReserveBalance()).toBe(reserveBefore - 10_000_00);
    const released = (await request(w.t.app).get(`/api/claims/${claim.id}/reserves`).set(agent.auth).expect(200)).body.changes;
    expect(released.at(-1)).toMatchObject({ newAmount: 0, reason: 'Released: the claim was rejected', status: 'posted' });
    await expectLedgerBalanced();
    claim = (await act(adjuster.session, claim, 'close').expect(200)).body;
    await act(adjuster.session, claim, 'reopen').expect(400);
    claim = (await act(adjuster.session, claim, 'reopen', { reason: 'New evidence' }).expect(200)).body;
    claim = (await act(adjuster.session, claim, 'start-investigation').expect(200)).body;
    expect(claim.status).toBe('under_investigation');
    const history = (await request(w.t.app).get(`/api/claims/${claim.id}/history`).set(agent.auth).expect(200)).body.items;
    expect(history.slice(-4).map((h: Body) => [h.toStatus, h.reason])).toEqual([
      ['rejected', 'Clause 4.2'],
      ['closed', null],
      ['reopened', 'New evidence'],
      ['under_investigation', null],
    ]);
  });

  it('partially approves with a reason', async () => {
    const claim = await claimIn(['submit', 'start-investigation', 'assess'], {}, 'partially_approve');
    await act(decider, claim, 'partially-approve').expect(400);
    expect((await act(decider, claim, 'partially-approve', { reason: 'Excess applies' }).expect(200)).body.status).toBe('partially_approved');
  });

  it('withdraws a draft or a submitted claim (its reserve released), with a reason, and nothing later', async () => {
    const draft = await claimIn([]);
    await act(agent, draft, 'withdraw').expect(400);
    expect((await act(agent, draft, 'withdraw', { reason: 'Reported by mistake' }).expect(200)).body.status).toBe('withdrawn');
    const submitted = await claimIn(['submit'], { claimedAmount: 10_000_00 });
    expect(submitted.outstandingReserve).toBe(10_000_00);
    const withdrawn = (await act(agent, submitted, 'withdraw', { reason: 'Customer withdrew it' }).expect(200)).body;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', outstandingReserve: 0 });
    const investigated = await claimIn(['submit', 'start-investigation']);
    expect((await act(agent, investigated, 'withdraw', { reason: 'Too late' }).expect(409)).body.currentStatus).toBe('under_investigation');
  });

  it('answers every transition not allowed from the current status with 409 and that status', async () => {
    const states: [ClaimTransition[], string][] = [
      [[], 'draft'],
      [['submit'], 'submitted'],
      [['submit', 'start-investigation'], 'under_investigation'],
      [['submit', 'start-investigation', 'assess'], 'assessed'],
      [['submit', 'start-investigation', 'assess', 'reject', 'close'], 'closed'],
    ];
    for (const [path, status] of states) {
      const claim = await claimIn(path, {}, path.includes('reject') ? 'reject' : 'approve');
      expect(claim.status).toBe(status);
      const illegal = (Object.keys(CLAIM_TRANSITIONS) as ClaimTransition[]).filter((a) => !(CLAIM_TRANSITIONS[a].from as readonly string[]).includes(status));
      for (const action of illegal) {
        const res = await act(manager, claim, action, action === 'assess' ? assessment() : { reason: 'Try' });
        expect([action, res.status, res.body.code, res.body.currentStatus]).toEqual([action, 409, 'CLAIM_INVALID_TRANSITION', status]);
      }
    }
  });

  it('answers every transition not allowed from the later statuses with 409 too (approved, partially approved, rejected, paid, reopened, withdrawn); a paid claim closes', async () => {
    const pay = async (claim: Body) => {
      const res = await request(w.t.app)
        .post(`/api/claims/${claim.id}/payments`)
        .set(adjuster.session.auth)
        .set('Idempotency-Key', `test-${claim.id}`)
        .send({ coverage: 'DEATH', amount: claim.approvedAmount, final: true, payee: { kind: 'beneficiary', name: 'Sam Heir' }, method: 'check' })
        .expect(201);
      expect(res.body.claimStatus).toBe('paid');
      return getClaim(adjuster.session, claim.id);
    };
    const paid = await pay(await claimIn(['submit', 'start-investigation', 'assess', 'approve'], { claimedAmount: 10_000_00 }));
    const states: [Body, string][] = [
      [await claimIn(['submit', 'start-investigation', 'assess', 'approve']), 'approved'],
      [await claimIn(['submit', 'start-investigation', 'assess', 'partially-approve'], {}, 'partially_approve'), 'partially_approved'],
      [await claimIn(['submit', 'start-investigation', 'assess', 'reject'], {}, 'reject'), 'rejected'],
      [paid, 'paid'],
      [await claimIn(['submit', 'start-investigation', 'assess', 'reject', 'close', 'reopen'], {}, 'reject'), 'reopened'],
      [await claimIn(['withdraw']), 'withdrawn'],
    ];
    for (const [claim, status] of states) {
      expect(claim.status).toBe(status);
      const illegal = (Object.keys(CLAIM_TRANSITIONS) as ClaimTransition[]).filter((a) => !(CLAIM_TRANSITIONS[a].from as readonly string[]).includes(status));
      expect(illegal.length).toBeGreaterThan(0);
      for (const action of illegal) {
        const res = await act(manager, claim, action, action === 'assess' ? assessment() : { reason: 'Try' });
        expect([action, res.status, res.body.code, res.body.currentStatus]).toEqual([action, 409, 'CLAIM_INVALID_TRANSITION', status]);
      }
      expect((await getClaim(agent, claim.id)).version).toBe(claim.version);
    }
    // Paid → closed, with its history row.
    const closed = (await act(adjuster.session, paid, 'close').expect(200)).body;
    expect(closed.status).toBe('closed');
    const history = (await request(w.t.app).get(`/api/claims/${paid.id}/history`).set(agent.auth).expect(200)).body.items;
    expect(history.slice(-2).map((h: Body) => [h.fromStatus, h.toStatus])).toEqual([
      ['approved', 'paid'],
      ['paid', 'closed'],
    ]);
  });

  it('shows an open claim’s age in days since the first notice, on its page and in the worklist; a finished one has none', async () => {
    const open = await claimIn(['submit']);
    const draft = await claimIn([]);
    expect(open.ageDays).toBe(0);
    w.t.clock.set('2027-01-14T09:00:00Z'); // three days later
    try {
      const fresh = await w.as('agent');
      expect((await getClaim(fresh, open.id)).ageDays).toBe(3);
      const rows = (await request(w.t.app).get(`/api/claims?policyId=${policy.policy.id}&limit=100`).set(fresh.auth).expect(200)).body.items;
      expect(rows.find((c: Body) => c.id === open.id).ageDays).toBe(3);
      expect(rows.find((c: Body) => c.id === draft.id).ageDays).toBe(3);
      const withdrawn = (await act(fresh, await getClaim(fresh, draft.id), 'withdraw', { reason: 'Reported twice' }).expect(200)).body;
      expect(withdrawn.ageDays).toBeNull();
    } finally {
      w.t.clock.set(`${START}T10:00:00Z`);
    }
  });

  it('needs the current version: a stale If-Match → 412, none → 428', async () => {
    const claim = await claimIn([]);
    expect((await act(agent, { ...claim, version: claim.version + 1 }, 'submit').expect(412)).body.code).toBe('VERSION_MISMATCH');
    await request(w.t.app).post(`/api/claims/${claim.id}/submit`).set(agent.auth).send({}).expect(428);
    expect((await getClaim(agent, claim.id)).status).toBe('draft');
  });
});

describe('branch scope', () => {
  it("hides another branch's claims: 404 on read and on a transition, absent from its list", async () => {
    const claim = await claimIn([]);
    const outsider = await w.as('agent', w.otherBranch);
    await request(w.t.app).get(`/api/claims/${claim.id}`).set(outsider.auth).expect(404);
    await act(outsider, claim, 'submit').expect(404);
    const theirs = (await request(w.t.app).get('/api/claims?limit=100').set(outsider.auth).expect(200)).body.items;
    expect(theirs.map((c: Body) => c.id)).not.toContain(claim.id);
    // Nor may they report a loss on a policy of another branch.
    await create(outsider, fnol()).expect(404);
    const ours = (await request(w.t.app).get(`/api/claims?policyId=${policy.policy.id}&status=draft&limit=100`).set(agent.auth).expect(200)).body.items;
    expect(ours.map((c: Body) => c.id)).toContain(claim.id);
    expect(ours.every((c: Body) => c.status === 'draft')).toBe(true);
  });
});

describe('assignment and notes', () => {
  it('assigns to the least loaded adjuster of the branch, or to a named one; lists mine and unassigned', async () => {
    const branch = (await makeBranch(w.t.db)).id;
    const branchPolicy = await w.issuedPolicy({ productId, branchId: branch });
    const branchAgent = await w.as('agent', branch);
    const [a, b] = [await w.userAs('claims_adjuster', branch), await w.userAs('claims_adjuster', branch)];
    const senior = await w.as('senior_agent', branch);
    const newClaim = async () => (await create(branchAgent, fnol({ policyId: branchPolicy.policy.id })).expect(201)).body;

    const unassigned = (await request(w.t.app).get('/api/claims?assignee=unassigned').set(senior.auth).expect(200)).body.items;
    const first = await newClaim();
    expect((await request(w.t.app).get('/api/claims?assignee=unassigned').set(senior.auth).expect(200)).body.items).toHaveLength(unassigned.length + 1);
    const one = (await request(w.t.app).post(`/api/claims/${first.id}/assign`).set(senior.auth).set('If-Match', `"${first.version}"`).send({}).expect(200)).body;
    const second = await newClaim();
    const two = (await request(w.t.app).post(`/api/claims/${second.id}/assign`).set(senior.auth).set('If-Match', `"${second.version}"`).send({}).expect(200)).body;
    expect(new Set([one.assignee.id, two.assignee.id])).toEqual(new Set([a.userId, b.userId]));
    const mine = (await request(w.t.app).get('/api/claims?assignee=me').set(a.session.auth).expect(200)).body.items;
    expect(mine.map((c: Body) => c.id)).toEqual([one.assignee.id === a.userId ? first.id : second.id]);

    // Manually: to an adjuster of the branch, never to an agent.
    const third = await newClaim();
    const bad = await request(w.t.app)
      .post(`/api/claims/${third.id}/assign`)
      .set(senior.auth)
      .set('If-Match', `"${third.version}"`)
      .send({ assigneeId: (await w.userAs('agent', branch)).userId });
    expect(bad.body.code).toBe('CLAIM_ASSIGNEE_INVALID');
    const manual = (await request(w.t.app).post(`/api/claims/${third.id}/assign`).set(senior.auth).set('If-Match', `"${third.version}"`).send({ assigneeId: b.userId }).expect(200))
      .body;
    expect(manual.assignee.id).toBe(b.userId);
    expect(await w.t.db('audit_log').where({ entity_id: third.id, action: 'claim.assign' })).toHaveLength(1);
  });

  it('sends a coverage-doubtful claim to an adjuster first: assigned at submission to the least loaded one of its branch; a covered one waits unassigned', async () => {
    const branch = (await makeBranch(w.t.db)).id;
    const branchPolicy = await w.issuedPolicy({ productId, branchId: branch });
    const branchAgent = await w.as('agent', branch);
    const submit = async (body: object) => {
      const draft = (await create(branchAgent, fnol({ policyId: branchPolicy.policy.id, ...body })).expect(201)).body;
      expect(draft.assignee).toBeNull();
      return (await act(branchAgent, draft, 'submit').expect(200)).body;
    };
    // No adjuster in the branch yet: the doubtful claim is still lodged (the agent is on the phone), unassigned.
    const alone = await submit({ lossType: 'fire', description: 'The kitchen burnt down' });
    expect(alone).toMatchObject({ status: 'submitted', coverageDoubtful: true, assignee: null });

    const [busy, free] = [await w.userAs('claims_adjuster', branch), await w.userAs('claims_adjuster', branch)];
    const senior = await w.as('senior_agent', branch);
    const taken = (await create(branchAgent, fnol({ policyId: branchPolicy.policy.id })).expect(201)).body;
    await request(w.t.app).post(`/api/claims/${taken.id}/assign`).set(senior.auth).set('If-Match', `"${taken.version}"`).send({ assigneeId: busy.userId }).expect(200);

    const doubtful = await submit({ lossType: 'fire', description: 'The kitchen burnt down' });
    expect(doubtful).toMatchObject({ coverageDoubtful: true, assignee: { id: free.userId } });
    const audit = await w.t.db('audit_log').where({ entity_id: doubtful.id, action: 'claim.assign' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ metadata: { mode: 'coverage_doubtful' } });
    expect(audit[0].changes).toEqual({ assigneeId: { before: null, after: free.userId } });
    // A covered claim waits in the unassigned queue for whoever takes it.
    const covered = await submit({});
    expect(covered).toMatchObject({ coverageDoubtful: false, assignee: null });
    // The adjusters' queue of doubtful claims.
    const doubtfulList = (await request(w.t.app).get('/api/claims?coverageDoubtful=true&limit=100').set(senior.auth).expect(200)).body.items;
    expect(doubtfulList.map((c: Body) => c.id).sort()).toEqual([alone.id, doubtful.id].sort());
    const coveredList = (await request(w.t.app).get('/api/claims?coverageDoubtful=false&limit=100').set(senior.auth).expect(200)).body.items;
    expect(coveredList.map((c: Body) => c.id)).toEqual(expect.arrayContaining([covered.id, taken.id]));
    expect(coveredList.some((c: Body) => c.coverageDoubtful)).toBe(false);
    await request(w.t.app).get('/api/claims?coverageDoubtful=maybe').set(senior.auth).expect(400);
  });

  it('orders the worklist newest first, or oldest first by age (sort=createdAt), a page at a time', async () => {
    const branch = (await makeBranch(w.t.db)).id;
    const branchPolicy = await w.issuedPolicy({ productId, branchId: branch });
    const branchAgent = await w.as('agent', branch);
    const ids: string[] = [];
    try {
      for (const minute of ['01', '02', '03']) {
        w.t.clock.set(`${START}T10:${minute}:00Z`);
        ids.push((await create(branchAgent, fnol({ policyId: branchPolicy.policy.id })).expect(201)).body.id);
      }
    } finally {
      w.t.clock.set(`${START}T10:00:00Z`);
    }
    const pages = async (sort?: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string> = { limit: '2', ...(sort ? { sort } : {}), ...(cursor ? { cursor } : {}) };
        const body: Body = (await request(w.t.app).get('/api/claims').query(query).set(branchAgent.auth).expect(200)).body;
        seen.push(...body.items.map((c: Body) => c.id));
        cursor = body.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await pages()).toEqual([...ids].reverse());
    expect(await pages('-createdAt')).toEqual([...ids].reverse());
    expect(await pages('createdAt')).toEqual(ids);
    expect((await request(w.t.app).get('/api/claims?sort=ageDays').set(branchAgent.auth).expect(400)).body.errors[0].path).toBe('query.sort');
  });

  it('keeps internal notes (adjusters write, staff read; agents may not write)', async () => {
    const claim = await claimIn([]);
    await request(w.t.app).post(`/api/claims/${claim.id}/notes`).set(agent.auth).send({ body: 'x' }).expect(403);
    const note = (await request(w.t.app).post(`/api/claims/${claim.id}/notes`).set(adjuster.session.auth).send({ body: 'Called the hospital' }).expect(201)).body;
    expect(note).toMatchObject({ body: 'Called the hospital', createdBy: { id: adjuster.userId } });
    const notes = (await request(w.t.app).get(`/api/claims/${claim.id}/notes`).set(agent.auth).expect(200)).body.items;
    expect(notes.map((n: Body) => n.body)).toEqual(['Called the hospital']);
  });
});

describe('internal notes stay internal', () => {
  it('keeps a note’s text out of what the claimant is sent (the acknowledgement and the decision) and out of the audit trail', async () => {
    const secret = `Neighbour says the insured was seen alive ${Date.now()}`;
    let claim = await claimIn(['submit', 'start-investigation']);
    await request(w.t.app).post(`/api/claims/${claim.id}/notes`).set(adjuster.session.auth).send({ body: secret }).expect(201);
    claim = await getClaim(adjuster.session, claim.id);
    claim = (await act(adjuster.session, claim, 'assess', assessment()).expect(200)).body;
    claim = (await act(decider, claim, 'approve').expect(200)).body;
    const sent = await w.t.db('notification_outbox').whereLike('idempotency_key', `claim:${claim.id}:%`);
    expect(sent.map((m) => m.idempotency_key).sort()).toEqual([`claim:${claim.id}:acknowledgement`, `claim:${claim.id}:decision:approved`]);
    expect(JSON.stringify(sent)).not.toContain(secret);
    expect(JSON.stringify(await w.t.db('audit_log').where({ entity_id: claim.id }))).not.toContain(secret);
    // Staff read it on the claim.
    expect((await request(w.t.app).get(`/api/claims/${claim.id}/notes`).set(agent.auth).expect(200)).body.items.map((n: Body) => n.body)).toEqual([secret]);
  });
});

describe('reserves', () => {
  it('sets the indemnity reserve at submission from the claimed amount, posted to the ledger (balanced, once per change)', async () => {
    const before = await claimsReserveBalance();
    const claim = await claimIn(['submit'], { claimedAmount: 10_000_00 });
    expect(claim.reserves).toEqual([{ coverage: 'DEATH', kind: 'indemnity', amount: 10_000_00 }]);
    expect(claim.outstandingReserve).toBe(10_000_00);
    expect((await claimsReserveBalance()) - before).toBe(10_000_00);
    const { changes } = (await request(w.t.app).get(`/api/claims/${claim.id}/reserves`).set(agent.auth).expect(200)).body;
    expect(changes).toEqual([expect.objectContaining({ status: 'posted', previousAmount: 0, newAmount: 10_000_00, journalEntryId: expect.any(String) })]);
    const [entry] = await w.entriesOf('claim_reserve', changes[0].id);
    expect(entry.external_id).toBe(`claim-reserve:${changes[0].id}`);
    const postings = await w.postingsOf(entry.id);
    expect(postings.map((p) => [p.kind, p.direction, Number(p.amount)]).sort()).toEqual([
      ['claims_incurred', 'debit', 10_000_00],
      ['claims_reserve', 'credit', 10_000_00],
    ]);
    await expectLedgerBalanced();
  });

  it('caps the submission reserve at the sum insured, and holds it pending above the adjusters’ limit', async () => {
    const claim = await claimIn(['submit'], { claimedAmount: 900_000_00 });
    expect(claim.reserves).toEqual([]);
    const { changes } = (await request(w.t.app).get(`/api/claims/${claim.id}/reserves`).set(agent.auth).expect(200)).body;
    expect(changes).toEqual([expect.objectContaining({ status: 'pending', newAmount: 250_000_00, journalEntryId: null })]);
  });

  it('changes a reserve only with a reason; above the limit it waits for someone else with the limit', async () => {
    let claim = await claimIn(['submit', 'start-investigation'], { claimedAmount: 10_000_00 });
    const before = await claimsReserveBalance();
    await reserveOf(adjuster.session, claim, { coverage: 'DEATH', kind: 'indemnity', amount: 20_000_00 }).expect(400);
    expect((await reserveOf(adjuster.session, claim, { coverage: 'FIRE', kind: 'indemnity', amount: 1, reason: 'x' }).expect(400)).body.code).toBe('CLAIM_COVERAGE_INVALID');
    expect((await reserveOf(adjuster.session, claim, { coverage: 'DEATH', kind: 'indemnity', amount: 10_000_00, reason: 'Same' }).expect(409)).body.code).toBe(
      'CLAIM_RESERVE_UNCHANGED',
    );
    // Within the limit: posted at once (an expense reserve beside the indemnity one).
    let reserves = (await reserveOf(adjuster.session, claim, { coverage: 'DEATH', kind: 'expense', amount: 1_000_00, reason: 'Medical examiner' }).expect(200)).body;
    expect(reserves.outstandingReserve).toBe(11_000_00);
    // Above the adjuster's 25,000 limit (the claim's total): pending, nothing posted.
    reserves = (
      await reserveOf(
        adjuster.session,
        { id: claim.id, version: reserves.claimVersion },
        { coverage: 'DEATH', kind: 'indemnity', amount: 40_000_00, reason: 'Funeral costs too' },
      ).expect(200)
    ).body;
    const pending = reserves.changes.at(-1);
    expect(pending).toMatchObject({ status: 'pending', previousAmount: 10_000_00, newAmount: 40_000_00 });
    expect(reserves.outstandingReserve).toBe(11_000_00);
    expect((await claimsReserveBalance()) - before).toBe(1_000_00);
    claim = await getClaim(adjuster.session, claim.id);
    const decide = (session: Session, body: object, version = claim.version) =>
      request(w.t.app).post(`/api/claims/${claim.id}/reserve-changes/${pending.id}/decision`).set(session.auth).set('If-Match', `"${version}"`).send(body);
    expect((await reserveOf(adjuster.session, claim, { coverage: 'DEATH', kind: 'indemnity', amount: 30_000_00, reason: 'Again' }).expect(409)).body.code).toBe(
      'CLAIM_RESERVE_PENDING',
    );
    // Not the requester; not another adjuster (limit 25,000); a manager (500,000) may.
    expect((await decide(adjuster.session, { decision: 'approve' }).expect(409)).body.code).toBe('FOUR_EYES');
    expect((await decide(await w.as('claims_adjuster'), { decision: 'approve' }).expect(403)).body.code).toBe('APPROVAL_LIMIT_EXCEEDED');
    await decide(manager, { decision: 'approve' }, claim.version + 1).expect(412);
    reserves = (await decide(manager, { decision: 'approve', note: 'Agreed' }).expect(200)).body;
    expect(reserves.outstandingReserve).toBe(41_000_00);
    expect(reserves.changes.find((c: Body) => c.id === pending.id)).toMatchObject({
      status: 'posted',
      decidedBy: { name: expect.any(String) },
      journalEntryId: expect.any(String),
    });
    expect((await claimsReserveBalance()) - before).toBe(31_000_00);
    expect((await decide(manager, { decision: 'approve' }, reserves.claimVersion).expect(409)).body.code).toBe('CLAIM_RESERVE_NOT_PENDING');

    // Lowering is posted at once, whatever the limit: the reserve is released.
    reserves = (
      await reserveOf(
        adjuster.session,
        { id: claim.id, version: reserves.claimVersion },
        { coverage: 'DEATH', kind: 'indemnity', amount: 5_000_00, reason: 'Invoices came in lower' },
      ).expect(200)
    ).body;
    expect(reserves.outstandingReserve).toBe(6_000_00);
    expect((await claimsReserveBalance()) - before).toBe(-4_000_00);
    await expectLedgerBalanced();
    expect(await w.t.db('audit_log').where({ entity_id: claim.id }).whereIn('action', ['claim.reserve_change', 'claim.reserve_decide'])).toHaveLength(5);
  });

  it('posts a pending change once when several managers approve it at the same time', async () => {
    const claim = await claimIn(['submit'], { claimedAmount: 60_000_00 });
    const pending = (await request(w.t.app).get(`/api/claims/${claim.id}/reserves`).set(agent.auth).expect(200)).body.changes[0];
    expect(pending.status).toBe('pending');
    const managers = await Promise.all(Array.from({ length: 8 }, () => w.as('manager')));
    const answers = await Promise.all(
      managers.map((m) =>
        request(w.t.app).post(`/api/claims/${claim.id}/reserve-changes/${pending.id}/decision`).set(m.auth).set('If-Match', `"${claim.version}"`).send({ decision: 'approve' }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.every((a) => [200, 412].includes(a.status))).toBe(true);
    expect(await w.entriesOf('claim_reserve', pending.id)).toHaveLength(1);
    expect((await getClaim(agent, claim.id)).outstandingReserve).toBe(60_000_00);
    await expectLedgerBalanced();
  });
});

describe('documents', () => {
  const upload = (session: Session, claimId: string, code: string, bytes: Buffer = pdf(), filename = 'scan.pdf') =>
    request(w.t.app).post(`/api/claims/${claimId}/documents`).set(session.auth).field('code', code).attach('file', bytes, { filename, contentType: 'application/pdf' });
  const review = (session: Session, claimId: string, documentId: string, verdict: 'verify' | 'reject', body: object = {}) =>
    request(w.t.app).post(`/api/claims/${claimId}/documents/${documentId}/${verdict}`).set(session.auth).send(body);
  const checklist = async (claimId: string) => (await getClaim(agent, claimId)).documents.map((d: Body) => [d.code, d.status]);

  it('keeps the loss type’s checklist: uploads by the desk, verified or rejected (with the reason) by an adjuster, a new upload after a rejection', async () => {
    const claim = (await create(agent, fnol()).expect(201)).body;
    expect(claim.documents.map((d: Body) => [d.code, d.name, d.status])).toEqual([
      ['DEATH_CERTIFICATE', 'Death certificate', 'missing'],
      ['MEDICAL_RECORDS', 'Medical records', 'missing'],
    ]);
    const certificate = (await upload(agent, claim.id, 'DEATH_CERTIFICATE').expect(201)).body;
    expect(certificate).toMatchObject({ code: 'DEATH_CERTIFICATE', contentType: 'application/pdf', status: 'uploaded' });
    expect((await upload(agent, claim.id, 'POLICE_REPORT').expect(400)).body.errors[0]).toMatchObject({ path: 'code', message: expect.stringContaining('DEATH_CERTIFICATE') });
    await upload(agent, claim.id, 'MEDICAL_RECORDS', Buffer.from('MZ\x90\x00 not a document'), 'records.pdf').expect(415);
    // A draft's documents wait for its submission to be reviewed.
    expect((await review(adjuster.session, claim.id, certificate.id, 'verify').expect(409)).body.code).toBe('CLAIM_CLOSED');

    const submitted = await withReferralCleared(w.t.app, manager, (await act(agent, claim, 'submit').expect(200)).body);
    await review(agent, claim.id, certificate.id, 'verify').expect(403);
    const verified = (await review(adjuster.session, claim.id, certificate.id, 'verify').expect(200)).body;
    expect(verified.documents[0]).toMatchObject({ status: 'verified', document: { id: certificate.id, reviewedAt: expect.any(String) } });
    expect((await review(adjuster.session, claim.id, certificate.id, 'reject', { reason: 'Too late' }).expect(409)).body.code).toBe('DOCUMENT_ALREADY_REVIEWED');

    const records = (await upload(agent, claim.id, 'MEDICAL_RECORDS').expect(201)).body;
    await review(adjuster.session, claim.id, records.id, 'reject', {}).expect(400);
    const rejected = (await review(adjuster.session, claim.id, records.id, 'reject', { reason: 'Pages 2 to 4 are missing' }).expect(200)).body;
    expect(rejected.documents[1]).toMatchObject({ status: 'rejected', document: { rejectionReason: 'Pages 2 to 4 are missing' } });
    await upload(agent, claim.id, 'MEDICAL_RECORDS').expect(201);
    expect(await checklist(claim.id)).toEqual([
      ['DEATH_CERTIFICATE', 'verified'],
      ['MEDICAL_RECORDS', 'uploaded'],
    ]);
    // Whoever reads the claim downloads its documents; another branch sees neither.
    await request(w.t.app).get(`/api/documents/${certificate.id}/content`).set(agent.auth).expect(200);
    const outsider = await w.as('claims_adjuster', w.otherBranch);
    await request(w.t.app).get(`/api/documents/${certificate.id}/content`).set(outsider.auth).expect(404);
    await upload(outsider, claim.id, 'MEDICAL_RECORDS').expect(404);
    expect(await w.t.db('audit_log').where({ action: 'document.upload' }).whereRaw("metadata->>'ownerId' = ?", [claim.id])).toHaveLength(3);

    // A withdrawn claim takes no more documents.
    const withdrawn = (await act(agent, await getClaim(agent, submitted.id), 'withdraw', { reason: 'Reported twice' }).expect(200)).body;
    expect((await upload(agent, withdrawn.id, 'MEDICAL_RECORDS').expect(409)).body).toMatchObject({ code: 'CLAIM_CLOSED', currentStatus: 'withdrawn' });
  });
});
