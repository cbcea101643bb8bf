// The daily ledger verification and the health endpoint's report of it. The test writes an
// unbalanced history on purpose (triggers switched off for its transaction, as superuser), so it
// works on a database of its own.
import crypto from 'node:crypto';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { VERIFY_LEDGER_JOB } from '..';
import { LedgerService } from '../ledger.service';

let t: TestApp;
let url: string;
const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
let ledger: LedgerService;

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl, 'policydesk_ledger_verify');
  t = createTestApp({ env: { DATABASE_URL: url } });
  ledger = new LedgerService(t.db, t.clock, t.services.audit, t.services.customerProfiles);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await t.close();
  await dropDatabase(adminUrl, url);
});

const latest = () => t.db('ledger_verifications').orderBy('id', 'desc').first();

it('is scheduled daily as billing.verify-ledger', () => {
  expect(t.jobs.names).toContain(VERIFY_LEDGER_JOB);
});

it('records balanced=true for a sound ledger and reports it as healthy; an unbalanced history is reported and named', async () => {
  // Before any verification the health check says so, without failing.
  const before = await request(t.app).get('/healthz').expect(200);
  expect(before.body).toEqual({ status: 'pass', checks: { ledger: { status: 'unknown', detail: expect.any(String) } } });

  for (const currency of ['USD', 'EUR']) {
    await t.db.transaction((trx) =>
      ledger.post(trx, {
        externalId: `verify:${crypto.randomUUID()}`,
        effectiveDate: '2026-12-05',
        sourceType: 'payment',
        description: 'sound',
        createdBy: null,
        postings: [
          { account: { kind: 'cash_clearing', owner: 'cash', currency }, direction: 'debit', amount: 4_200 },
          { account: { kind: 'customer_credit', owner: crypto.randomUUID(), currency }, direction: 'credit', amount: 4_200 },
        ],
      }),
    );
  }
  await t.jobs.runNow(VERIFY_LEDGER_JOB, {});
  expect(await latest()).toMatchObject({ entries_checked: 2, unbalanced_count: 0, unbalanced_entry_ids: [], trial_balance_ok: true, balanced: true });
  const healthy = await request(t.app).get('/healthz').expect(200);
  expect(healthy.body).toMatchObject({ status: 'pass', checks: { ledger: { status: 'pass', balanced: true, entriesChecked: 2, unbalancedEntries: 0 } } });

  // Written past the database's guards by its owner (the app's role may not switch triggers off): a credit
  // one cent short, a lone posting, no postings at all.
  const usd = (await t.db('ledger_accounts').where({ kind: 'cash_clearing', currency: 'USD' }).first()).id;
  const eur = (await t.db('ledger_accounts').where({ kind: 'cash_clearing', currency: 'EUR' }).first()).id;
  const corrupt = async (postings: { account_id: string; direction: string; amount: number; currency: string }[]) =>
    t.ownerDb.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      const [{ id }] = await trx('journal_entries')
        .insert({ external_id: `bad:${crypto.randomUUID()}`, effective_date: '2026-12-05', source_type: 'payment', description: 'corrupt', created_at: new Date() })
        .returning('id');
      if (postings.length) await trx('postings').insert(postings.map((p) => ({ entry_id: id, ...p })));
      return id as string;
    });
  const short = await corrupt([
    { account_id: usd, direction: 'debit', amount: 100, currency: 'USD' },
    { account_id: usd, direction: 'credit', amount: 99, currency: 'USD' },
  ]);
  const lone = await corrupt([{ account_id: eur, direction: 'debit', amount: 5, currency: 'EUR' }]);
  const empty = await corrupt([]);
  await t.jobs.runNow(VERIFY_LEDGER_JOB, {});
  expect(await latest()).toMatchObject({ entries_checked: 5, unbalanced_count: 3, unbalanced_entry_ids: [short, lone, empty], trial_balance_ok: false, balanced: false });
  expect((await latest()).trial_balance).toEqual(
    expect.arrayContaining([
      { currency: 'USD', debits: 4_300, credits: 4_299 },
      { currency: 'EUR', debits: 4_205, credits: 4_200 },
    ]),
  );
  const unhealthy = await request(t.app).get('/healthz').expect(503);
  expect(unhealthy.body).toMatchObject({ status: 'fail', checks: { ledger: { status: 'fail', balanced: false, unbalancedEntries: 3, trialBalanceOk: false } } });
  // Readiness does not depend on it: the instance still serves.
  await request(t.app).get('/readyz').expect(200);
});
