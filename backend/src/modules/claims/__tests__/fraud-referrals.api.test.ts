// Fraud indicators and referrals on a real PostgreSQL: the rules run at submission on the claim's
// real facts (policy start, grace, KYC, other claims, the sum insured), a referred claim waits in the
// managers' queue and is neither approved nor paid until a manager clears it with a reason (not
// whoever referred it); an adjuster refers a claim by hand, even between two payments; upholding a
// referral rejects the claim and releases its reserve; other branches see none of it.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { addDays } from '../../../platform/calendar';
import { MARK_OVERDUE_JOB, RAISE_INVOICES_JOB } from '../../billing';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { REVIEW_STANDING_JOB } from '../../policies';
import { termLife } from '../../products/rating/__tests__/fixtures';

let w: BillingWorld;
type Body = request.Response['body'];
const USD = 'USD';
const START = '2027-01-11';
let productId: string;
let agent: Session;
let adjuster: Session;
let secondAdjuster: Session;
let manager: { session: Session; userId: string };
let otherManager: Session;

beforeAll(async () => {
  w = await billingWorld('policydesk_claim_fraud', { startAt: `${START}T10:00:00Z` });
  const now = new Date();
  await w.t.db('approval_limits').insert([
    { role: 'claims_adjuster', kind: 'claim_amount', currency: USD, max_amount: 25_000_00, revision: 1, updated_at: now },
    { role: 'manager', kind: 'claim_amount', currency: USD, max_amount: 100_000_00, revision: 1, updated_at: now },
  ]);
  const definition = { ...termLife, claims: { lossTypes: [{ lossType: 'death', coverages: ['DEATH', 'ADB'] }] } };
  productId = (await publishProduct(w.t, w.admin, { code: 'CLF', name: 'Fraud rules term life', category: 'life', definition })).id;
  await logInAll();
}, PROCESS_TEST_TIMEOUT_MS);

async function logInAll() {
  agent = await w.as('agent');
  adjuster = await w.as('claims_adjuster');
  secondAdjuster = await w.as('claims_adjuster');
  manager = await w.userAs('manager');
  otherManager = await w.as('manager', w.otherBranch);
}
/** Time only moves forward here; sessions are logged in again at the new time. */
async function moveTo(date: string) {
  w.t.clock.set(`${date}T10:00:00Z`);
  await logInAll();
}
afterAll(() => w.close());

const act = (session: Session, claim: { id: string; version: number }, action: string, body: object = {}) =>
  request(w.t.app).post(`/api/claims/${claim.id}/${action}`).set(session.auth).set('If-Match', `"${claim.version}"`).send(body);
const decide = (session: Session, claim: { id: string; version: number }, body: object) =>
  request(w.t.app).post(`/api/claims/${claim.id}/referral/decision`).set(session.auth).set('If-Match', `"${claim.version}"`).send(body);
const get = async (session: Session, id: string): Promise<Body> => (await request(w.t.app).get(`/api/claims/${id}`).set(session.auth).expect(200)).body;
const queue = async (session: Session): Promise<Body[]> => (await request(w.t.app).get('/api/claims?referral=open').set(session.auth).expect(200)).body.items;
const pay = (session: Session, claimId: string, amount: number, final = false) =>
  request(w.t.app)
    .post(`/api/claims/${claimId}/payments`)
    .set(session.auth)
    .set('Idempotency-Key', randomUUID())
    .send({ coverage: 'DEATH', amount, final, payee: { kind: 'beneficiary', name: 'Sam Heir' }, method: 'bank_transfer' });
const issued = () => w.issuedPolicy({ productId }); // DEATH 250,000.00 and ADB 50,000.00

/** A submitted death claim on `p` (by `by`, default the agent). */
async function submitted(p: IssuedPolicy, lossDate: string, claimedAmount: number, by: Session = agent): Promise<Body> {
  const draft = (
    await request(w.t.app)
      .post('/api/claims')
      .set(by.auth)
      .send({
        policyId: p.policy.id,
        lossDate,
        lossType: 'death',
        description: 'The insured died',
        location: 'Springfield',
        reporter: { kind: 'beneficiary', name: 'Sam Heir', phone: '(555) 123-4567' },
        claimedAmount,
      })
      .expect(201)
  ).body;
  expect(draft).toMatchObject({ fraud: null, referral: null });
  return (await act(by, draft, 'submit').expect(200)).body;
}

