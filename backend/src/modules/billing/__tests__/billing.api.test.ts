// Billing's record of an issued policy (written in the issuance transaction) and the ledger pages
// of a policy and a customer. Policies are issued through the real approval, which needs approval
// limits (one global table), so this file works on a database of its own.
import crypto from 'node:crypto';
import request from 'supertest';
import type { TestApp } from '../../../../test/support/test-app';
import { makeCustomer, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import type { LedgerService } from '../ledger.service';
import { billingWorld, modestCoverages, type BillingWorld } from './billing-fixtures';

let w: BillingWorld;
let t: TestApp;
let agent: Session;
let manager: Session;
let otherManager: Session;
let admin: Session;
let branch: string;
let ledger: LedgerService;

beforeAll(async () => {
  w = await billingWorld('policydesk_billing');
  ({ t, ledger, admin, branch } = w);
  agent = await w.as('agent');
  manager = await w.as('manager');
  otherManager = await w.as('manager', w.otherBranch);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const issuedPolicy = () => w.issuedPolicy();

describe('issuance', () => {
  it("writes billing's record of the policy in the issuance transaction", async () => {
    const { customer, policy } = await issuedPolicy();
    const row = await t.db('billing_policies').where({ policy_id: policy.id }).first();
    expect(row).toMatchObject({
      policy_number: policy.policyNumber,
      customer_id: customer.id,
      branch_id: branch,
      product_version_id: policy.product.versionId,
      currency: policy.currency,
      annual_premium: policy.annualPremium,
      payment_frequency: policy.paymentFrequency,
      installment_count: policy.installments.count,
      installment_amount: policy.installments.amount,
      first_installment_amount: policy.installments.firstAmount,
      start_date: policy.startDate,
      end_date: policy.endDate,
      payment_method: policy.paymentMethod,
    });
  });

  it('when billing fails, nothing of the issuance remains: no policy, order still in underwriting, customer still a prospect', async () => {
    const underwriter = await w.as('underwriter');
    const { customer, order } = await w.f.inReview(agent, underwriter, branch, w.productId, { coverages: modestCoverages });
    await t.ownerDb.raw(`
      CREATE FUNCTION fail_billing_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'forced billing failure'; END $$;
      CREATE TRIGGER fail_billing_for_test BEFORE INSERT ON billing_policies FOR EACH ROW WHEN (NEW.customer_id = '${customer.id}') EXECUTE FUNCTION fail_billing_for_test();
    `);
    try {
      await w.f.step(underwriter, order.id, 'approve', order.version).expect(500);
    } finally {
      await t.ownerDb.raw('DROP TRIGGER fail_billing_for_test ON billing_policies; DROP FUNCTION fail_billing_for_test();');
    }
    expect((await request(t.app).get(`/api/orders/${order.id}`).set(agent.auth).expect(200)).body).toMatchObject({ status: 'in_underwriting', policyId: null });
    expect(await t.db('policies').where({ order_id: order.id }).first()).toBeUndefined();
    expect(await t.db('billing_policies').where({ customer_id: customer.id }).first()).toBeUndefined();
    expect(await t.db('audit_log').where({ action: 'policy.issue' }).whereRaw(`metadata->>'orderId' = ?`, [order.id]).first()).toBeUndefined();
    expect((await request(t.app).get(`/api/customers/${customer.id}`).set(agent.auth).expect(200)).body.status).toBe('prospect');
    // Once the fault is gone the same approval issues the policy and billing's record together.
    const approved = (await w.f.step(underwriter, order.id, 'approve', order.version).expect(200)).body;
    expect(await t.db('billing_policies').where({ policy_id: approved.policyId }).first()).toBeDefined();
  });
});

describe('ledger pages', () => {
  let policyId: string;
  let customerId: string;
  const entries: string[] = [];

  beforeAll(async () => {
    const { customer, policy } = await issuedPolicy();
    policyId = policy.id;
    customerId = customer.id;
    const scope = { policyId, customerId, branchId: branch };
    await t.db.transaction(async (trx) => {
      for (const [i, e] of [
        {
          externalId: `invoice:${crypto.randomUUID()}`,
          sourceType: 'invoice' as const,
          debit: { kind: 'premium_receivable' as const, owner: policyId },
          credit: { kind: 'premium_income' as const },
        },
        {
          externalId: `payment:${crypto.randomUUID()}`,
          sourceType: 'payment' as const,
          debit: { kind: 'cash_clearing' as const, owner: 'card' as const },
          credit: { kind: 'customer_credit' as const, owner: customerId },
        },
        {
          externalId: `allocation:${crypto.randomUUID()}`,
          sourceType: 'allocation' as const,
          debit: { kind: 'customer_credit' as const, owner: customerId },
          credit: { kind: 'premium_receivable' as const, owner: policyId },
        },
      ].entries()) {
        const { entry } = await ledger.post(trx, {
          externalId: e.externalId,
          effectiveDate: '2026-12-05',
          sourceType: e.sourceType,
          description: `Step ${i + 1}, "quoted", with a comma`,
          createdBy: null,
          ...scope,
          postings: [
            { account: { ...e.debit, currency: 'USD' }, direction: 'debit', amount: 10_000 + i },
            { account: { ...e.credit, currency: 'USD' }, direction: 'credit', amount: 10_000 + i },
          ],
        });
        entries.push(entry.id);
      }
    });
  }, PROCESS_TEST_TIMEOUT_MS);

  it("shows a manager the policy's entries with their postings, newest first, one keyset page at a time", async () => {
    const first = (await request(t.app).get(`/api/policies/${policyId}/ledger?limit=2`).set(manager.auth).expect(200)).body;
    expect(first.items.map((e: { id: string }) => e.id)).toEqual([entries[2], entries[1]]);
    expect(first.items[0]).toMatchObject({
      sourceType: 'allocation',
      policyId,
      customerId,
      branchId: branch,
      reversesEntryId: null,
      reversedByEntryId: null,
      postings: [
        { accountKind: 'customer_credit', accountOwner: customerId, direction: 'debit', amount: 10_002, currency: 'USD' },
        { accountKind: 'premium_receivable', accountOwner: policyId, direction: 'credit', amount: 10_002, currency: 'USD' },
      ],
    });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await request(t.app).get(`/api/policies/${policyId}/ledger?limit=2&cursor=${first.nextCursor}`).set(manager.auth).expect(200)).body;
    expect(second).toMatchObject({
      items: [{ id: entries[0], postings: [{ accountKind: 'premium_receivable' }, { accountKind: 'premium_income', accountOwner: null }] }],
      nextCursor: null,
    });
    // Admins see it too; the customer's ledger holds the same entries.
    await request(t.app).get(`/api/policies/${policyId}/ledger`).set(admin.auth).expect(200);
    const customerLedger = (await request(t.app).get(`/api/customers/${customerId}/ledger`).set(manager.auth).expect(200)).body;
    expect(customerLedger.items.map((e: { id: string }) => e.id)).toEqual([...entries].reverse());
  });

  it('refuses agents (403) and answers 404 for another branch, an unknown policy or customer', async () => {
    await request(t.app).get(`/api/policies/${policyId}/ledger`).set(agent.auth).expect(403);
    await request(t.app).get(`/api/customers/${customerId}/ledger`).set(agent.auth).expect(403);
    await request(t.app).get(`/api/policies/${policyId}/ledger/export`).set(agent.auth).expect(403);
    await request(t.app).get(`/api/policies/${policyId}/ledger`).set(otherManager.auth).expect(404);
    await request(t.app).get(`/api/customers/${customerId}/ledger`).set(otherManager.auth).expect(404);
    await request(t.app).get(`/api/policies/${policyId}/ledger/export`).set(otherManager.auth).expect(404);
    await request(t.app).get(`/api/customers/${customerId}/ledger/export`).set(otherManager.auth).expect(404);
    await request(t.app).get(`/api/policies/${crypto.randomUUID()}/ledger`).set(manager.auth).expect(404);
    await request(t.app).get(`/api/customers/${crypto.randomUUID()}/ledger`).set(manager.auth).expect(404);
  });

  it('refuses a forged cursor with 400 INVALID_CURSOR', async () => {
    const forged = [
      'not-a-cursor',
      Buffer.from(JSON.stringify({ s: 'e.seq:desc', v: ['1 OR 1=1'] })).toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'e.seq:desc', v: [1.5] })).toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'created_at:desc', v: [3] })).toString('base64url'),
    ];
    for (const cursor of forged) {
      const res = await request(t.app)
        .get(`/api/policies/${policyId}/ledger?cursor=${encodeURIComponent(cursor)}`)
        .set(manager.auth)
        .expect(400);
      expect(res.body.code).toBe('INVALID_CURSOR');
    }
  });

  it('exports the ledger as CSV, one row per posting under the header, and audits the export', async () => {
    const res = await request(t.app).get(`/api/policies/${policyId}/ledger/export`).set(manager.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?policydesk-policy-ledger-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'entrySeq,entryId,externalId,effectiveDate,sourceType,sourceId,description,reversesEntryId,reversedByEntryId,createdAt,accountKind,accountOwner,direction,amountMinorUnits,currency',
    );
    expect(lines).toHaveLength(1 + 6);
    expect(lines[1]).toContain(`,${entries[2]},`);
    expect(lines[1]).toContain('"Step 3, ""quoted"", with a comma"');
    expect(lines[1]).toMatch(/,customer_credit,[0-9a-f-]{36},debit,10002,USD$/);
    expect(lines[6]).toMatch(/,premium_income,,credit,10000,USD$/);
    const audit = await t.db('audit_log').where({ action: 'ledger.export', entity_id: policyId }).first();
    expect(audit).toMatchObject({ branch_id: branch, metadata: { entries: 3 } });
    const customerCsv = await request(t.app).get(`/api/customers/${customerId}/ledger/export`).set(manager.auth).expect(200);
    expect(customerCsv.text.trimEnd().split('\r\n')).toHaveLength(1 + 6);
  });
});

