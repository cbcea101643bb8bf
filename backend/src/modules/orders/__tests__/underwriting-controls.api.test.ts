// Underwriting controls around approval: documents verified or waived, four-eyes against everyone
// who submitted, and approval limits for senior agents and managers. Approval limits are one global
// table, so this file works on a database of its own where it can set them.
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { makeBranch, type Session, sessionAs } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { orderFixtures } from './order-fixtures';

let t: TestApp;
let url: string;
const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
let agent: Session;
let underwriter: Session;
let manager: Session;
let senior: Session;
let branch: string;
let productId: string;
let f: ReturnType<typeof orderFixtures>;

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl, 'policydesk_uw_controls');
  t = createTestApp({ env: { DATABASE_URL: url } });
  f = orderFixtures(t);
  ({ branch, agent, underwriter, productId } = await f.team());
  manager = await sessionAs(t, 'manager', branch);
  senior = await sessionAs(t, 'senior_agent', branch);
  const limit = (role: string, max: number) => ({ role, kind: 'order_sum_insured', currency: 'USD', max_amount: max, revision: 1, updated_at: new Date() });
  await t.db('approval_limits').insert([limit('senior_agent', 250_000_00), limit('underwriter', 1_000_000_00), limit('manager', 350_000_00)]);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await t.close();
  await dropDatabase(adminUrl, url);
});

/** 250,000 in all: within the senior agent's limit. */
const small = [
  { code: 'DEATH', sumInsured: 200_000_00 },
  { code: 'ADB', sumInsured: 50_000_00 },
];
/** 300,000: above the senior agent's 250,000, within the manager's 350,000. */
const medium = [
  { code: 'DEATH', sumInsured: 250_000_00 },
  { code: 'ADB', sumInsured: 50_000_00 },
];

/** The user id behind a session. */
const idOf = async (session: Session): Promise<string> => (await request(t.app).get('/api/auth/me').set(session.auth).expect(200)).body.user.id;

const waive = (session: Session, orderId: string, body: object) => request(t.app).post(`/api/orders/${orderId}/waive-document`).set(session.auth).send(body);
const verify = (session: Session, orderId: string, documentId: string) => request(t.app).post(`/api/orders/${orderId}/documents/${documentId}/verify`).set(session.auth);

