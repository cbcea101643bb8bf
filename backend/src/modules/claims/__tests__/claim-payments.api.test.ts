// Claim payments on a real PostgreSQL: partial and final payments to a named payee through the
// ledger (reserve → cash clearing, incurred → paid), never above the approved amount or the
// coverage's indemnity reserve — also with 50 payments at once —, the final one releasing the
// reserve left and settling the claim; once per Idempotency-Key; permission, limit and branch scope.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { claimsAmountPoints } from '../customer-extensions';
import { withReferralCleared } from './claim-fixtures';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';

let w: BillingWorld;
type Body = request.Response['body'];
const USD = 'USD';
let policy: IssuedPolicy;
let agent: Session;
let adjuster: Session;
let secondAdjuster: Session;
let referralManager: Session;
const START = '2027-01-11';

beforeAll(async () => {
  w = await billingWorld('policydesk_claim_payments', { startAt: `${START}T10:00:00Z` });
  const now = new Date();
  await w.t.db('approval_limits').insert([
    { role: 'claims_adjuster', kind: 'claim_amount', currency: USD, max_amount: 25_000_00, revision: 1, updated_at: now },
    { role: 'manager', kind: 'claim_amount', currency: USD, max_amount: 100_000_00, revision: 1, updated_at: now },
  ]);
  const definition = { ...termLife, claims: { lossTypes: [{ lossType: 'death', coverages: ['DEATH', 'ADB'] }] } };
  const productId = (await publishProduct(w.t, w.admin, { code: 'CLP', name: 'Claim payments term life', category: 'life', definition })).id;
  policy = await w.issuedPolicy({ productId });
  agent = await w.as('agent');
  adjuster = await w.as('claims_adjuster');
  secondAdjuster = await w.as('claims_adjuster');
  referralManager = await w.as('manager');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const act = (session: Session, claim: { id: string; version: number }, action: string, body: object = {}) =>
  request(w.t.app).post(`/api/claims/${claim.id}/${action}`).set(session.auth).set('If-Match', `"${claim.version}"`).send(body);

/** A death claim with `claimed` as its DEATH reserve, assessed at `loss` and approved by another adjuster. */
async function approved(claimed: number, loss: number): Promise<Body> {
  let claim = (
    await request(w.t.app)
      .post('/api/claims')
      .set(agent.auth)
      .send({
        policyId: policy.policy.id,
        lossDate: START,
        lossType: 'death',
        description: 'The insured died',
        location: 'Springfield',
        reporter: { kind: 'beneficiary', name: 'Sam Heir', phone: '(555) 123-4567' },
        claimedAmount: claimed,
      })
      .expect(201)
  ).body;
  claim = await withReferralCleared(w.t.app, referralManager, (await act(agent, claim, 'submit').expect(200)).body);
  claim = (await act(adjuster, claim, 'start-investigation').expect(200)).body;
  claim = (await act(adjuster, claim, 'assess', { lines: [{ coverage: 'DEATH', lossAmount: loss }], decision: 'approve', reasonCode: 'APPROVED_IN_FULL' }).expect(200)).body;
  return (await act(secondAdjuster, claim, 'approve').expect(200)).body;
}

const pay = (session: Session, claimId: string, body: object, key: string = randomUUID()) =>
  request(w.t.app).post(`/api/claims/${claimId}/payments`).set(session.auth).set('Idempotency-Key', key).send(body);
const toHeir = (amount: number, extra: object = {}) => ({
  coverage: 'DEATH',
  amount,
  payee: { kind: 'beneficiary', name: 'Sam Heir', account: 'GB29NWBK60161331926819' },
  method: 'bank_transfer',
  ...extra,
});

describe('claim payments', () => {
  it('pays partly, then finally: each through the ledger, the reserve consumed, the rest released, the claim settled with history and audit', async () => {
    const claim = await approved(10_000_00, 8_000_00);
    expect(claim).toMatchObject({ status: 'approved', approvedAmount: 8_000_00, paidAmount: 0, outstandingReserve: 10_000_00 });

    const first = await pay(adjuster, claim.id, toHeir(3_000_00)).expect(201);
    expect(first.headers['location']).toBe(`/api/claims/${claim.id}/payments`);
    expect(first.body).toMatchObject({ paidAmount: 3_000_00, payableLeft: 5_000_00, claimStatus: 'approved' });
    expect(first.body.items).toEqual([
      expect.objectContaining({ paymentNumber: expect.stringMatching(/^CP-\d{6}$/), coverage: 'DEATH', amount: 3_000_00, final: false, method: 'bank_transfer' }),
    ]);
    expect(first.body.items[0].payee).toEqual({ kind: 'beneficiary', name: 'Sam Heir', account: 'GB29NWBK60161331926819' });
    let current = (await request(w.t.app).get(`/api/claims/${claim.id}`).set(adjuster.auth).expect(200)).body;
    expect(current).toMatchObject({ status: 'approved', paidAmount: 3_000_00, outstandingReserve: 7_000_00 });

    // The entry: the reserve paid out through bank transfers' cash clearing; incurred becomes paid.
    const postings = await w.t
      .db('postings as p')
      .join('ledger_accounts as a', 'a.id', 'p.account_id')
      .where('p.entry_id', first.body.items[0].journalEntryId)
      .select('a.kind', 'a.owner_key', 'p.direction', 'p.amount');
    expect(postings.map((p) => [p.kind, p.owner_key, p.direction, Number(p.amount)]).sort()).toEqual(
      [
        ['claims_reserve', '', 'debit', 3_000_00],
        ['cash_clearing', 'bank_transfer', 'credit', 3_000_00],
        ['claims_paid', '', 'debit', 3_000_00],
        ['claims_incurred', '', 'credit', 3_000_00],
      ].sort(),
    );

    const last = await pay(adjuster, claim.id, toHeir(2_000_00, { final: true, method: 'check', note: 'Balance after the funeral costs' })).expect(201);
    expect(last.body).toMatchObject({ paidAmount: 5_000_00, payableLeft: 0, claimStatus: 'paid' });
    current = (await request(w.t.app).get(`/api/claims/${claim.id}`).set(adjuster.auth).expect(200)).body;
    expect(current).toMatchObject({ status: 'paid', paidAmount: 5_000_00, outstandingReserve: 0 });
    const reserves = (await request(w.t.app).get(`/api/claims/${claim.id}/reserves`).set(adjuster.auth).expect(200)).body;
    expect(reserves.changes.map((c: Body) => [c.previousAmount, c.newAmount, c.reason])).toEqual(
      expect.arrayContaining([
        [10_000_00, 7_000_00, expect.stringMatching(/^Paid by CP-/)],
        [7_000_00, 5_000_00, expect.stringMatching(/^Paid by CP-/)],
        [5_000_00, 0, expect.stringMatching(/^Released at the final payment CP-/)],
      ]),
    );
    const history = (await request(w.t.app).get(`/api/claims/${claim.id}/history`).set(adjuster.auth).expect(200)).body;
    expect(JSON.stringify(history)).toMatch(/Settled by CP-/);
    const audits = await w.t.db('audit_log').where({ entity_type: 'claim', entity_id: claim.id, action: 'claim.pay' });
    expect(audits).toHaveLength(2);

    // A settled claim is paid no more; it closes as before.
    await pay(adjuster, claim.id, toHeir(1_00))
      .expect(409)
      .expect((r) => expect(r.body).toMatchObject({ code: 'CLAIM_NOT_PAYABLE', currentStatus: 'paid' }));
    // The claim's money in the ledger: reserved 10,000, paid 5,000, released 5,000; the books balance.
    const moved = await w.t
      .db('postings as p')
      .join('journal_entries as e', 'e.id', 'p.entry_id')
      .join('ledger_accounts as a', 'a.id', 'p.account_id')
      .where('e.description', 'like', `${claim.claimNumber}:%`)
      .groupBy('a.kind')
      .select('a.kind', w.t.db.raw("sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END)::bigint AS net"));
    const net = Object.fromEntries(moved.map((m) => [m.kind, Number(m.net)]));
    expect(net).toMatchObject({ claims_reserve: 0, claims_incurred: 0, claims_paid: 5_000_00, cash_clearing: -5_000_00 });
  });

  it('replays a retried payment (same Idempotency-Key) without paying twice, and needs the key', async () => {
    const claim = await approved(5_000_00, 5_000_00);
    const key = randomUUID();
    const once = await pay(adjuster, claim.id, toHeir(1_000_00), key).expect(201);
    const again = await pay(adjuster, claim.id, toHeir(1_000_00), key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(once.body);
    expect(await w.t.db('claim_payments').where({ claim_id: claim.id }).count('* as c')).toEqual([{ c: 1 }]);
    await request(w.t.app).post(`/api/claims/${claim.id}/payments`).set(adjuster.auth).send(toHeir(1_00)).expect(400);
  });

  it('refuses what must not be paid: not approved, above the approved amount or the reserve, a coverage not assessed, an unnamed payee', async () => {
    // Assessed, not yet approved.
    const pending = (
      await request(w.t.app)
        .post('/api/claims')
        .set(agent.auth)
        .send({
          policyId: policy.policy.id,
          lossDate: START,
          lossType: 'death',
          description: 'x',
          location: 'y',
          reporter: { kind: 'policyholder', name: 'P', phone: '(555) 123-4567' },
        })
        .expect(201)
    ).body;
    await pay(adjuster, pending.id, toHeir(1_00))
      .expect(409)
      .expect((r) => expect(r.body).toMatchObject({ code: 'CLAIM_NOT_PAYABLE', currentStatus: 'draft' }));
    const submitted = (await act(agent, pending, 'submit').expect(200)).body;
    await pay(adjuster, submitted.id, toHeir(1_00))
      .expect(409)
      .expect((r) => expect(r.body).toMatchObject({ code: 'CLAIM_NOT_PAYABLE', currentStatus: 'submitted' }));

    // Reserve 2,000 but 5,000 approved: the reserve caps the payment until it is raised.
    const claim = await approved(2_000_00, 5_000_00);
    await pay(adjuster, claim.id, toHeir(3_000_00))
      .expect(409)
      .expect((r) => expect(r.body).toMatchObject({ code: 'CLAIM_PAYMENT_EXCEEDS_RESERVE', reserve: 2_000_00 }));
    await pay(adjuster, claim.id, toHeir(6_000_00))
      .expect(409)
      .expect((r) => expect(r.body).toMatchObject({ code: 'CLAIM_PAYMENT_EXCEEDS_APPROVED', payableLeft: 5_000_00 }));
    await pay(adjuster, claim.id, toHeir(1_00, { coverage: 'ADB' }))
      .expect(400)
      .expect((r) => expect(r.body.code).toBe('CLAIM_COVERAGE_INVALID'));
    await pay(adjuster, claim.id, toHeir(1_00, { payee: { kind: 'hospital' } }))
      .expect(400)
      .expect((r) => expect(r.body).toMatchObject({ code: 'CLAIM_PAYEE_INVALID', errors: [expect.objectContaining({ path: 'payee.name' })] }));
    for (const bad of [
      { amount: 0 },
      { amount: 1.5 },
      { amount: Number.MAX_SAFE_INTEGER + 2 },
      { method: 'cash' },
      { payee: { kind: 'cousin', name: 'x' } },
      { payee: { kind: 'hospital', name: 'St\u0000 Mary' } },
      { note: 'x'.repeat(1001) },
      { coverage: '' },
      { extra: 1 },
    ])
      await pay(adjuster, claim.id, toHeir(1_00, bad)).expect(400);
    // The policyholder's name is the customer's.
    const paid = await pay(adjuster, claim.id, toHeir(1_000_00, { payee: { kind: 'policyholder' } })).expect(201);
    expect(paid.body.items[0].payee.name).toBe(`${policy.customer.firstName} ${policy.customer.lastName}`);
    expect(await w.t.db('claim_payments').where({ claim_id: claim.id }).count('* as c')).toEqual([{ c: 1 }]);
  });

  it('is for adjusters, senior agents and managers within their claim_amount limit, in their branches', async () => {
    const claim = await approved(20_000_00, 20_000_00);
    await pay(agent, claim.id, toHeir(1_00)).expect(403);
    const stranger = await w.as('manager', w.otherBranch);
    await pay(stranger, claim.id, toHeir(1_00)).expect(404);
    await request(w.t.app).get(`/api/claims/${claim.id}/payments`).set(stranger.auth).expect(404);
    // An adjuster's limit is 25,000 a payment; the senior agent has none here.
    const senior = await w.as('senior_agent');
    await pay(senior, claim.id, toHeir(1_00))
      .expect(403)
      .expect((r) => expect(r.body.code).toBe('APPROVAL_LIMIT_EXCEEDED'));
    const list = (await request(w.t.app).get(`/api/claims/${claim.id}/payments`).set(agent.auth).expect(200)).body;
    expect(list).toMatchObject({ items: [], paidAmount: 0, payableLeft: 20_000_00, claimStatus: 'approved' });
  });

  it(
    '50 partial payments at once never pay more than approved: 20 of 1,000 go through, the twentieth settles the claim',
    async () => {
      const claim = await approved(20_000_00, 20_000_00);
      const results = await Promise.all(Array.from({ length: 50 }, () => pay(adjuster, claim.id, toHeir(1_000_00))));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
      const after = (await request(w.t.app).get(`/api/claims/${claim.id}/payments`).set(adjuster.auth).expect(200)).body;
      expect(after).toMatchObject({ paidAmount: 20_000_00, payableLeft: 0, claimStatus: 'paid' });
      expect(after.items).toHaveLength(20);
      expect(after.items.filter((p: Body) => p.final)).toHaveLength(1);
      const current = (await request(w.t.app).get(`/api/claims/${claim.id}`).set(adjuster.auth).expect(200)).body;
      expect(current.outstandingReserve).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    '50 partial payments at once never pay more than the reserve either: with 10,000 reserved of 20,000 approved, 10 of 1,000 go through',
    async () => {
      const claim = await approved(10_000_00, 20_000_00);
      expect(claim).toMatchObject({ approvedAmount: 20_000_00, outstandingReserve: 10_000_00 });
      const results = await Promise.all(Array.from({ length: 50 }, () => pay(adjuster, claim.id, toHeir(1_000_00))));
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      const refused = results.filter((r) => r.status !== 201);
      expect(refused.every((r) => r.status === 409 && r.body.code === 'CLAIM_PAYMENT_EXCEEDS_RESERVE')).toBe(true);
      const after = (await request(w.t.app).get(`/api/claims/${claim.id}/payments`).set(adjuster.auth).expect(200)).body;
      // Not settled: 10,000.00 is still approved and unpaid, waiting for the reserve to be raised.
      expect(after).toMatchObject({ paidAmount: 10_000_00, payableLeft: 10_000_00, claimStatus: 'approved' });
      expect(after.items).toHaveLength(10);
      const current = (await request(w.t.app).get(`/api/claims/${claim.id}`).set(adjuster.auth).expect(200)).body;
      expect(current).toMatchObject({ paidAmount: 10_000_00, outstandingReserve: 0 });
      // The ledger holds exactly ten payments' entries for it, and balances.
      const entries = await w.t.db('claim_payments').where({ claim_id: claim.id }).whereNotNull('journal_entry_id').count<{ c: number }[]>('* as c');
      expect(Number(entries[0]!.c)).toBe(10);
      for (const row of await w.trialTotals()) expect(row.debits).toBe(row.credits);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('settling declines a reserve raise still waiting for approval, which can then not be approved', async () => {
    const claim = await approved(20_000_00, 20_000_00);
    // Above the adjuster's 25,000 limit: the raise waits for a manager.
    const raised = await request(w.t.app)
      .post(`/api/claims/${claim.id}/reserves`)
      .set(adjuster.auth)
      .set('If-Match', `"${claim.version}"`)
      .send({ coverage: 'DEATH', kind: 'indemnity', amount: 30_000_00, reason: 'Legal costs may follow' })
      .expect(200);
    const pending = raised.body.changes.find((c: Body) => c.status === 'pending');
    expect(pending).toBeDefined();
    await pay(adjuster, claim.id, toHeir(20_000_00 - 1, { final: true })).expect(201);
    const after = (await request(w.t.app).get(`/api/claims/${claim.id}/reserves`).set(adjuster.auth).expect(200)).body;
    expect(after.changes.find((c: Body) => c.id === pending.id)).toMatchObject({ status: 'declined', decisionNote: expect.stringMatching(/^The claim was settled by CP-/) });
    expect(after.outstandingReserve).toBe(0);
    const manager = await w.as('manager');
    await request(w.t.app)
      .post(`/api/claims/${claim.id}/reserve-changes/${pending.id}/decision`)
      .set(manager.auth)
      .set('If-Match', `"${after.claimVersion}"`)
      .send({ decision: 'approve' })
      .expect(409);
  });

  it('keeps payments append-only and the total paid within the approved amount in the database itself', async () => {
    const claim = await approved(3_000_00, 3_000_00);
    await pay(adjuster, claim.id, toHeir(1_000_00)).expect(201);
    const owner = w.t.ownerDb;
    await expect(owner('claim_payments').where({ claim_id: claim.id }).update({ amount: 1 })).rejects.toThrow();
    await expect(owner('claims').where({ id: claim.id }).update({ paid_amount: 4_000_00 })).rejects.toThrow(/claims_paid_within_approved/);
  });
});

describe('a death claim paid to the beneficiaries by their shares', () => {
  // The policy names Ana Rivera (60%) and Leo Rivera (40%) as primary beneficiaries, the Estate (100%) as contingent.
  const toBeneficiaries = (claimId: string, body: object, key: string = randomUUID()) =>
    request(w.t.app)
      .post(`/api/claims/${claimId}/beneficiary-payments`)
      .set(adjuster.auth)
      .set('Idempotency-Key', key)
      .send({ coverage: 'DEATH', method: 'bank_transfer', ...body });

  it('splits the amount to the cent, one payment each through the ledger, and settles the claim; a retry pays nothing more', async () => {
    const claim = await approved(10_000_00, 7_777_77);
    const key = randomUUID();
    const body = { amount: 7_777_77, final: true, accounts: [{ name: 'Ana Rivera', account: 'DE89370400440532013000' }] };
    const paid = (await toBeneficiaries(claim.id, body, key).expect(201)).body;
    // 60% of 7,777.77 is 4,666.662 and 40% is 3,111.108: the cent left over goes to the larger remainder.
    expect(paid.items.map((p: Body) => [p.payee.name, p.payee.kind, p.payee.account, p.amount, p.note, p.final])).toEqual([
      ['Ana Rivera', 'beneficiary', 'DE89370400440532013000', 4_666_66, '60% share', false],
      ['Leo Rivera', 'beneficiary', null, 3_111_11, '40% share', true],
    ]);
    expect(paid).toMatchObject({ paidAmount: 7_777_77, payableLeft: 0, claimStatus: 'paid' });
    for (const p of paid.items) expect(await w.postingsOf(p.journalEntryId)).toHaveLength(4);
    expect((await toBeneficiaries(claim.id, body, key).expect(201)).body.items).toHaveLength(2);
    expect(await w.t.db('claim_payments').where({ claim_id: claim.id })).toHaveLength(2);
    expect(await w.t.db('audit_log').where({ entity_id: claim.id, action: 'claim.pay' })).toHaveLength(2);
    for (const row of await w.trialTotals()) expect(row.debits).toBe(row.credits);
  });

  it('gives a predeceased beneficiary’s part to the other primaries, and pays the contingent ones only when no primary survived', async () => {
    const claim = await approved(10_000_00, 5_000_00);
    const ana = (await toBeneficiaries(claim.id, { amount: 1_000_00, predeceased: ['Leo Rivera'] }).expect(201)).body;
    expect(ana.items.map((p: Body) => [p.payee.name, p.amount])).toEqual([['Ana Rivera', 1_000_00]]);
    const estate = (await toBeneficiaries(claim.id, { amount: 1_000_00, predeceased: ['Leo Rivera', 'Ana Rivera'] }).expect(201)).body;
    expect(estate.items.map((p: Body) => [p.payee.name, p.amount])).toEqual([
      ['Ana Rivera', 1_000_00],
      ['Estate', 1_000_00],
    ]);
    const nobody = (await toBeneficiaries(claim.id, { amount: 1_000_00, predeceased: ['Leo Rivera', 'Ana Rivera', 'Estate'] }).expect(409)).body;
    expect(nobody).toMatchObject({ code: 'CLAIM_NO_BENEFICIARY', beneficiaries: ['Ana Rivera', 'Leo Rivera', 'Estate'] });
    const stranger = (await toBeneficiaries(claim.id, { amount: 1_00, predeceased: ['Ana Rivera'], accounts: [{ name: 'Sam Heir', account: 'X1' }] }).expect(400)).body;
    expect(stranger).toMatchObject({ code: 'CLAIM_PAYEE_INVALID', errors: [{ path: 'accounts.0' }] });
    // The caps hold for the total: 3,000.00 left to pay.
    expect((await toBeneficiaries(claim.id, { amount: 3_000_01 }).expect(409)).body).toMatchObject({ code: 'CLAIM_PAYMENT_EXCEEDS_APPROVED', payableLeft: 3_000_00 });
  });
});

describe('wherever a claim shows up', () => {
  it('the customer’s 360° view lists the claims, lifetime value subtracts what was paid, risk counts the last 36 months; a merge moves them', async () => {
    const customerId = policy.customer.id;
    const overviewOf = async (id: string): Promise<Body> => (await request(w.t.app).get(`/api/customers/${id}/overview`).set(agent.auth).expect(200)).body;
    const claims = await w.t.db('claims').where({ customer_id: customerId });
    const lodged = claims.filter((c) => !['draft', 'withdrawn'].includes(c.status));
    const paid = claims.reduce((s, c) => s + Number(c.paid_amount), 0);
    expect(paid).toBeGreaterThan(50_000_00); // the tests above paid more than that
    const overview = await overviewOf(customerId);
    expect(overview.sections.claims).toMatchObject({ title: 'Claims', count: claims.length });
    expect(overview.sections.claims.items).toHaveLength(5);
    expect(overview.sections.claims.items[0]).toMatchObject({
      claimNumber: expect.stringMatching(/^CL-/),
      policyId: policy.policy.id,
      currency: USD,
      paidAmount: expect.any(Number),
    });
    expect(overview.lifetimeValue.claimsPaid).toBe(paid);
    expect(overview.lifetimeValue.amount).toBe(overview.lifetimeValue.premiumsPaid - paid + overview.lifetimeValue.expectedFuturePremiums);
    expect(overview.risk.factors).toEqual(
      expect.arrayContaining([
        { code: 'claims_count', label: 'Claims in the last 36 months', value: String(lodged.length), points: 20 },
        { code: 'claims_amount', label: 'Paid on claims in the last 36 months', value: expect.stringMatching(/ USD$/), points: claimsAmountPoints(paid) },
      ]),
    );
    // Another branch's staff see none of its claims in a 360° view they may open (none here: the customer is not theirs).
    const outsider = await w.as('agent', w.otherBranch);
    await request(w.t.app).get(`/api/customers/${customerId}/overview`).set(outsider.auth).expect(404);

    // A duplicate customer with one claim of its own is merged into this one: the claim follows.
    const twin = await w.issuedPolicy({ productId: (await w.t.db('policies').where({ id: policy.policy.id }).first()).product_id });
    const twinClaim = (
      await request(w.t.app)
        .post('/api/claims')
        .set(agent.auth)
        .send({
          policyId: twin.policy.id,
          lossDate: START,
          lossType: 'death',
          description: 'x',
          location: 'y',
          reporter: { kind: 'policyholder', name: 'P', phone: '(555) 123-4567' },
        })
        .expect(201)
    ).body;
    const manager = await w.as('manager');
    const target = (await request(w.t.app).get(`/api/customers/${customerId}`).set(manager.auth).expect(200)).body;
    await request(w.t.app).post(`/api/customers/${customerId}/merge`).set(manager.auth).set('If-Match', `"${target.version}"`).send({ sourceId: twin.customer.id }).expect(200);
    expect((await request(w.t.app).get(`/api/claims/${twinClaim.id}`).set(agent.auth).expect(200)).body.customer.id).toBe(customerId);
    expect((await overviewOf(customerId)).sections.claims.count).toBe(claims.length + 1);
  });
});