describe('customer merge', () => {
  it("moves billing's policies and the source's credit to the target, by a balanced entry", async () => {
    const { customer: source, policy } = await issuedPolicy();
    const { customer: target } = await makeCustomer(t.app, agent, branch);
    await t.db.transaction((trx) =>
      ledger.post(trx, {
        externalId: `payment:${crypto.randomUUID()}`,
        effectiveDate: '2026-12-05',
        sourceType: 'payment',
        description: 'overpaid',
        customerId: source.id,
        createdBy: null,
        postings: [
          { account: { kind: 'cash_clearing', owner: 'check', currency: 'USD' }, direction: 'debit', amount: 3_000 },
          { account: { kind: 'customer_credit', owner: source.id, currency: 'USD' }, direction: 'credit', amount: 3_000 },
        ],
      }),
    );
    await request(t.app).post(`/api/customers/${target.id}/merge`).set(manager.auth).set('If-Match', `"${target.version}"`).send({ sourceId: source.id }).expect(200);
    expect(await t.db('billing_policies').where({ policy_id: policy.id }).first()).toMatchObject({ customer_id: target.id, version: 2 });
    expect(await ledger.customerCredit(t.db, source.id, 'USD')).toBe(0);
    expect(await ledger.customerCredit(t.db, target.id, 'USD')).toBe(3_000);
    const moved = (await request(t.app).get(`/api/customers/${target.id}/ledger`).set(manager.auth).expect(200)).body.items;
    expect(moved).toMatchObject([
      {
        sourceType: 'reallocation',
        customerId: target.id,
        postings: [
          { accountOwner: source.id, direction: 'debit', amount: 3_000 },
          { accountOwner: target.id, direction: 'credit', amount: 3_000 },
        ],
      },
    ]);
  });
});