describe('approval needs every required document verified or waived', () => {
  it('refuses approval while documents are merely uploaded (409 DOCUMENTS_UNVERIFIED listing them); a verification and a waiver with a reason let it through', async () => {
    const { order } = await f.takenForReview(agent, underwriter, branch, productId, { coverages: small });
    expect(order.documents.map((d: { status: string }) => d.status)).toEqual(['uploaded', 'uploaded']);

    const refused = await f.step(underwriter, order.id, 'approve', order.version).expect(409);
    expect(refused.body).toMatchObject({
      code: 'DOCUMENTS_UNVERIFIED',
      documents: [
        { code: 'PROOF_OF_IDENTITY', status: 'uploaded' },
        { code: 'SIGNED_APPLICATION', status: 'uploaded' },
      ],
    });
    const unchanged = (await request(t.app).get(`/api/orders/${order.id}`).set(underwriter.auth).expect(200)).body;
    expect(unchanged).toMatchObject({ status: 'in_underwriting', version: order.version, policyId: null });
    expect(await t.db('policies').where({ order_id: order.id }).first()).toBeUndefined();

    const [identity] = order.documents;
    await verify(underwriter, order.id, identity.document.id).expect(200);
    const stillOne = await f.step(underwriter, order.id, 'approve', order.version).expect(409);
    expect(stillOne.body.documents).toEqual([{ code: 'SIGNED_APPLICATION', name: expect.any(String), status: 'uploaded' }]);

    // Waiving takes the underwriting permission, a reason, and a document the application needs.
    await waive(agent, order.id, { code: 'SIGNED_APPLICATION', reason: 'Signed in the branch' }).expect(403);
    const noReason = await waive(underwriter, order.id, { code: 'SIGNED_APPLICATION', reason: ' ' }).expect(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    expect((await waive(underwriter, order.id, { code: 'BIRTH_CHART', reason: 'Not needed' }).expect(400)).body.errors[0].path).toBe('code');
    expect((await waive(underwriter, order.id, { code: 'PROOF_OF_IDENTITY', reason: 'Not needed' }).expect(409)).body).toMatchObject({
      code: 'DOCUMENT_ALREADY_SETTLED',
      currentStatus: 'verified',
    });

    const waived = (await waive(underwriter, order.id, { code: 'SIGNED_APPLICATION', reason: 'Signed in person at the branch; original on file' }).expect(200)).body;
    expect(waived.documents[1]).toMatchObject({
      status: 'waived',
      document: { status: 'uploaded' },
      waiver: { reason: 'Signed in person at the branch; original on file', waivedBy: { id: expect.any(String) }, waivedAt: expect.any(String) },
    });
    expect(waived.version).toBe(order.version);
    expect((await waive(underwriter, order.id, { code: 'SIGNED_APPLICATION', reason: 'Again' }).expect(409)).body).toMatchObject({
      code: 'DOCUMENT_ALREADY_SETTLED',
      currentStatus: 'waived',
    });
    const audit = await t.db('audit_log').where({ action: 'order.waive_document', entity_id: order.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ metadata: expect.objectContaining({ code: 'SIGNED_APPLICATION', reason: 'Signed in person at the branch; original on file' }) });

    await f.step(underwriter, order.id, 'approve', order.version).expect(200);
    // Once decided, nothing more is waived.
    expect((await waive(underwriter, order.id, { code: 'PROOF_OF_IDENTITY', reason: 'Too late' }).expect(409)).body.code).toBe('ORDER_NOT_IN_REVIEW');
  });

  it('a document rejected after submission blocks approval until a new upload is verified, or it is waived', async () => {
    const { order } = await f.takenForReview(agent, underwriter, branch, productId, { coverages: small });
    const [identity, signed] = order.documents;
    await verify(underwriter, order.id, identity.document.id).expect(200);
    await request(t.app).post(`/api/orders/${order.id}/documents/${signed.document.id}/reject`).set(underwriter.auth).send({ reason: 'Not signed' }).expect(200);
    expect((await f.step(underwriter, order.id, 'approve', order.version).expect(409)).body.documents).toEqual([
      { code: 'SIGNED_APPLICATION', name: expect.any(String), status: 'rejected' },
    ]);
    await waive(underwriter, order.id, { code: 'SIGNED_APPLICATION', reason: 'Signature confirmed by phone' }).expect(200);
    await f.step(underwriter, order.id, 'approve', order.version).expect(200);
  });
});

describe('four-eyes', () => {
  it('refuses anyone who submitted the order, not only the last submitter (409 FOUR_EYES)', async () => {
    // The manager submits; the underwriter asks for information; an agent answers and resubmits.
    const first = await f.inReview(manager, underwriter, branch, productId, { coverages: small });
    const asked = (await f.step(underwriter, first.order.id, 'request-info', first.order.version, { reason: 'Latest payslip please' }).expect(200)).body;
    const resubmitted = (await f.step(agent, asked.id, 'submit', asked.version, { response: 'Payslip attached' }).expect(200)).body;
    const review = (await f.step(underwriter, resubmitted.id, 'start-review', resubmitted.version).expect(200)).body;
    expect(review.history.filter((h: { toStatus: string }) => h.toStatus === 'submitted').map((h: { changedBy: { id: string } }) => h.changedBy.id)).toEqual([
      await idOf(manager),
      await idOf(agent),
    ]);

    expect((await f.step(manager, review.id, 'approve', review.version).expect(409)).body.code).toBe('FOUR_EYES');
    await f.step(underwriter, review.id, 'approve', review.version).expect(200);
  });
});

describe('approval limits by role', () => {
  it('senior agents take applications of their branch for review and approve within their order_sum_insured limit; managers within theirs', async () => {
    // The senior agent's underwriting queue holds their branch's applications, not another branch's.
    const waiting = await f.submitted(agent, branch, productId, { coverages: small });
    const otherBranch = (await makeBranch(t.db)).id;
    const foreign = await f.submitted(await sessionAs(t, 'agent', otherBranch), otherBranch, productId, { coverages: small });
    const queue = (await request(t.app).get('/api/underwriting/queue').set(senior.auth).expect(200)).body.items.map((i: { id: string }) => i.id);
    expect(queue).toContain(waiting.order.id);
    expect(queue).not.toContain(foreign.order.id);
    await f.step(senior, foreign.order.id, 'start-review', foreign.order.version).expect(404);

    // Within 250,000: the senior agent reviews, verifies and approves.
    const taken = (await f.step(senior, waiting.order.id, 'start-review', waiting.order.version).expect(200)).body;
    const ready = await f.verifyAll(senior, taken);
    const approved = (await f.step(senior, ready.id, 'approve', ready.version).expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { id: await idOf(senior) }, policyId: expect.any(String) });

    // 300,000 is above the senior agent's limit; the manager (350,000) may approve it.
    const larger = await f.inReview(agent, underwriter, branch, productId, { coverages: medium });
    const refused = await f.step(senior, larger.order.id, 'approve', larger.order.version).expect(403);
    expect(refused.body).toMatchObject({ code: 'APPROVAL_LIMIT_EXCEEDED', limit: 250_000_00, amount: 300_000_00 });
    await f.step(manager, larger.order.id, 'approve', larger.order.version).expect(200);

    // 400,000 is above the manager's limit too; the underwriter (1,000,000) may approve it.
    const big = await f.inReview(agent, underwriter, branch, productId);
    expect((await f.step(manager, big.order.id, 'approve', big.order.version).expect(403)).body).toMatchObject({
      code: 'APPROVAL_LIMIT_EXCEEDED',
      limit: 350_000_00,
      amount: 400_000_00,
    });
    await f.step(underwriter, big.order.id, 'approve', big.order.version).expect(200);
  });

  it('a senior agent may not approve what they submitted themselves', async () => {
    const own = await f.inReview(senior, underwriter, branch, productId, { coverages: small });
    expect((await f.step(senior, own.order.id, 'approve', own.order.version).expect(409)).body.code).toBe('FOUR_EYES');
  });
});
