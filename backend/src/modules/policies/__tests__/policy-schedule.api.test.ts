// The policy schedule (PDF): made at issue inside the approval's transaction, stored through the
// documents service with its SHA-256, listed by version and downloaded branch-scoped. The PDF's text
// is extracted (pdf-parse) and checked against the policy.
import crypto from 'node:crypto';
import request from 'supertest';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, modestCoverages, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { completion } from '../../orders/__tests__/order-fixtures';
import { loggedIn, type Session } from '../../../../test/support/factories';
import { pdfText } from '../../../../test/support/pdf-text';

let w: BillingWorld;

beforeAll(async () => {
  w = await billingWorld('policydesk_schedules');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

/** The raw bytes of a download (supertest buffers unknown types as text otherwise). */
const download = (session: Session, url: string) =>
  request(w.t.app)
    .get(url)
    .set(session.auth)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

const textOf = pdfText;

/** A policy issued through the real approval flow, rated: +50% extra premium and an exclusion. */
async function ratedPolicy() {
  const agent = await w.as('agent');
  const underwriter = await w.as('underwriter');
  const { customer, order } = await w.f.inReview(agent, underwriter, w.branch, w.productId, { coverages: modestCoverages });
  const approved = (await w.f.step(underwriter, order.id, 'approve', order.version, { extraPremiumPercent: 50, exclusions: ['Motor racing'] }).expect(200)).body;
  const policy = (await request(w.t.app).get(`/api/policies/${approved.policyId}`).set(agent.auth).expect(200)).body;
  const holder = (await request(w.t.app).get(`/api/customers/${customer.id}`).set(agent.auth).expect(200)).body;
  return { agent, underwriter, order, policy, holder };
}

describe('policy schedule (PDF)', () => {
  it('issues version 1 with the policy: a real PDF whose SHA-256 is the stored one and whose text names the policy, holder, coverages, sums and beneficiaries', async () => {
    const { agent, policy, holder, order } = await ratedPolicy();

    const list = (await request(w.t.app).get(`/api/policies/${policy.id}/schedules`).set(agent.auth).expect(200)).body;
    expect(list.items).toHaveLength(1);
    const [v1] = list.items;
    expect(v1).toMatchObject({
      version: 1,
      effectiveDate: policy.startDate,
      reason: `Issued from order ${order.orderNumber}`,
      filename: `${policy.policyNumber}-schedule-v1.pdf`,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const res = await download(agent, `/api/policies/${policy.id}/schedules/1/pdf`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${policy.policyNumber}-schedule-v1.pdf"`);
    const bytes = res.body as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBe(v1.sizeBytes);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    expect(sha256).toBe(v1.sha256);
    // Stored through the documents service: the document row (owner: the policy) carries the same hash.
    const doc = await w.t.db('documents').where({ id: v1.documentId }).first();
    expect(doc).toMatchObject({ owner_type: 'policy', owner_id: policy.id, branch_id: w.branch, code: 'POLICY_SCHEDULE', content_type: 'application/pdf', sha256 });
    expect(await w.t.db('policy_schedules').where({ policy_id: policy.id, version: 1 }).first()).toMatchObject({ document_id: v1.documentId, sha256 });

    const text = await textOf(bytes);
    const billing = (await request(w.t.app).get(`/api/policies/${policy.id}/billing`).set(agent.auth).expect(200)).body;
    const firstDue: string = billing.installments[0].dueDate;
    for (const expected of [
      'Policydesk Insurance Company',
      policy.policyNumber,
      'schedule version 1',
      `${holder.firstName} ${holder.lastName}`,
      holder.customerNumber,
      'Death benefit (DEATH)',
      '250,000.00 USD',
      'Accidental death (ADB)',
      '50,000.00 USD',
      // Total sum insured and the premium, from minor units.
      '300,000.00 USD',
      `${(policy.annualPremium / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} USD`,
      'Extra premium +50% on the risk premium',
      'Motor racing',
      ...completion.beneficiaries.map((b) => b.name),
      '60%',
      '40%',
      'contingent',
      policy.startDate,
      policy.endDate,
      'ending 1111',
    ])
      expect(text).toContain(expected);
    expect(firstDue).toBeDefined();
    expect(text).toContain(firstDue);
    // The branch is named on it.
    const branch = await w.t.db('branches').where({ id: w.branch }).first();
    expect(text).toContain(branch.name);

    // The download is a sensitive read of the document, by the agent.
    const read = await w.t.db('audit_log').where({ action: 'document.sensitive_read', entity_id: v1.documentId }).first();
    expect(read).toBeDefined();
    // The schedule's upload is audited in the issuance; the approval's own audit order is unchanged.
    expect(await w.t.db('audit_log').where({ action: 'document.upload', entity_id: v1.documentId }).first()).toBeDefined();
  });

  it('is scoped to the branch (404 for another branch, an unknown version or policy) and needs a signed-in user with policies:read', async () => {
    const { policy } = await ratedPolicy();
    const outsider = await w.as('agent', w.otherBranch);
    await request(w.t.app).get(`/api/policies/${policy.id}/schedules`).set(outsider.auth).expect(404);
    await download(outsider, `/api/policies/${policy.id}/schedules/1/pdf`).expect(404);
    // The document route applies the same rule (the policy owner's read permission and branch).
    const documentId = (await w.t.db('policy_schedules').where({ policy_id: policy.id }).first()).document_id;
    await request(w.t.app).get(`/api/documents/${documentId}/content`).set(outsider.auth).expect(404);

    const agent = await w.as('agent');
    expect((await download(agent, `/api/policies/${policy.id}/schedules/2/pdf`).expect(404)).body).toBeDefined();
    await request(w.t.app).get(`/api/policies/${crypto.randomUUID()}/schedules`).set(agent.auth).expect(404);
    expect((await request(w.t.app).get(`/api/policies/${policy.id}/schedules/0/pdf`).set(agent.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');

    // Nobody signed in: 401; a user who must change their password first: 403, for the list and the file.
    await request(w.t.app).get(`/api/policies/${policy.id}/schedules`).expect(401);
    await request(w.t.app).get(`/api/policies/${policy.id}/schedules/1/pdf`).expect(401);
    const blocked = (await loggedIn(w.t.app, w.t.db, { role: 'agent', branchId: w.branch, mustChangePassword: true })).session;
    expect((await request(w.t.app).get(`/api/policies/${policy.id}/schedules`).set(blocked.auth).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await request(w.t.app).get(`/api/policies/${policy.id}/schedules/1/pdf`).set(blocked.auth).expect(403);
    // A manager of the branch and an underwriter read it.
    for (const role of ['manager', 'underwriter'] as const) await download(await w.as(role), `/api/policies/${policy.id}/schedules/1/pdf`).expect(200);
  });

  it('keeps every version: the same function makes version 2 later (as a policy transaction will), version 1 stays as it was, and a version cannot be made twice', async () => {
    const { agent, policy, underwriter } = await ratedPolicy();
    const v1 = (await request(w.t.app).get(`/api/policies/${policy.id}/schedules`).set(agent.auth).expect(200)).body.items[0];
    const schedules = w.t.services.policies.schedules;
    const actor = { userId: (await w.t.db('users').where({ role: 'underwriter', branch_id: w.branch }).first()).id, role: 'underwriter' } as never;
    w.t.clock.advance(60_000);
    try {
      const v2 = await w.t.db.transaction(async (trx) => {
        const version = await schedules.nextVersion(trx, policy.id);
        return schedules.issue(trx, actor, { policyId: policy.id, version, reason: 'Endorsement test', effectiveDate: w.t.clock.businessDate() });
      });
      expect(v2).toMatchObject({ version: 2, reason: 'Endorsement test', filename: `${policy.policyNumber}-schedule-v2.pdf` });
      const list = (await request(w.t.app).get(`/api/policies/${policy.id}/schedules`).set(underwriter.auth).expect(200)).body.items;
      expect(list.map((s: { version: number }) => s.version)).toEqual([2, 1]);
      expect(list[1]).toEqual(v1);
      const text = await textOf((await download(agent, `/api/policies/${policy.id}/schedules/2/pdf`).expect(200)).body);
      expect(text).toContain('schedule version 2');
      expect(text).toContain('Endorsement test');
      const again = await download(agent, `/api/policies/${policy.id}/schedules/1/pdf`).expect(200);
      expect(crypto.createHash('sha256').update(again.body).digest('hex')).toBe(v1.sha256);
      // Version 2 again: refused by the database (unique policy and version), nothing written.
      await expect(
        w.t.db.transaction((trx) => schedules.issue(trx, actor, { policyId: policy.id, version: 2, reason: 'Twice', effectiveDate: w.t.clock.businessDate() })),
      ).rejects.toThrow();
      expect(await w.t.db('policy_schedules').where({ policy_id: policy.id }).count<{ count: number }[]>('* as count')).toEqual([{ count: 2 }]);
      // Kept as written: the runtime role may not rewrite a version.
      await expect(w.t.db('policy_schedules').where({ policy_id: policy.id }).update({ reason: 'rewritten' })).rejects.toThrow();
    } finally {
      w.t.clock.reset();
    }
  });

  it('when the schedule cannot be stored, the approval fails whole: no policy, no billing, the order stays in underwriting', async () => {
    const agent = await w.as('agent');
    const underwriter = await w.as('underwriter');
    const { order } = await w.f.inReview(agent, underwriter, w.branch, w.productId, { coverages: modestCoverages });
    await w.t.ownerDb.raw(`
      CREATE FUNCTION fail_schedule_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'forced failure'; END $$;
      CREATE TRIGGER fail_schedule_for_test BEFORE INSERT ON policy_schedules FOR EACH ROW EXECUTE FUNCTION fail_schedule_for_test();
    `);
    try {
      await w.f.step(underwriter, order.id, 'approve', order.version).expect(500);
    } finally {
      await w.t.ownerDb.raw('DROP TRIGGER fail_schedule_for_test ON policy_schedules; DROP FUNCTION fail_schedule_for_test();');
    }
    expect((await request(w.t.app).get(`/api/orders/${order.id}`).set(agent.auth).expect(200)).body).toMatchObject({ status: 'in_underwriting', policyId: null });
    expect(await w.t.db('policies').where({ order_id: order.id }).first()).toBeUndefined();
    const approved = (await w.f.step(underwriter, order.id, 'approve', order.version).expect(200)).body;
    expect((await request(w.t.app).get(`/api/policies/${approved.policyId}/schedules`).set(agent.auth).expect(200)).body.items).toHaveLength(1);
  });

  it('back-fills version 1 for a policy issued before schedules existed (the demo seed path), once', async () => {
    const { agent, policy, order } = await ratedPolicy();
    // A policy from before this feature: its schedule row never existed (the owner removes it, triggers off).
    await w.t.ownerDb.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      await trx('policy_schedules').where({ policy_id: policy.id }).delete();
    });
    expect((await request(w.t.app).get(`/api/policies/${policy.id}/schedules`).set(agent.auth).expect(200)).body.items).toEqual([]);
    const issuer = await w.t.db('policies').where({ id: policy.id }).first('issued_by');
    const actorOf = async (userId: string) => ({ userId, role: (await w.t.db('users').where({ id: userId }).first('role')).role }) as never;
    const schedules = w.t.services.policies.schedules;
    // Limited to other issuers: nothing to do.
    const someoneElse = (await w.t.db('users').whereNot({ id: issuer.issued_by }).first('id')).id;
    expect(await w.t.db.transaction((trx) => schedules.backfill(trx, actorOf, { issuedBy: [someoneElse] }))).toBe(0);
    expect(await w.t.db.transaction((trx) => schedules.backfill(trx, actorOf, { issuedBy: [issuer.issued_by] }))).toBe(1);
    expect(await w.t.db.transaction((trx) => schedules.backfill(trx, actorOf))).toBe(0);
    const items = (await request(w.t.app).get(`/api/policies/${policy.id}/schedules`).set(agent.auth).expect(200)).body.items;
    expect(items).toMatchObject([{ version: 1, effectiveDate: policy.startDate, reason: `Issued from order ${order.orderNumber}`, createdBy: { id: issuer.issued_by } }]);
    const text = await textOf((await download(agent, `/api/policies/${policy.id}/schedules/1/pdf`).expect(200)).body);
    expect(text).toContain(policy.policyNumber);
  });
});
