// `npm run seed:volume -- --claims N` writes claims in bulk SQL rather than through the claims
// service: these tests prove that what it writes is what the service would have — the ledger
// verifies and its claims accounts agree with the reserves and payments, every claim reads through
// the API (each response checked against the OpenAPI document) as its rows say, and the service
// takes the seeded claims on from where the seed left them.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { loginAsVolumeUser, volumeReader } from '../../../../test/support/volume-logins';
import { seedVolumeClaims } from '../../../cli/volume-claims';
import { seedVolumeCustomers } from '../../../cli/volume-customers';
import { seedVolumePolicies } from '../../../cli/volume-policies';
import { createLogger } from '../../../platform/logger';
import { runSeeds } from '../../../platform/seeds';
import { LedgerService } from '../../billing/ledger.service';
import { createFieldCrypto } from '../../shared-services';

const POLICIES = 240;
const CLAIMS = 120;
const TODAY = '2027-03-15';
const adminUrl = () => process.env.POLICYDESK_TEST_ADMIN_URL!;

let url: string;
let t: TestApp;
let ledger: LedgerService;
let seeded: { existing: number; added: number };
let manager: Session;

const rows = async <T>(sql: string, bindings: (string | number)[] = []): Promise<T[]> => (await t.db.raw(sql, bindings)).rows as T[];
const options = () => ({ target: CLAIMS, clock: t.clock, services: t.services });

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl(), 'claims_volume');
  t = createTestApp({ env: { DATABASE_URL: url } });
  t.clock.set(`${TODAY}T09:00:00Z`);
  ledger = new LedgerService(t.db, t.clock, t.services.audit, t.services.customerProfiles);
  await runSeeds(t.db, { clock: t.clock, logger: createLogger('silent'), config: t.config, fieldCrypto: createFieldCrypto(t.config) }, { demo: false });
  await seedVolumeCustomers(t.db, { target: 480, config: t.config, clock: t.clock });
  await seedVolumePolicies(t.db, { target: POLICIES, clock: t.clock, leadDays: t.config.invoiceLeadDays });
  seeded = await seedVolumeClaims(t.db, options());
  // A manager of every volume branch reads them all.
  const branchIds: string[] = await t.db('claims').distinct('branch_id').pluck('branch_id');
  manager = await volumeReader(t, branchIds, 'volume-claims-reader@volume.test');
}, 240_000);

afterAll(async () => {
  await t?.close();
  if (url) await dropDatabase(adminUrl(), url);
});