/** Investigated and assessed in full at `loss` by the adjuster. */
async function assessed(claim: Body, loss: number): Promise<Body> {
  const investigating = (await act(adjuster, claim, 'start-investigation').expect(200)).body;
  return (await act(adjuster, investigating, 'assess', { lines: [{ coverage: 'DEATH', lossAmount: loss }], decision: 'approve', reasonCode: 'APPROVED_IN_FULL' }).expect(200)).body;
}

async function verifyKyc(customerId: string) {
  const customer = (await request(w.t.app).get(`/api/customers/${customerId}`).set(agent.auth).expect(200)).body;
  const doc = { documentType: 'passport', documentNumber: 'X12345678', issuingCountry: 'US', expiryDate: '2032-01-01' };
  const v = (await request(w.t.app).post(`/api/customers/${customerId}/kyc/verifications`).set(agent.auth).set('If-Match', `"${customer.version}"`).send(doc).expect(201)).body;
  await request(w.t.app).post(`/api/customers/${customerId}/kyc/verifications/${v.id}/verify`).set(manager.session.auth).set('If-Match', `"${v.version}"`).send({}).expect(200);
}
const codes = (claim: Body) => claim.fraud.indicators.map((i: Body) => i.code);

describe('fraud indicators at submission', () => {
  it('flags a loss in the grace period (with the early loss and an unverified KYC)', async () => {
    const inGrace = await issued();
    // The first installment falls due on the start date and is not paid: the next night the policy is in grace.
    for (const date of [START, addDays(START, 1)]) {
      await moveTo(date);
      for (const job of [RAISE_INVOICES_JOB, MARK_OVERDUE_JOB, REVIEW_STANDING_JOB]) await w.t.jobs.runNow(job, {});
    }
    expect((await request(w.t.app).get(`/api/policies/${inGrace.policy.id}`).set(agent.auth).expect(200)).body.status).toBe('grace');
    const claim = await submitted(inGrace, addDays(START, 1), 1_000_00);
    expect(codes(claim)).toEqual(['EARLY_LOSS', 'LOSS_IN_GRACE', 'KYC_NOT_VERIFIED']);
    expect(claim.fraud).toMatchObject({ score: 65, threshold: 50, evaluatedAt: expect.any(String) });
    expect(claim.fraud.indicators[1].reason).toBe(`The policy was in its grace period on ${addDays(START, 1)}: a premium was overdue.`);
    expect(claim.referral).toMatchObject({ status: 'open', source: 'rules', score: 65 });
  });

  it('refers an early loss claimed near the sum insured: every indicator with its reason, in the managers’ queue', async () => {
    const p = await issued();
    const claim = await submitted(p, p.policy.startDate, 240_000_00);
    expect(claim.fraud.indicators).toEqual([
      { code: 'EARLY_LOSS', weight: 30, severe: false, reason: `The loss was 0 days after the policy started (${p.policy.startDate}); the rule looks at the first 60 days.` },
      { code: 'NEAR_SUM_INSURED', weight: 25, severe: false, reason: '240,000.00 USD claimed is 96% of the 250,000.00 USD sum insured.' },
      { code: 'KYC_NOT_VERIFIED', weight: 15, severe: false, reason: "The customer's identity (KYC) is not verified." },
    ]);
    expect(claim.fraud.score).toBe(70);
    expect(claim.referral).toMatchObject({ status: 'open', source: 'rules', score: 70, referredBy: { id: expect.any(String) }, decidedBy: null, decisionNote: null });
    expect(claim.referral.reason).toMatch(/^Fraud indicators scored 70 \(threshold 50\): The loss was 0 days/);
    expect((await queue(manager.session)).find((c) => c.id === claim.id)).toMatchObject({ referralStatus: 'open', fraudScore: 70 });
    expect(await w.t.db('audit_log').where({ entity_id: claim.id, action: 'claim.refer' })).toHaveLength(1);

    // Neither approved nor paid while referred; the agent may not decide; a decision needs its reason.
    const ready = await assessed(claim, 20_000_00);
    expect((await act(secondAdjuster, ready, 'approve').expect(409)).body).toMatchObject({ code: 'CLAIM_REFERRED', referralStatus: 'open' });
    await decide(agent, ready, { decision: 'clear', note: 'Fine' }).expect(403);
    expect((await decide(manager.session, ready, { decision: 'clear' }).expect(400)).body.errors[0].path).toBe('note');
    await decide(otherManager, ready, { decision: 'clear', note: 'Not mine' }).expect(404);

    const cleared = (await decide(manager.session, ready, { decision: 'clear', note: 'Death certificate and hospital records check out' }).expect(200)).body;
    expect(cleared.referral).toMatchObject({ status: 'cleared', decidedBy: { id: manager.userId }, decisionNote: 'Death certificate and hospital records check out' });
    expect(cleared.status).toBe('assessed');
    expect((await decide(manager.session, cleared, { decision: 'uphold', note: 'Again' }).expect(409)).body.code).toBe('CLAIM_REFERRAL_NOT_OPEN');
    expect((await queue(manager.session)).map((c) => c.id)).not.toContain(claim.id);
    const audit = await w.t.db('audit_log').where({ entity_id: claim.id, action: 'claim.referral_decide' }).first();
    expect(audit.changes).toEqual({ referralStatus: { before: 'open', after: 'cleared' } });

    const approved = (await act(secondAdjuster, cleared, 'approve').expect(200)).body;
    expect(approved.status).toBe('approved');
    // The referral no longer stands in the way: the payment meets the next guard (the 240,000.00 reserve asked
    // for at submission waits for someone with that limit; payments themselves are claim-payments' tests).
    expect((await pay(adjuster, claim.id, 20_000_00, true).expect(409)).body.code).toBe('CLAIM_PAYMENT_EXCEEDS_RESERVE');
    // A decided referral is history: the database refuses to change it.
    await expect(w.t.db('claim_referrals').where({ claim_id: claim.id }).update({ status: 'open' })).rejects.toThrow(/decided referral/);
  });

  it('passes a clean claim, then flags a duplicate (severe: referred alone) and frequent claims by their numbers', async () => {
    const p = await issued();
    await verifyKyc(p.customer.id);
    const later = addDays(p.policy.startDate, 70);
    await moveTo(addDays(later, 1));
    {
      const clean = await submitted(p, later, 5_000_00);
      expect(clean.fraud).toMatchObject({ indicators: [], score: 0 });
      expect(clean.referral).toBeNull();

      const duplicate = await submitted(p, later, 5_000_00);
      expect(duplicate.fraud.indicators).toEqual([{ code: 'DUPLICATE_CLAIM', weight: 50, severe: true, reason: `Same policy, loss type and loss date as ${clean.claimNumber}.` }]);
      expect(duplicate.referral.status).toBe('open');

      // A third loss on another date: two other claims within 12 months of it (withdrawn ones do not count).
      const withdrawn = (await act(agent, await submitted(p, addDays(later, -10), 1_00), 'withdraw', { reason: 'Reported by mistake' }).expect(200)).body;
      expect(withdrawn.status).toBe('withdrawn');
      const third = await submitted(p, addDays(later, -1), 5_000_00);
      expect(codes(third)).toEqual(['FREQUENT_CLAIMS']);
      expect(third.fraud.indicators[0].reason).toBe(
        `2 other claims on the policy or the customer with a loss within 12 months of this one: ${clean.claimNumber}, ${duplicate.claimNumber}.`,
      );
      expect(third.fraud.score).toBe(25);
      expect(third.referral).toBeNull();
    }
  });
});

