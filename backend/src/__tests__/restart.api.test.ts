import type { Knex } from 'knex';
import { CLAIM_STATUSES } from '../contracts/claims';
import { createLogger } from '../platform/logger';
import { startServer } from '../server';
import { testConfig } from '../../test/support/test-app';
import { createMigratedDatabase, dropDatabase } from '../../test/support/test-database';
import { DEMO_BRANCHES, DEMO_LOGINS } from '../../../seeds/demo/001_branches_and_users';
import { SYSTEM_USERS } from '../modules/identity/system-users';
import { DEMO_CUSTOMER_COUNT } from '../../../seeds/demo/003_customers';
import { PROCESS_TEST_TIMEOUT_MS } from '../../test/support/timeouts';

const SYSTEM_EMAILS = Object.values(SYSTEM_USERS).map((u) => u.email);

/** The demo's claims, as the issue asks for them (issue 13, Demo data). */
async function demoClaimsOf(db: Knex) {
  const count = async (sql: string) => Number((await db.raw(`SELECT count(*)::int AS c FROM (${sql}) x`)).rows[0].c);
  const lines = await db('claims as c')
    .join('product_versions as v', 'v.id', 'c.product_version_id')
    .join('products as p', 'p.id', 'v.product_id')
    .distinct('p.category')
    .pluck('p.category');
  return {
    lines: lines.sort(),
    deathPaidToTwoBeneficiaries: await count(
      `SELECT c.id FROM claims c JOIN claim_payments cp ON cp.claim_id = c.id
        WHERE c.loss_type = 'death' AND c.status = 'paid' AND cp.payee_kind = 'beneficiary'
        GROUP BY c.id HAVING count(DISTINCT cp.payee_name) = 2 AND count(*) = 2`,
    ),
    motorPaidInTwoPartsToARepairShop: await count(
      `SELECT c.id FROM claims c JOIN claim_payments cp ON cp.claim_id = c.id
        WHERE c.loss_type LIKE 'vehicle_%' AND c.status IN ('paid', 'closed') AND cp.payee_kind = 'repair_shop'
        GROUP BY c.id HAVING count(*) = 2 AND bool_or(cp.final) AND NOT bool_and(cp.final)`,
    ),
    // Rejected on the assessment's exclusion or waiting-period clause (the version's waiting periods are among the policy's exclusions).
    rejectedForAnExclusion: await count(
      `SELECT c.id FROM claims c WHERE c.assessment->>'decision' = 'reject' AND c.assessment->>'reasonCode' IN ('EXCLUSION_APPLIES', 'WAITING_PERIOD')
          AND EXISTS (SELECT 1 FROM claim_status_history h WHERE h.claim_id = c.id AND h.to_status = 'rejected')`,
    ),
    referredForFraud: await count(`SELECT c.id FROM claims c WHERE c.referral_status = 'open' AND jsonb_array_length(c.fraud_indicators) > 0`),
    reopened: await count(
      `SELECT c.id FROM claims c WHERE c.status = 'reopened' AND EXISTS (SELECT 1 FROM claim_status_history h WHERE h.claim_id = c.id AND h.to_status = 'reopened' AND h.reason IS NOT NULL)`,
    ),
  };
}

