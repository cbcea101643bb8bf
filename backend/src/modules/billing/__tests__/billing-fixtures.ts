// Shared by the billing API tests: a database of their own (approval limits are one global table),
// a branch with a published term-life product, policies issued through the real approval, fresh
// logins (tokens expire as a test moves the clock), payments with idempotency keys, and ledger reads.
import crypto from 'node:crypto';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, type Session } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { orderFixtures } from '../../orders/__tests__/order-fixtures';
import type { Role } from '../../../contracts/auth';
import { LedgerService } from '../ledger.service';
import type { AccountRef } from '../chart-of-accounts';

/** A response body: loosely typed, as supertest gives it. */
type Body = request.Response['body'];

/** Coverages an underwriter with the default 350,000 limit may approve. */
export const modestCoverages = [
  { code: 'DEATH', sumInsured: 250_000_00 },
  { code: 'ADB', sumInsured: 50_000_00 },
];

/** The customer and the policy as the API answered them (response bodies, loosely typed like every supertest body). */
export interface IssuedPolicy {
  customer: { id: string; version: number; [key: string]: Body };
  policy: { id: string; number: string; currency: string; [key: string]: Body };
}

export interface BillingWorld {
  t: TestApp;
  f: ReturnType<typeof orderFixtures>;
  ledger: LedgerService;
  admin: Session;
  branch: string;
  otherBranch: string;
  productId: string;
  /** A fresh login with the role in `branchId` (default: the world's branch). */
  as(role: Role, branchId?: string): Promise<Session>;
  /** The same, with the user's id (for actor checks such as four-eyes). */
  userAs(role: Role, branchId?: string): Promise<{ session: Session; userId: string }>;
  /**
   * A policy issued through the real approval; `token` replaces its stored card token (a sandbox test
   * token); `productId` sells another published product (default: the world's term life); `branchId`
   * defaults to the world's branch.
   */
  issuedPolicy(options?: {
    token?: string;
    coverages?: { code: string; sumInsured: number }[];
    productId?: string;
    branchId?: string;
    age?: number;
    termYears?: number;
  }): Promise<IssuedPolicy>;
  /** POST /api/payments with an Idempotency-Key (a new one unless given). */
  pay(session: Session, body: object, key?: string): request.Test;
  billingOf(session: Session, policyId: string): Promise<Body>;
  entriesOf(sourceType: string, sourceId: string): Promise<Body[]>;
  postingsOf(entryId: string): Promise<{ kind: string; owner_key: string; direction: string; amount: string; currency: string }[]>;
  balance(ref: AccountRef): Promise<number>;
  /** The whole ledger: one row per currency with Σ debits and Σ credits (equal when it balances). */
  trialTotals(): Promise<{ currency: string; debits: number; credits: number }[]>;
  close(): Promise<void>;
}

/** Creates the world (call in beforeAll) on a database named after `prefix`. */
export async function billingWorld(prefix: string, options: { env?: Record<string, string>; startAt?: string } = {}): Promise<BillingWorld> {
  const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
  const url = await createMigratedDatabase(adminUrl, prefix);
  const t = createTestApp({ env: { DATABASE_URL: url, ...options.env } });
  if (options.startAt) t.clock.set(options.startAt);
  const f = orderFixtures(t);
  const ledger = new LedgerService(t.db, t.clock, t.services.audit, t.services.customerProfiles);
  const admin = (await loggedIn(t.app, t.db, { role: 'admin' })).session;
  const branch = (await makeBranch(t.db)).id;
  const otherBranch = (await makeBranch(t.db)).id;
  await t.db('approval_limits').insert([{ role: 'underwriter', kind: 'order_sum_insured', currency: 'USD', max_amount: 350_000_00, revision: 1, updated_at: new Date() }]);
  const productId = await f.publishTermLife(admin);

  const userAs = async (role: Role, branchId = branch) => {
    const login = await loggedIn(t.app, t.db, { role, branchId });
    return { session: login.session, userId: login.user.id };
  };
  const as = async (role: Role, branchId = branch) => (await userAs(role, branchId)).session;

  async function issuedPolicy(
    opts: { token?: string; coverages?: { code: string; sumInsured: number }[]; productId?: string; branchId?: string; age?: number; termYears?: number } = {},
  ): Promise<IssuedPolicy> {
    const branchId = opts.branchId ?? branch;
    const agent = await as('agent', branchId);
    const underwriter = await as('underwriter');
    const { customer, order } = await f.inReview(agent, underwriter, branchId, opts.productId ?? productId, {
      coverages: opts.coverages ?? modestCoverages,
      ...(opts.age === undefined ? {} : { age: opts.age }),
      ...(opts.termYears === undefined ? {} : { termYears: opts.termYears }),
    });
    const approved = (await f.step(underwriter, order.id, 'approve', order.version).expect(200)).body;
    const policy = (await request(t.app).get(`/api/policies/${approved.policyId}`).set(agent.auth).expect(200)).body;
    if (opts.token)
      await t
        .db('billing_policies')
        .where({ policy_id: policy.id })
        .update({ payment_method: JSON.stringify({ ...policy.paymentMethod, token: opts.token }) });
    return { customer, policy };
  }

  const postingsOf = (entryId: string) =>
    t
      .db('postings as p')
      .join('ledger_accounts as a', 'a.id', 'p.account_id')
      .where('p.entry_id', entryId)
      .select('a.kind', 'a.owner_key', 'p.direction', 'p.amount', 'p.currency');

  async function trialTotals() {
    const { rows } = await t.db.raw<{ rows: { currency: string; debits: string; credits: string }[] }>(
      `SELECT currency, SUM(amount) FILTER (WHERE direction = 'debit') AS debits, SUM(amount) FILTER (WHERE direction = 'credit') AS credits FROM postings GROUP BY currency ORDER BY currency`,
    );
    return rows.map((r) => ({ currency: r.currency, debits: Number(r.debits), credits: Number(r.credits) }));
  }

  return {
    t,
    f,
    ledger,
    admin,
    branch,
    otherBranch,
    productId,
    as,
    userAs,
    issuedPolicy,
    pay: (session, body, key = crypto.randomUUID()) => request(t.app).post('/api/payments').set(session.auth).set('Idempotency-Key', key).send(body),
    billingOf: async (session, policyId) => (await request(t.app).get(`/api/policies/${policyId}/billing`).set(session.auth).expect(200)).body,
    entriesOf: (sourceType, sourceId) => t.db('journal_entries').where({ source_type: sourceType, source_id: sourceId }).orderBy('seq'),
    postingsOf,
    balance: (ref) => ledger.balance(t.db, ref),
    trialTotals,
    close: async () => {
      await t.close();
      await dropDatabase(adminUrl, url);
    },
  };
}