describe('referrals', () => {
  it('an adjuster refers an approved claim between two payments: the next waits; upheld, the claim is rejected and its reserve released', async () => {
    const p = await issued();
    await verifyKyc(p.customer.id);
    const later = addDays(p.policy.startDate, 90);
    await moveTo(addDays(later, 1));
    {
      const claim = await submitted(p, later, 10_000_00);
      expect(claim.referral).toBeNull();
      const approved = (await act(secondAdjuster, await assessed(claim, 8_000_00), 'approve').expect(200)).body;
      await pay(adjuster, claim.id, 3_000_00).expect(201);

      let current = await get(adjuster, claim.id);
      await request(w.t.app).post(`/api/claims/${claim.id}/refer`).set(agent.auth).set('If-Match', `"${current.version}"`).send({ reason: 'x' }).expect(403);
      const referred = (await act(adjuster, current, 'refer', { reason: 'The beneficiary changed the bank account twice in a week' }).expect(200)).body;
      expect(referred.referral).toMatchObject({ status: 'open', source: 'adjuster', reason: 'The beneficiary changed the bank account twice in a week', score: 0 });
      expect((await act(adjuster, referred, 'refer', { reason: 'Again' }).expect(409)).body.code).toBe('CLAIM_ALREADY_REFERRED');
      expect((await pay(adjuster, claim.id, 1_000_00).expect(409)).body).toMatchObject({ code: 'CLAIM_REFERRED', referralStatus: 'open' });

      const upheld = (await decide(manager.session, referred, { decision: 'uphold', note: 'Account belongs to a third party: misrepresentation' }).expect(200)).body;
      expect(upheld).toMatchObject({ status: 'rejected', paidAmount: 3_000_00, outstandingReserve: 0, referral: { status: 'upheld' } });
      expect(approved.decidedAt).toBe(upheld.decidedAt); // decided once: the approval's time stands
      const history = (await request(w.t.app).get(`/api/claims/${claim.id}/history`).set(adjuster.auth).expect(200)).body.items;
      expect(history.at(-1)).toMatchObject({ fromStatus: 'approved', toStatus: 'rejected', reason: 'Fraud referral upheld: Account belongs to a third party: misrepresentation' });
      const reserves = (await request(w.t.app).get(`/api/claims/${claim.id}/reserves`).set(adjuster.auth).expect(200)).body;
      expect(reserves.changes.at(-1)).toMatchObject({ previousAmount: 7_000_00, newAmount: 0, reason: 'Released: the fraud referral was upheld', status: 'posted' });
      expect((await pay(adjuster, claim.id, 1_000_00).expect(409)).body.code).toBe('CLAIM_NOT_PAYABLE');
      // A rejected claim closes as any other; it is no longer referable.
      current = (await act(adjuster, upheld, 'close').expect(200)).body;
      expect((await act(adjuster, current, 'refer', { reason: 'Late' }).expect(409)).body.code).toBe('CLAIM_NOT_OPEN');
      for (const row of await w.trialTotals()) expect(row.debits).toBe(row.credits);
    }
  });

  it('whoever referred or submitted a claim does not decide its referral (four-eyes); another manager does', async () => {
    const p = await issued();
    const claim = await submitted(p, p.policy.startDate, 249_000_00, manager.session);
    expect(claim.referral.status).toBe('open');
    expect((await decide(manager.session, claim, { decision: 'clear', note: 'Mine' }).expect(409)).body.code).toBe('FOUR_EYES');
    const colleague = await w.as('manager');
    const upheld = (await decide(colleague, claim, { decision: 'uphold', note: 'Policy bought the day of the death' }).expect(200)).body;
    expect(upheld).toMatchObject({ status: 'rejected', processingBusinessDays: 0, referral: { status: 'upheld' } });
  });

  it('keeps other branches out: 404 on refer and decide, nothing in their queue', async () => {
    const p = await issued();
    const claim = await submitted(p, p.policy.startDate, 245_000_00);
    const outsider = await w.as('claims_adjuster', w.otherBranch);
    await act(outsider, claim, 'refer', { reason: 'Not mine' }).expect(404);
    await decide(otherManager, claim, { decision: 'uphold', note: 'Not mine' }).expect(404);
    expect((await queue(otherManager)).map((c) => c.id)).not.toContain(claim.id);
    expect((await queue(manager.session)).map((c) => c.id)).toContain(claim.id);
  });
});

