// Assessment and approval by amount on a real PostgreSQL: the amount per coverage never above the
// remaining sum insured (earlier claims count), the decision with its reason code, approval within
// the shared claim_amount limits (adjuster, then manager, then a second approver above the manager's
// limit), four-eyes (whoever assessed — or gave the first approval — cannot approve), the decision
// bound to the assessment's, branch scope, and 20 concurrent approvals of which exactly one wins.
import request from 'supertest';
import { publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { withReferralCleared } from './claim-fixtures';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';

let w: BillingWorld;
type Body = request.Response['body'];
const USD = 'USD';
let policy: IssuedPolicy;
let productId: string;
let agent: Session;
let adjuster: Session;
let secondAdjuster: Session;
let manager: Session;
const START = '2027-01-11';

beforeAll(async () => {
  w = await billingWorld('policydesk_claim_approvals', { startAt: `${START}T10:00:00Z` });
  const now = new Date();
  await w.t.db('approval_limits').insert([
    { role: 'claims_adjuster', kind: 'claim_amount', currency: USD, max_amount: 25_000_00, revision: 1, updated_at: now },
    { role: 'senior_agent', kind: 'claim_amount', currency: USD, max_amount: 35_000_00, revision: 1, updated_at: now },
    { role: 'manager', kind: 'claim_amount', currency: USD, max_amount: 50_000_00, revision: 1, updated_at: now },
    { role: 'admin', kind: 'claim_amount', currency: USD, max_amount: 1_000_000_00, revision: 1, updated_at: now },
  ]);
  const definition = {
    ...termLife,
    claims: {
      lossTypes: [
        { lossType: 'death', coverages: ['DEATH', 'ADB'] },
        { lossType: 'accident', coverages: ['ADB'] },
      ],
    },
  };
  productId = (await publishProduct(w.t, w.admin, { code: 'CLA', name: 'Claim approvals term life', category: 'life', definition })).id;
  policy = await w.issuedPolicy({ productId });
  agent = await w.as('agent');
  adjuster = await w.as('claims_adjuster');
  secondAdjuster = await w.as('claims_adjuster');
  manager = await w.as('manager');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const act = (session: Session, claim: { id: string; version: number }, action: string, body: object = {}) =>
  request(w.t.app).post(`/api/claims/${claim.id}/${action}`).set(session.auth).set('If-Match', `"${claim.version}"`).send(body);

/** A submitted claim under investigation by the adjuster. */
async function investigated(overrides: object = {}, p: IssuedPolicy = policy): Promise<Body> {
  let claim = (
    await request(w.t.app)
      .post('/api/claims')
      .set(agent.auth)
      .send({
        policyId: p.policy.id,
        lossDate: START,
        lossType: 'death',
        description: 'The insured died',
        location: 'Springfield',
        reporter: { kind: 'beneficiary', name: 'Sam Heir', phone: '(555) 123-4567' },
        ...overrides,
      })
      .expect(201)
  ).body;
  claim = await withReferralCleared(w.t.app, manager, (await act(agent, claim, 'submit').expect(200)).body);
  return (await act(adjuster, claim, 'start-investigation').expect(200)).body;
}

const approveAll = (coverage: string, lossAmount: number) => ({ lines: [{ coverage, lossAmount }], decision: 'approve', reasonCode: 'APPROVED_IN_FULL' });
async function assessed(lossAmount: number, coverage = 'DEATH', lossType = 'death', p: IssuedPolicy = policy): Promise<Body> {
  const claim = await investigated({ lossType }, p);
  return (await act(adjuster, claim, 'assess', approveAll(coverage, lossAmount)).expect(200)).body;
}

describe('assessment', () => {
  it('stores the amount per coverage, the decision and its reason code, with history and audit', async () => {
    const claim = await assessed(10_000_00);
    expect(claim.status).toBe('assessed');
    expect(claim.assessment).toMatchObject({
      round: 1,
      total: 10_000_00,
      decision: 'approve',
      reasonCode: 'APPROVED_IN_FULL',
      approvalsRequired: 1,
      approvals: [],
      lines: [{ coverage: 'DEATH', lossAmount: 10_000_00, sumInsured: 250_000_00, usedByOtherClaims: 0, deductible: 0, payable: 10_000_00 }],
    });
    const audit = await w.t.db('audit_log').where({ entity_id: claim.id, action: 'claim.assess' });
    expect(audit).toHaveLength(1);
  });

  it('counts earlier approved claims on the coverage: the payable amount is capped at the remaining sum insured', async () => {
    const p = await w.issuedPolicy({ productId });
    const first = await assessed(30_000_00, 'ADB', 'accident', p);
    expect((await act(manager, first, 'approve').expect(200)).body.approvedAmount).toBe(30_000_00);
    const second = await assessed(40_000_00, 'ADB', 'accident', p);
    expect(second.assessment.lines[0]).toMatchObject({ sumInsured: 50_000_00, usedByOtherClaims: 30_000_00, remainingSumInsured: 20_000_00, payable: 20_000_00 });
    expect(second.assessment.total).toBe(20_000_00);
  });

  it('refuses an assessment that does not hold together (400) and one outside the investigation (409)', async () => {
    const claim = await investigated();
    const bad = async (body: object, code: string, path: string) => {
      const res = await act(adjuster, claim, 'assess', body).expect(400);
      expect([res.body.code, res.body.errors[0].path]).toEqual([code, path]);
    };
    await bad({ ...approveAll('DEATH', 1_00), reasonCode: 'EXCLUSION_APPLIES' }, 'CLAIM_ASSESSMENT_INVALID', 'reasonCode');
    await bad({ lines: [], decision: 'reject', reasonCode: 'EXCLUSION_APPLIES' }, 'CLAIM_ASSESSMENT_INVALID', 'reason');
    await bad(approveAll('DEATH', 0), 'CLAIM_ASSESSMENT_INVALID', 'lines');
    await bad(approveAll('COLLISION', 1_00), 'CLAIM_COVERAGE_INVALID', 'lines.0.coverage');
    await bad(
      {
        ...approveAll('DEATH', 1_00),
        lines: [
          { coverage: 'DEATH', lossAmount: 1 },
          { coverage: 'DEATH', lossAmount: 2 },
        ],
      },
      'CLAIM_ASSESSMENT_INVALID',
      'lines.1.coverage',
    );
    await act(adjuster, claim, 'assess', { ...approveAll('DEATH', -5) }).expect(400);
    // An agent may not assess; a submitted claim is not assessed.
    await act(agent, claim, 'assess', approveAll('DEATH', 1_00)).expect(403);
    const assessedClaim = (await act(adjuster, claim, 'assess', approveAll('DEATH', 1_00)).expect(200)).body;
    expect((await act(adjuster, assessedClaim, 'assess', approveAll('DEATH', 1_00)).expect(409)).body).toMatchObject({
      code: 'CLAIM_INVALID_TRANSITION',
      currentStatus: 'assessed',
    });
  });
});

describe('approval by amount', () => {
  it('lets another adjuster approve within the limit; whoever assessed cannot (409 FOUR_EYES)', async () => {
    const claim = await assessed(10_000_00);
    expect((await act(adjuster, claim, 'approve').expect(409)).body.code).toBe('FOUR_EYES');
    const approved = (await act(secondAdjuster, claim, 'approve').expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', approvedAmount: 10_000_00, assessment: { approvals: [{ level: 1, amount: 10_000_00 }] } });
  });

  it('sends an amount above the adjuster’s limit to a manager (403 APPROVAL_LIMIT_EXCEEDED for the adjuster)', async () => {
    const claim = await assessed(40_000_00);
    expect(claim.assessment.approvalsRequired).toBe(1);
    expect((await act(secondAdjuster, claim, 'approve').expect(403)).body.code).toBe('APPROVAL_LIMIT_EXCEEDED');
    expect((await act(manager, claim, 'approve').expect(200)).body.status).toBe('approved');
  });

  it('lets a senior agent approve above the adjuster’s limit within their own, and no further', async () => {
    const senior = await w.as('senior_agent');
    const within = await assessed(30_000_00);
    expect((await act(secondAdjuster, within, 'approve').expect(403)).body.code).toBe('APPROVAL_LIMIT_EXCEEDED');
    const approved = (await act(senior, within, 'approve').expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', approvedAmount: 30_000_00, assessment: { approvals: [{ level: 1, amount: 30_000_00 }] } });
    const above = await assessed(40_000_00);
    expect((await act(senior, above, 'approve').expect(403)).body.code).toBe('APPROVAL_LIMIT_EXCEEDED');
    expect((await act(manager, above, 'approve').expect(200)).body.status).toBe('approved');
  });

  it('needs two approvers above the manager’s limit: a manager first, then someone else with a higher limit', async () => {
    const claim = await assessed(100_000_00);
    expect(claim.assessment.approvalsRequired).toBe(2);
    // An adjuster cannot give the first approval (below the manager's limit).
    expect((await act(secondAdjuster, claim, 'approve').expect(403)).body.code).toBe('APPROVAL_LIMIT_EXCEEDED');
    const first = (await act(manager, claim, 'approve').expect(200)).body;
    expect(first).toMatchObject({ status: 'assessed', approvedAmount: null, assessment: { approvals: [{ level: 1 }] } });
    expect(first.version).toBe(claim.version + 1);
    // The first approver cannot be the second; another manager's limit is too low; an admin's covers it.
    expect((await act(manager, first, 'approve').expect(409)).body.code).toBe('FOUR_EYES');
    expect((await act(await w.as('manager'), first, 'approve').expect(403)).body.code).toBe('APPROVAL_LIMIT_EXCEEDED');
    const second = (await act(w.admin, first, 'approve').expect(200)).body;
    expect(second).toMatchObject({ status: 'approved', approvedAmount: 100_000_00, processingBusinessDays: 0 });
    expect(second.assessment.approvals.map((a: Body) => a.level)).toEqual([1, 2]);
    expect(await w.t.db('audit_log').where({ entity_id: claim.id, action: 'claim.approve' })).toHaveLength(2);
  });

  it('decides only what the assessment decided (409 CLAIM_DECISION_MISMATCH); a rejection needs no limit but four-eyes', async () => {
    const claim = await investigated();
    const rejected = (
      await act(adjuster, claim, 'assess', { lines: [], decision: 'reject', reasonCode: 'EXCLUSION_APPLIES', reason: 'Clause 7: suicide in the first year' }).expect(200)
    ).body;
    expect(rejected.assessment).toMatchObject({ total: 0, decision: 'reject', reason: 'Clause 7: suicide in the first year' });
    expect((await act(secondAdjuster, rejected, 'approve').expect(409)).body).toMatchObject({ code: 'CLAIM_DECISION_MISMATCH', assessmentDecision: 'reject' });
    expect((await act(adjuster, rejected, 'reject', { reason: 'Clause 7' }).expect(409)).body.code).toBe('FOUR_EYES');
    expect((await act(secondAdjuster, rejected, 'reject', { reason: 'Clause 7' }).expect(200)).body).toMatchObject({ status: 'rejected', approvedAmount: null });
  });

  it('lets exactly one of 20 concurrent approvals win', async () => {
    const claim = await assessed(10_000_00);
    const approvers = await Promise.all(Array.from({ length: 20 }, () => w.as('claims_adjuster')));
    const answers = await Promise.all(approvers.map((s) => act(s, claim, 'approve')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 412 || s === 409)).toBe(true);
    expect(await w.t.db('claim_approvals').where({ claim_id: claim.id })).toHaveLength(1);
    expect(await w.t.db('claim_status_history').where({ claim_id: claim.id, to_status: 'approved' })).toHaveLength(1);
  });

  it("hides another branch's claim from its staff (404 on assess and approve)", async () => {
    const claim = await assessed(1_000_00);
    const stranger = await w.as('manager', w.otherBranch);
    await act(stranger, claim, 'approve').expect(404);
    await act(stranger, claim, 'assess', approveAll('DEATH', 1_00)).expect(404);
  });
});

describe('an approved death claim on a life policy', () => {
  it('terminates the policy from the day after the death through policy servicing, with the premium after it settled; an accident claim does not', async () => {
    const life = await w.issuedPolicy({ productId });
    const accident = await assessed(10_000_00, 'ADB', 'accident', life);
    await act(secondAdjuster, accident, 'approve').expect(200);
    expect((await request(w.t.app).get(`/api/policies/${life.policy.id}`).set(agent.auth).expect(200)).body.status).toBe('active');

    const death = await assessed(20_000_00, 'DEATH', 'death', life);
    const approved = (await act(secondAdjuster, death, 'approve').expect(200)).body;
    expect(approved.status).toBe('approved');
    const after = (await request(w.t.app).get(`/api/policies/${life.policy.id}`).set(agent.auth).expect(200)).body;
    expect(after.status).toBe('terminated');
    expect(after.history.at(-1)).toMatchObject({
      fromStatus: 'active',
      toStatus: 'terminated',
      reason: expect.stringContaining(`${death.claimNumber}: the insured died on ${START}`),
    });
    const transactions = (await request(w.t.app).get(`/api/policies/${life.policy.id}/transactions`).set(agent.auth).expect(200)).body.items;
    const termination = transactions.find((t: Body) => t.type === 'termination');
    expect(termination).toMatchObject({
      status: 'issued',
      effectiveDate: '2027-01-12',
      requestedBy: 'insurer',
      changes: { cause: 'death', dateOfDeath: START, claimId: death.id, claimNumber: death.claimNumber },
    });
    // Nothing was billed yet: only the day of the death was earned, and that day alone is invoiced (nothing after it).
    expect(termination.billingEffect).toMatchObject({ kind: 'invoice' });
    expect(termination.billingEffect.amount).toBeGreaterThan(0);
    expect(termination.billingEffect.amount).toBeLessThanOrEqual(Math.ceil(after.annualPremium / 365));
    expect(await w.t.db('audit_log').where({ entity_id: life.policy.id, action: 'policy.transaction_issue' })).toHaveLength(1);
    for (const row of await w.trialTotals()) expect(row.debits).toBe(row.credits);
    // The day of the death was covered; the day after is not (two days on, after a fresh login).
    const coverOn = async (session: Session, lossDate: string) =>
      (await request(w.t.app).post('/api/claims/coverage-check').set(session.auth).send({ policyId: life.policy.id, lossDate, lossType: 'death' }).expect(200)).body.checks.find(
        (c: Body) => c.code === 'POLICY_IN_FORCE',
      );
    expect((await coverOn(agent, START)).passed).toBe(true);
    w.t.clock.set('2027-01-13T10:00:00Z');
    try {
      expect(await coverOn(await w.as('agent'), '2027-01-12')).toMatchObject({ passed: false });
    } finally {
      w.t.clock.set(`${START}T10:00:00Z`);
    }
  });
});