describe('start-up on a fresh database', () => {
  it(
    'migrates, loads demo data in local mode, and a second start duplicates nothing',
    async () => {
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_restart', { migrate: false });
      const config = { ...testConfig({ DATABASE_URL: url, JOBS_ENABLED: 'false' }), port: 0 };
      const counts = async (db: Awaited<ReturnType<typeof startServer>>['db']) => ({
        // People: the demo logins (the system users automatic sources act as, e.g. Telephony, are not people).
        users: Number((await db('users').whereNotIn('email', SYSTEM_EMAILS).count('* as c'))[0]!.c),
        branches: Number((await db('branches').count('* as c'))[0]!.c),
        limits: Number((await db('approval_limits').count('* as c'))[0]!.c),
        managed: Number((await db('user_managed_branches').count('* as c'))[0]!.c),
        customers: Number((await db('customers').count('* as c'))[0]!.c),
        orders: Object.fromEntries((await db('orders').groupBy('status').select('status').count('* as c')).map((r) => [r.status, Number(r.c)])),
        policies: Number((await db('policies').count('* as c'))[0]!.c),
        billingPolicies: Number((await db('billing_policies').count('* as c'))[0]!.c),
        invoices: Object.fromEntries((await db('invoices').groupBy('status').select('status').count('* as c')).map((r) => [r.status, Number(r.c)])),
        payments: Object.fromEntries((await db('payments').groupBy('status').select('status').count('* as c')).map((r) => [r.status, Number(r.c)])),
        lateFees: Number((await db('invoice_lines').where({ kind: 'late_fee' }).count('* as c'))[0]!.c),
        waivedFees: Number((await db('invoice_lines').where({ kind: 'late_fee' }).whereNotNull('waived_at').count('* as c'))[0]!.c),
        refunds: Object.fromEntries((await db('refunds').groupBy('status').select('status').count('* as c')).map((r) => [r.status, Number(r.c)])),
        claimLimits: Object.fromEntries(
          (await db('approval_limits').where({ kind: 'claim_amount', currency: 'USD' }).select('role', 'max_amount')).map((r) => [r.role, Number(r.max_amount)]),
        ),
        claims: Object.fromEntries((await db('claims').groupBy('status').select('status').count('* as c')).map((r) => [r.status, Number(r.c)])),
        demoClaims: await demoClaimsOf(db),
        // Customers holding credit (their customer_credit account's credits above its debits).
        creditHolders: Number(
          (
            await db.raw(
              `SELECT count(*) AS c FROM (SELECT a.id FROM ledger_accounts a JOIN postings p ON p.account_id = a.id WHERE a.kind = 'customer_credit'
                GROUP BY a.id HAVING sum(CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END) > 0) x`,
            )
          ).rows[0].c,
        ),
        // Σ debits − Σ credits over every posting: zero when the ledger balances.
        ledgerImbalance: Number((await db('postings').select(db.raw("coalesce(sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END), 0) AS d")))[0]!.d),
      });
      try {
        const first = await startServer(config, { logger: createLogger('silent') });
        const afterFirst = await counts(first.db);
        await first.shutdown('test');
        expect(afterFirst).toMatchObject({ users: DEMO_LOGINS.length, branches: DEMO_BRANCHES.length, managed: 2, customers: DEMO_CUSTOMER_COUNT });
        expect(afterFirst.limits).toBeGreaterThan(0);
        // Applications in every state, a few dozen policies: one per approved order.
        for (const status of ['draft', 'submitted', 'in_underwriting', 'info_requested', 'approved', 'declined', 'withdrawn']) expect(afterFirst.orders[status]).toBeGreaterThan(0);
        expect(afterFirst.policies).toBeGreaterThanOrEqual(24);
        expect(afterFirst.policies).toBe(afterFirst.orders.approved);
        // Issuance goes through billing: each demo policy has billing's record.
        expect(afterFirst.billingPolicies).toBe(afterFirst.policies);
        // A billing history: paid and overdue invoices, succeeded payments and a declined card, a balanced ledger.
        expect(afterFirst.invoices.paid).toBeGreaterThan(0);
        expect(afterFirst.invoices.overdue).toBeGreaterThan(0);
        expect(afterFirst.payments.succeeded).toBeGreaterThan(0);
        expect(afterFirst.payments.failed).toBeGreaterThanOrEqual(1);
        // A few overdue invoices carry late fees (the reference products' rules); the manager waived one.
        expect(afterFirst.lateFees).toBeGreaterThan(0);
        expect(afterFirst.waivedFees).toBe(1);
        // A transfer paid twice and refunded: requested by an agent, approved by the manager, paid.
        expect(afterFirst.refunds).toEqual({ paid: 1 });
        // A customer who paid a little more than was due holds a credit balance.
        expect(afterFirst.creditHolders).toBeGreaterThanOrEqual(1);
        expect(afterFirst.ledgerImbalance).toBe(0);
        // Claim approvals by amount climb from the adjuster to a senior agent or a manager.
        expect(afterFirst.claimLimits.claims_adjuster).toBeLessThan(afterFirst.claimLimits.senior_agent!);
        expect(afterFirst.claimLimits.senior_agent).toBeLessThan(afterFirst.claimLimits.manager!);
        // Claims in every state across the lines (seeds/demo/011_claims.ts), and the stories the desk is shown.
        expect(CLAIM_STATUSES.filter((status) => !((afterFirst.claims[status] ?? 0) > 0))).toEqual([]);
        expect(afterFirst.demoClaims).toEqual({
          lines: ['auto', 'health', 'home', 'life'],
          deathPaidToTwoBeneficiaries: 1,
          motorPaidInTwoPartsToARepairShop: 1,
          rejectedForAnExclusion: 1,
          referredForFraud: 1,
          reopened: 1,
        });

        const second = await startServer(config, { logger: createLogger('silent') });
        const afterSecond = await counts(second.db);
        await second.shutdown('test');
        expect(afterSecond).toEqual(afterFirst);
      } finally {
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'brings up two instances started together on an empty database (migrations, job tables and seeds under one lock)',
    async () => {
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_twins', { migrate: false });
      const config = { ...testConfig({ DATABASE_URL: url, JOBS_ENABLED: 'false' }), port: 0 };
      try {
        const started = await Promise.allSettled([startServer(config, { logger: createLogger('silent') }), startServer(config, { logger: createLogger('silent') })]);
        const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
        try {
          expect(started.map((s) => (s.status === 'rejected' ? String((s.reason as Error).message) : 'up'))).toEqual(['up', 'up']);
          for (const server of servers) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
          const db = servers[0]!.db;
          expect(Number((await db('users').whereNotIn('email', SYSTEM_EMAILS).count('* as c'))[0]!.c)).toBe(DEMO_LOGINS.length);
          expect(Number((await db('customers').count('* as c'))[0]!.c)).toBe(DEMO_CUSTOMER_COUNT);
          const products = await db('products').select('code').count('* as c').groupBy('code');
          expect(products.length).toBeGreaterThan(0);
          expect(products.every((p) => Number(p.c) === 1)).toBe(true);
        } finally {
          await Promise.all(servers.map((s) => s.shutdown('test')));
        }
      } finally {
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'never loads demo data in production mode',
    async () => {
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_prod', { migrate: false });
      const config = { ...testConfig({ DATABASE_URL: url, JOBS_ENABLED: 'false', APP_ENV: 'production', PASSWORD_HASH_COST: '12' }), port: 0 };
      try {
        const server = await startServer(config, { logger: createLogger('silent') });
        const users = Number((await server.db('users').count('* as c'))[0]!.c);
        await server.shutdown('test');
        expect(users).toBe(0);
      } finally {
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