describe('seed:volume --claims', () => {
  it('adds N claims, one per policy, spread over the statuses a book has', async () => {
    expect(seeded).toEqual({ existing: 0, added: CLAIMS });
    const byStatus = await rows<{ status: string; n: string }>('SELECT status, count(*) AS n FROM claims GROUP BY status');
    const statuses = new Set(byStatus.map((s) => s.status));
    for (const s of ['submitted', 'under_investigation', 'assessed', 'paid', 'closed', 'rejected']) expect(statuses).toContain(s);
    const [{ policies }] = await rows<{ policies: string }>('SELECT count(DISTINCT policy_id) AS policies FROM claims');
    expect(Number(policies)).toBe(CLAIMS);
    // Each claim's history starts at its first notice and ends where the claim is; its audit trail starts with claim.create.
    const [mismatch] = await rows<{ last: string; first: string; created: string }>(
      `SELECT count(*) FILTER (WHERE l.to_status <> c.status) AS last,
              count(*) FILTER (WHERE f.from_status IS NOT NULL OR f.to_status <> 'draft') AS first,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'claim.create' AND a.entity_id = c.id::text)) AS created
       FROM claims c
       JOIN LATERAL (SELECT to_status FROM claim_status_history h WHERE h.claim_id = c.id ORDER BY id DESC LIMIT 1) l ON true
       JOIN LATERAL (SELECT from_status, to_status FROM claim_status_history h WHERE h.claim_id = c.id ORDER BY id LIMIT 1) f ON true`,
    );
    expect(mismatch).toEqual({ last: 0, first: 0, created: 0 });
  });

  it('leaves a ledger that verifies, its claims accounts agreeing with the reserves held and the payments made', async () => {
    const result = await ledger.verify();
    const [{ count }] = await rows<{ count: string }>('SELECT count(*) FROM journal_entries');
    expect(result).toMatchObject({ balanced: true, unbalancedCount: 0, trialBalanceOk: true, entriesChecked: Number(count) });
    const [money] = await rows<{ reserve: string; held: string; paid: string; payments: string; incurred: string }>(
      `SELECT
         (SELECT coalesce(sum(CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END), 0) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.kind = 'claims_reserve') AS reserve,
         (SELECT coalesce(sum(amount), 0) FROM claim_reserves) AS held,
         (SELECT coalesce(sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END), 0) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.kind = 'claims_paid') AS paid,
         (SELECT coalesce(sum(amount), 0) FROM claim_payments) AS payments,
         (SELECT coalesce(sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END), 0) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.kind = 'claims_incurred') AS incurred`,
    );
    expect(Number(money!.reserve)).toBe(Number(money!.held));
    expect(Number(money!.paid)).toBe(Number(money!.payments));
    expect(Number(money!.payments)).toBeGreaterThan(0);
    // Incurred = paid + outstanding reserve.
    expect(Number(money!.incurred)).toBe(Number(money!.held));
    // Each posted reserve change and payment carries the entry under the product's external id; pending ones none.
    const [links] = await rows<{ changes: string; pending: string; payments: string; paid: string }>(
      `SELECT
         (SELECT count(*) FROM claim_reserve_changes rc LEFT JOIN journal_entries e ON e.id = rc.journal_entry_id
           WHERE rc.status = 'posted' AND (e.id IS NULL OR (e.external_id <> 'claim-reserve:' || rc.id AND NOT EXISTS (SELECT 1 FROM claim_payments cp WHERE cp.journal_entry_id = e.id)))) AS changes,
         (SELECT count(*) FROM claim_reserve_changes WHERE status <> 'posted' AND journal_entry_id IS NOT NULL) AS pending,
         (SELECT count(*) FROM claim_payments cp JOIN journal_entries e ON e.id = cp.journal_entry_id WHERE e.external_id <> 'claim-payment:' || cp.id) AS payments,
         (SELECT count(*) FROM claims c WHERE c.paid_amount <> (SELECT coalesce(sum(amount), 0) FROM claim_payments cp WHERE cp.claim_id = c.id)) AS paid`,
    );
    expect(links).toEqual({ changes: 0, pending: 0, payments: 0, paid: 0 });
  });

  it('reads every claim through the API as its rows say', async () => {
    const claims = await rows<{ id: string; status: string; version: number; assignee_id: string | null; paid_amount: string }>(
      'SELECT id, status, version, assignee_id, paid_amount FROM claims ORDER BY claim_number',
    );
    for (const c of claims) {
      const res = await request(t.app).get(`/api/claims/${c.id}`).set(manager.auth).expect(200);
      expect(res.body).toMatchObject({ status: c.status, version: c.version, paidAmount: Number(c.paid_amount) });
      expect(res.body.assignee?.id ?? null).toBe(c.assignee_id);
    }
    const paid = claims.find((c) => c.status === 'paid')!;
    for (const part of ['history', 'reserves', 'payments', 'notes']) await request(t.app).get(`/api/claims/${paid.id}/${part}`).set(manager.auth).expect(200);
    const unassigned = await request(t.app).get('/api/claims?status=submitted&assignee=unassigned').set(manager.auth).expect(200);
    expect(unassigned.body.items.length).toBeGreaterThan(0);
  });

  it('pages through the worklist newest first, each claim once, by status as by the whole list', async () => {
    const pages = async (query: string) => {
      const seen: { id: string; createdAt: string; status: string; policy: { policyNumber: string } }[] = [];
      let cursor: string | undefined;
      do {
        const res = await request(t.app)
          .get(`/api/claims?${query}limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .set(manager.auth)
          .expect(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const all = await pages('');
    expect(all).toHaveLength(CLAIMS);
    expect(new Set(all.map((c) => c.id)).size).toBe(CLAIMS);
    const times = all.map((c) => c.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.every((c) => /^P-\d{6}$/.test(c.policy.policyNumber))).toBe(true);
    const [{ n }] = await rows<{ n: string }>("SELECT count(*) AS n FROM claims WHERE status = 'under_investigation'");
    const investigating = await pages('status=under_investigation&');
    expect(investigating).toHaveLength(Number(n));
    expect(investigating.every((c) => c.status === 'under_investigation')).toBe(true);
  });

  it('lets the service take seeded claims on: an adjuster starts an unassigned one, closes a paid one; the ledger still verifies', async () => {
    const [waiting] = await rows<{ id: string; version: number; branch_id: string }>(
      "SELECT id, version, branch_id FROM claims WHERE status = 'submitted' AND assignee_id IS NULL ORDER BY claim_number LIMIT 1",
    );
    const adjuster = await loginAsVolumeUser(t, `volume-adjuster-1-${waiting!.branch_id}@volume.test`);
    const started = await request(t.app).post(`/api/claims/${waiting!.id}/start-investigation`).set(adjuster.auth).set('If-Match', `"${waiting!.version}"`).send({}).expect(200);
    expect(started.body).toMatchObject({ status: 'under_investigation', version: waiting!.version + 1 });
    const [paid] = await rows<{ id: string; version: number; branch_id: string }>(
      "SELECT id, version, branch_id FROM claims WHERE status = 'paid' AND branch_id = ? ORDER BY claim_number LIMIT 1",
      [waiting!.branch_id],
    );
    const closed = await request(t.app).post(`/api/claims/${paid!.id}/close`).set(adjuster.auth).set('If-Match', `"${paid!.version}"`).send({}).expect(200);
    expect(closed.body.status).toBe('closed');
    expect(await ledger.verify()).toMatchObject({ balanced: true, unbalancedCount: 0 });
  });

  it('tops up: asked again for the same number, it adds nothing', async () => {
    expect(await seedVolumeClaims(t.db, options())).toEqual({ existing: CLAIMS, added: 0 });
  });
});
