// Fast-track claims (issue 21) on a real PostgreSQL: a first notice of loss the product version's rule
// admits is approved and paid straight through at submission by the claims automation user, within its
// own approval limit, through the same reserve, approval, ledger and payment path as any claim, and
// audited with the rule; each condition of the rule that fails keeps the claim in the adjusters' queue
// with its reason; a manager switches fast-track off per product (off unless configured); a straight
// through that dies mid-way leaves nothing half-written and the retry job completes it; the daily
// review sample is taken once per day even with two workers at once, and an adjuster reviews it.
import request from 'supertest';
import { publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { addDays } from '../../../platform/calendar';
import { ConflictError } from '../../../platform/errors';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { ClaimFastTrack, FAST_TRACK_RETRY_JOB, FAST_TRACK_SAMPLE_JOB } from '../claim-fast-track';
import { ClaimPayments } from '../claim-payments';

let w: BillingWorld;
type Body = request.Response['body'];
const USD = 'USD';
const START = '2027-01-11';
/** Far enough from the policies' start that the fraud rules' early-loss window is over. */
const LOSS = addDays(START, 75);
const TODAY = addDays(LOSS, 1);
const RULE = { lossTypes: ['accident'], maxAmount: 2_000_00, samplePercent: 50 };
const SYSTEM_LIMIT = 1_000_00;
let product: { id: string };
let agent: Session;
let manager: Session;
let adjuster: Session;

beforeAll(async () => {
  w = await billingWorld('policydesk_claim_fast_track', { startAt: `${START}T10:00:00Z` });
  const now = new Date();
  await w.t.db('approval_limits').insert([
    { role: 'claims_adjuster', kind: 'claim_amount', currency: USD, max_amount: 25_000_00, revision: 1, updated_at: now },
    { role: 'manager', kind: 'claim_amount', currency: USD, max_amount: 100_000_00, revision: 1, updated_at: now },
    { role: 'claims_automation', kind: 'claim_amount', currency: USD, max_amount: SYSTEM_LIMIT, revision: 1, updated_at: now },
  ]);
  const definition = {
    ...termLife,
    claims: {
      lossTypes: [
        { lossType: 'death', coverages: ['DEATH'] },
        { lossType: 'accident', coverages: ['ADB'] },
      ],
      fastTrack: RULE,
    },
  };
  product = await publishProduct(w.t, w.admin, { code: 'CFT', name: 'Fast-track term life', category: 'life', definition });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

async function logIn() {
  agent = await w.as('agent');
  manager = await w.as('manager');
  adjuster = await w.as('claims_adjuster');
}

/** A policy of the fast-track product issued at START, its customer's identity verified unless asked not to. */
async function policy({ verified = true, productId = product.id, branchId = w.branch } = {}): Promise<IssuedPolicy> {
  w.t.clock.set(`${START}T10:00:00Z`);
  const p = await w.issuedPolicy({ productId, branchId });
  if (verified) {
    const a = await w.as('agent', branchId);
    const m = await w.as('manager', branchId);
    const customer = (await request(w.t.app).get(`/api/customers/${p.customer.id}`).set(a.auth).expect(200)).body;
    const doc = { documentType: 'passport', documentNumber: 'X12345678', issuingCountry: 'US', expiryDate: '2032-01-01' };
    const v = (await request(w.t.app).post(`/api/customers/${p.customer.id}/kyc/verifications`).set(a.auth).set('If-Match', `"${customer.version}"`).send(doc).expect(201)).body;
    await request(w.t.app).post(`/api/customers/${p.customer.id}/kyc/verifications/${v.id}/verify`).set(m.auth).set('If-Match', `"${v.version}"`).send({}).expect(200);
  }
  w.t.clock.set(`${TODAY}T10:00:00Z`);
  await logIn();
  return p;
}

/** Records and submits a first notice of loss on `p` (as `by`, default the agent): the submission's response. */
async function fnol(p: IssuedPolicy, claim: { lossType?: string; claimedAmount?: number | null; lossDate?: string } = {}, by: Session = agent): Promise<Body> {
  const body: Record<string, unknown> = {
    policyId: p.policy.id,
    lossDate: claim.lossDate ?? LOSS,
    lossType: claim.lossType ?? 'accident',
    description: 'Slipped on the stairs at home and broke a wrist',
    location: 'Springfield',
    reporter: { kind: 'policyholder', name: 'Pat Holder', phone: '(555) 123-4567' },
  };
  if (claim.claimedAmount !== null) body.claimedAmount = claim.claimedAmount ?? 500_00;
  const draft = (await request(w.t.app).post('/api/claims').set(by.auth).send(body).expect(201)).body;
  expect(draft.fastTrack).toBeNull();
  return (await request(w.t.app).post(`/api/claims/${draft.id}/submit`).set(by.auth).set('If-Match', `"${draft.version}"`).send({}).expect(200)).body;
}
const codes = (claim: Body) => claim.fastTrack.reasons.map((r: Body) => r.code);
const get = async (id: string, as: Session = agent): Promise<Body> => (await request(w.t.app).get(`/api/claims/${id}`).set(as.auth).expect(200)).body;
const auditOf = (claimId: string, action: string) => w.t.db('audit_log').where({ entity_type: 'claim', entity_id: claimId, action }).orderBy('id');

describe('a claim the rule admits', () => {
  it('is approved and paid straight through at submission by the claims automation user: reserve, approval, ledger and payment as any claim, audited with the rule', async () => {
    const p = await policy();
    const started = Date.now();
    const claim = await fnol(p, { claimedAmount: 500_00 });
    expect(Date.now() - started).toBeLessThan(5_000);

    expect(claim).toMatchObject({ status: 'paid', approvedAmount: 500_00, paidAmount: 500_00, outstandingReserve: 0, referral: null });
    expect(claim.fraud.indicators).toEqual([]);
    expect(claim.fastTrack).toMatchObject({
      status: 'paid',
      reasons: [],
      rule: RULE,
      productVersion: { id: expect.any(String), productName: 'Fast-track term life', versionNumber: 1 },
      suspended: false,
      paymentNumber: expect.stringMatching(/^CP-/),
      review: null,
    });
    // The system user: a real, inactive user in the claims automation role, who approved within its own limit.
    const system = await w.t.db('users').where({ email: 'claims-fast-track@system.invalid' }).first();
    expect(system).toMatchObject({ role: 'claims_automation', active: false });
    expect(claim.assessment).toMatchObject({ decision: 'approve', reasonCode: 'APPROVED_IN_FULL', total: 500_00, assessedBy: { id: system.id } });
    expect(claim.assessment.approvals).toEqual([expect.objectContaining({ level: 1, amount: 500_00, approvedBy: { id: system.id, name: 'Fast-track claims (automatic)' } })]);
    const approval = await w.t.db('claim_approvals').where({ claim_id: claim.id }).first();
    expect(Number(approval.approver_limit)).toBe(SYSTEM_LIMIT);

    // Paid to the policyholder through the ledger; the reserve set at submission consumed by it.
    const payments = (await request(w.t.app).get(`/api/claims/${claim.id}/payments`).set(agent.auth).expect(200)).body;
    expect(payments.items).toEqual([
      expect.objectContaining({
        paymentNumber: claim.fastTrack.paymentNumber,
        coverage: 'ADB',
        amount: 500_00,
        final: true,
        payee: expect.objectContaining({ kind: 'policyholder' }),
      }),
    ]);
    expect(payments.items[0].paidBy.id).toBe(system.id);
    const postings = await w.postingsOf(payments.items[0].journalEntryId);
    const sum = (d: string) => postings.filter((x) => x.direction === d).reduce((s, x) => s + Number(x.amount), 0);
    expect(sum('debit')).toBe(sum('credit'));
    expect(sum('debit')).toBeGreaterThan(0);
    for (const t of await w.trialTotals()) expect(t.debits).toBe(t.credits);
    const reserveChanges = (await request(w.t.app).get(`/api/claims/${claim.id}/reserves`).set(agent.auth).expect(200)).body.changes;
    expect(reserveChanges.map((c: Body) => [c.status, c.previousAmount, c.newAmount])).toEqual(
      expect.arrayContaining([
        ['posted', 0, 500_00],
        ['posted', 500_00, 0],
      ]),
    );

    // History names the rule at each step; the audit keeps its snapshot.
    const history = (await request(w.t.app).get(`/api/claims/${claim.id}/history`).set(agent.auth).expect(200)).body.items;
    const reasons = history.map((h: Body) => `${h.toStatus}: ${h.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^under_investigation: Fast-track: admitted by the rule of Fast-track term life version 1 \(accident up to/),
        expect.stringMatching(/^approved: Fast-track: admitted by the rule/),
        `paid: Settled by ${claim.fastTrack.paymentNumber}`,
      ]),
    );
    const audits = await auditOf(claim.id, 'claim.fast_track');
    expect(audits.map((a) => a.metadata.outcome)).toEqual(['pending', 'paid']);
    expect(audits[1].metadata).toMatchObject({ rule: RULE, reasons: [], paymentNumber: claim.fastTrack.paymentNumber, productVersion: { versionNumber: 1 } });
    expect(audits[1].actor_user_id).toBe(system.id);
    expect((await auditOf(claim.id, 'claim.approve'))[0].metadata).toMatchObject({ mode: 'fast_track', limit: SYSTEM_LIMIT });
    expect((await w.t.db('claims').where({ fast_track_status: 'paid' }).pluck('id')).includes(claim.id)).toBe(true);
    const listed = (await request(w.t.app).get(`/api/claims?fastTrack=paid&policyId=${p.policy.id}`).set(agent.auth).expect(200)).body.items;
    expect(listed.map((c: Body) => [c.id, c.fastTrackStatus])).toEqual([[claim.id, 'paid']]);
  });
});

describe('a claim the rule does not admit goes to the adjusters’ queue with the reason', () => {
  const refused = async (p: IssuedPolicy, claim: Parameters<typeof fnol>[1]) => {
    const submitted = await fnol(p, claim);
    expect(submitted).toMatchObject({ status: 'submitted', approvedAmount: null, paidAmount: 0 });
    expect(submitted.fastTrack.status).toBe('refused');
    expect(await w.t.db('claim_payments').where({ claim_id: submitted.id })).toEqual([]);
    expect((await auditOf(submitted.id, 'claim.fast_track')).map((a) => [a.metadata.outcome, a.metadata.rule])).toEqual([['refused', RULE]]);
    return submitted;
  };

  it('a kind of loss the rule does not admit', async () => {
    const claim = await refused(await policy(), { lossType: 'death' });
    expect(claim.fastTrack.reasons).toEqual([{ code: 'LOSS_TYPE_NOT_ADMITTED', reason: 'A death claim is not fast-tracked (the rule admits accident).' }]);
    expect(claim.assignee).toBeNull();
    const queue = (await request(w.t.app).get('/api/claims?assignee=unassigned&status=submitted&fastTrack=refused').set(adjuster.auth).expect(200)).body.items;
    expect(queue.map((c: Body) => c.id)).toContain(claim.id);
  });

  it('an amount above the maximum (also above the system’s limit), and none at all', async () => {
    expect(codes(await refused(await policy(), { claimedAmount: 2_500_00 }))).toEqual(['ABOVE_MAXIMUM', 'ABOVE_SYSTEM_LIMIT']);
    expect(codes(await refused(await policy(), { claimedAmount: null }))).toEqual(['NO_AMOUNT']);
  });

  it('coverage not confirmed on the loss date', async () => {
    const claim = await refused(await policy(), { lossDate: addDays(START, -3) });
    expect(codes(claim)).toEqual(['COVERAGE_NOT_CONFIRMED']);
    expect(claim.fastTrack.reasons[0].reason).toMatch(/^Coverage on the loss date is not confirmed: /);
  });

  it('a fraud indicator', async () => {
    const claim = await refused(await policy(), { lossDate: addDays(START, 20) });
    expect(codes(claim)).toEqual(['FRAUD_INDICATOR']);
    expect(claim.fastTrack.reasons[0].reason).toMatch(/^Fraud indicators: EARLY_LOSS/);
  });

  it('another open claim on the policy', async () => {
    const p = await policy();
    const first = await refused(p, { lossType: 'death', lossDate: addDays(LOSS, -5) });
    const claim = await refused(p, {});
    expect(claim.fastTrack.reasons).toEqual([{ code: 'OPEN_CLAIM_ON_POLICY', reason: `Another claim on the policy is not settled: ${first.claimNumber}.` }]);
  });

  it('the customer’s identity not verified', async () => {
    const claim = await refused(await policy({ verified: false }), {});
    expect(claim.fraud.indicators.map((i: Body) => i.code)).toEqual(['KYC_NOT_VERIFIED']);
    expect(claim.fastTrack.reasons).toEqual([{ code: 'IDENTITY_NOT_VERIFIED', reason: "The customer's identity (KYC) is not verified." }]);
  });

  it('above the claims automation role’s approval limit (within the rule’s maximum): the system never approves beyond its own limit', async () => {
    const claim = await refused(await policy(), { claimedAmount: 1_500_00 });
    expect(claim.fastTrack.reasons).toEqual([{ code: 'ABOVE_SYSTEM_LIMIT', reason: "1,500.00 USD is above the claims automation role's approval limit of 1,000.00 USD." }]);
    expect(await w.t.db('claim_approvals').where({ claim_id: claim.id })).toEqual([]);
  });
});

describe('switching fast-track off', () => {
  it('is off unless configured, and a manager switches it off (and on) per product, audited; agents may not', async () => {
    // The world's own term life has no rule.
    const plain = await fnol(await policy({ productId: w.productId }), { lossType: 'death' });
    expect(plain.fastTrack.reasons.map((r: Body) => r.code)).toEqual(['NOT_CONFIGURED']);

    const p = await policy();
    const current = (await request(w.t.app).get(`/api/products/${product.id}`).set(manager.auth).expect(200)).body;
    expect(current.fastTrackSuspended).toBe(false);
    const put = (as: Session, version: number, body: object) =>
      request(w.t.app).put(`/api/products/${product.id}/fast-track`).set(as.auth).set('If-Match', `"${version}"`).send(body);
    await put(agent, current.version, { suspended: true, reason: 'Glass fraud ring' }).expect(403);
    expect((await put(manager, current.version, { suspended: true, reason: '' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const off = (await put(manager, current.version, { suspended: true, reason: 'Glass fraud ring in the news' }).expect(200)).body;
    expect(off.fastTrackSuspended).toBe(true);
    await put(manager, current.version, { suspended: false, reason: 'stale' }).expect(412);

    const claim = await fnol(p, {});
    expect(claim.status).toBe('submitted');
    expect(claim.fastTrack).toMatchObject({ status: 'refused', suspended: true, reasons: [{ code: 'SWITCHED_OFF', reason: 'Fast-track is switched off for this product.' }] });
    const audit = await w.t.db('audit_log').where({ entity_type: 'product', entity_id: product.id, action: 'product.fast_track' }).first();
    expect(audit.metadata).toMatchObject({ reason: 'Glass fraud ring in the news' });

    const on = (await put(manager, off.version, { suspended: false, reason: 'Ring arrested' }).expect(200)).body;
    expect(on.fastTrackSuspended).toBe(false);
    expect((await fnol(await policy(), {})).status).toBe('paid');
  });
});

describe('dying mid-way', () => {
  it('leaves nothing half-written when the straight-through fails at the payment, and the retry job completes it once, even run twice at once', async () => {
    const p = await policy();
    const payment = jest.spyOn(ClaimPayments.prototype, 'payStraightThrough').mockRejectedValueOnce(new Error('connection lost'));
    const claim = await fnol(p, { claimedAmount: 400_00 });
    payment.mockRestore();
    // Investigation, assessment and approval were rolled back with the failed payment: still submitted and pending.
    expect(claim).toMatchObject({ status: 'submitted', assessment: null, approvedAmount: null, paidAmount: 0, outstandingReserve: 400_00 });
    expect(claim.fastTrack.status).toBe('pending');
    expect(await w.t.db('claim_approvals').where({ claim_id: claim.id })).toEqual([]);
    expect((await request(w.t.app).get(`/api/claims/${claim.id}/history`).set(agent.auth).expect(200)).body.items.map((h: Body) => h.toStatus)).toEqual(['draft', 'submitted']);

    // Not yet its turn (the submitting request may still be at it), then the job finishes it; two runs at once pay once.
    await w.t.jobs.runNow(FAST_TRACK_RETRY_JOB, {});
    expect((await get(claim.id)).fastTrack.status).toBe('pending');
    w.t.clock.advance(60_000);
    await Promise.all([w.t.jobs.runNow(FAST_TRACK_RETRY_JOB, {}), w.t.jobs.runNow(FAST_TRACK_RETRY_JOB, {})]);
    await logIn();
    const paid = await get(claim.id);
    expect(paid).toMatchObject({ status: 'paid', paidAmount: 400_00, fastTrack: { status: 'paid' } });
    expect(await w.t.db('claim_payments').where({ claim_id: claim.id })).toHaveLength(1);
    for (const t of await w.trialTotals()) expect(t.debits).toBe(t.credits);
  });

  it('refused on the way by a rule every claim obeys (here the reserve): rolled back whole, the claim goes to the queue with the reason', async () => {
    const p = await policy();
    const payment = jest
      .spyOn(ClaimPayments.prototype, 'payStraightThrough')
      .mockRejectedValueOnce(new ConflictError('CLAIM_PAYMENT_EXCEEDS_RESERVE', 'The ADB indemnity reserve holds 0: raise it first.'));
    const claim = await fnol(p, { claimedAmount: 300_00 });
    payment.mockRestore();
    expect(claim).toMatchObject({ status: 'submitted', assessment: null, approvedAmount: null, paidAmount: 0, outstandingReserve: 300_00 });
    expect(claim.fastTrack).toMatchObject({
      status: 'refused',
      rule: RULE,
      reasons: [{ code: 'STRAIGHT_THROUGH_FAILED', reason: 'CLAIM_PAYMENT_EXCEEDS_RESERVE: The ADB indemnity reserve holds 0: raise it first.' }],
    });
    expect((await auditOf(claim.id, 'claim.fast_track')).map((a) => a.metadata.outcome)).toEqual(['pending', 'refused']);
  });

  it('a process that dies right after the submission commits leaves the claim pending; the retry job pays it', async () => {
    const p = await policy();
    const after = jest.spyOn(ClaimFastTrack.prototype, 'afterSubmission').mockResolvedValueOnce(undefined);
    const claim = await fnol(p, {});
    after.mockRestore();
    expect(claim).toMatchObject({ status: 'submitted', fastTrack: { status: 'pending', reasons: [] } });
    w.t.clock.advance(60_000);
    await w.t.jobs.runNow(FAST_TRACK_RETRY_JOB, {});
    await logIn();
    expect(await get(claim.id)).toMatchObject({ status: 'paid', paidAmount: 500_00 });
  });
});

describe('the daily review sample', () => {
  it('gives a sample of the day’s fast-tracked claims to an adjuster exactly once, even with two workers at once; the adjuster reviews it', async () => {
    // A day of its own, in the other branch (its only adjuster reviews).
    const day = addDays(TODAY, 3);
    const paid: Body[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await policy({ branchId: w.otherBranch });
      w.t.clock.set(`${day}T10:00:00Z`);
      await logIn();
      const a = await w.as('agent', w.otherBranch);
      paid.push(await fnol(p, {}, a));
    }
    expect(paid.map((c) => c.status)).toEqual(['paid', 'paid', 'paid']);
    const reviewer = await w.userAs('claims_adjuster', w.otherBranch);

    await Promise.all([w.t.jobs.runNow(FAST_TRACK_SAMPLE_JOB, { date: day }), w.t.jobs.runNow(FAST_TRACK_SAMPLE_JOB, { date: day })]);
    await w.t.jobs.runNow(FAST_TRACK_SAMPLE_JOB, { date: day });
    const samples = await w.t.db('claim_fast_track_samples').where({ sample_date: day });
    expect(samples).toHaveLength(1);
    expect(samples[0].fast_tracked).toBe(3);
    // 50 % of 3, rounded up.
    expect(samples[0].claim_ids).toHaveLength(2);
    const flagged = await w.t
      .db('claims')
      .whereIn(
        'id',
        paid.map((c) => c.id),
      )
      .whereNotNull('fast_track_review');
    expect(flagged.map((c) => c.id).sort()).toEqual([...samples[0].claim_ids].sort());
    expect(flagged.every((c) => c.fast_track_review === 'pending' && c.fast_track_reviewer_id === reviewer.userId)).toBe(true);
    expect(
      await w.t
        .db('audit_log')
        .where({ action: 'claim.fast_track_sample' })
        .whereIn(
          'entity_id',
          paid.map((c) => c.id),
        ),
    ).toHaveLength(2);

    // The reviewer's worklist, and the review (once).
    const mine = (await request(w.t.app).get('/api/claims?fastTrackReview=pending&fastTrackReviewer=me').set(reviewer.session.auth).expect(200)).body.items;
    expect(mine.map((c: Body) => c.id).sort()).toEqual([...samples[0].claim_ids].sort());
    const work = (await request(w.t.app).get('/api/my-work').set(reviewer.session.auth).expect(200)).body.items;
    expect(
      work
        .filter((i: Body) => i.kind === 'claim')
        .map((i: Body) => i.claim.id)
        .sort(),
    ).toEqual([...samples[0].claim_ids].sort());
    const one = await get(samples[0].claim_ids[0], reviewer.session);
    expect(one.fastTrack.review).toEqual({ status: 'pending', reviewer: { id: reviewer.userId, name: expect.any(String) }, note: null });
    const review = (claim: Body, note: string) =>
      request(w.t.app).post(`/api/claims/${claim.id}/fast-track-review`).set(reviewer.session.auth).set('If-Match', `"${claim.version}"`).send({ note });
    const reviewed = (await review(one, 'Photos and invoice match the payment').expect(200)).body;
    expect(reviewed.fastTrack.review).toMatchObject({ status: 'reviewed', note: 'Photos and invoice match the payment' });
    expect((await review(reviewed, 'Again').expect(409)).body.code).toBe('CLAIM_FAST_TRACK_NOT_IN_REVIEW');
    const notSampled = paid.find((c) => !samples[0].claim_ids.includes(c.id))!;
    expect((await review(await get(notSampled.id, reviewer.session), 'x y z').expect(409)).body.code).toBe('CLAIM_FAST_TRACK_NOT_IN_REVIEW');
  });
});