describe('an early loss after cover (re)started later than the policy (the policy’s own servicing)', () => {
  const quoteTx = (session: Session, policyId: string, body: object) => request(w.t.app).post(`/api/policies/${policyId}/transactions`).set(session.auth).send(body);
  const issueTx = (session: Session, tx: { id: string; version: number }) =>
    request(w.t.app).post(`/api/policy-transactions/${tx.id}/issue`).set(session.auth).set('If-Match', `"${tx.version}"`).send({});
  const nightOf = async (date: string) => {
    await moveTo(date);
    for (const job of [RAISE_INVOICES_JOB, MARK_OVERDUE_JOB, REVIEW_STANDING_JOB]) await w.t.jobs.runNow(job, {});
  };

  it('flags a loss within 60 days of a sum-insured increase, and of a reinstatement, though the policy started long before', async () => {
    // A sum-insured increase 61 days after the start, the loss 4 days after it.
    const raised = await issued();
    await verifyKyc(raised.customer.id);
    const raisedOn = addDays(raised.policy.startDate, 61);
    await moveTo(raisedOn);
    const endorsement = (
      await quoteTx(agent, raised.policy.id, {
        type: 'endorsement',
        effectiveDate: raisedOn,
        requestedBy: 'policyholder',
        reason: 'More cover for the mortgage',
        changes: {
          coverages: [
            { code: 'DEATH', sumInsured: 300_000_00 },
            { code: 'ADB', sumInsured: 50_000_00 },
          ],
        },
      }).expect(201)
    ).body;
    await issueTx(agent, endorsement).expect(200);
    await moveTo(addDays(raisedOn, 5));
    const afterRaise = await submitted(raised, addDays(raisedOn, 4), 5_000_00);
    expect(afterRaise.fraud.indicators).toEqual([
      {
        code: 'EARLY_LOSS',
        weight: 30,
        severe: false,
        reason: `The loss was 4 days after the DEATH sum insured rose from 250,000.00 USD to 300,000.00 USD (${raisedOn}); the rule looks at the first 60 days.`,
      },
    ]);

    // A policy that lapsed (its first premium never paid) and was reinstated 70 days after its start; the loss 5 days later.
    const lapsing = await issued();
    await verifyKyc(lapsing.customer.id);
    const start = lapsing.policy.startDate;
    await nightOf(start);
    await nightOf(addDays(start, 1));
    await nightOf(addDays(start, 33)); // 31 days of grace after the due date: lapsed
    expect((await request(w.t.app).get(`/api/policies/${lapsing.policy.id}`).set(agent.auth).expect(200)).body.status).toBe('lapsed');
    const reinstatedOn = addDays(start, 70);
    await moveTo(reinstatedOn);
    const reinstatement = (await quoteTx(agent, lapsing.policy.id, { type: 'reinstatement', requestedBy: 'policyholder', reason: 'Paid and asked to restore cover' }).expect(201))
      .body;
    await w
      .pay(agent, {
        customerId: lapsing.customer.id,
        method: 'bank_transfer',
        reference: `BT-${reinstatement.id}`,
        amount: reinstatement.quote.reinstatement.arrears.toPay,
        currency: USD,
      })
      .expect(201);
    await issueTx(agent, reinstatement).expect(200);
    await moveTo(addDays(reinstatedOn, 6));
    const afterReinstatement = await submitted(lapsing, addDays(reinstatedOn, 5), 5_000_00);
    expect(afterReinstatement.coverageDoubtful).toBe(false);
    expect(afterReinstatement.fraud.indicators).toEqual([
      { code: 'EARLY_LOSS', weight: 30, severe: false, reason: `The loss was 5 days after the policy was reinstated (${reinstatedOn}); the rule looks at the first 60 days.` },
    ]);
    expect(afterReinstatement.referral).toBeNull();
  });
});
