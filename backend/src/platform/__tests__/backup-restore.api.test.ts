// Backups that are restored, on real engines: an embedded PostgreSQL 17 primary of this test's own
// with WAL archiving, a base backup taken with the low-level backup API while customers are created
// and ledger entries posted, then a point-in-time restore into a new data directory. The restored
// database at the chosen instant equals the primary at that instant: row counts, ledger totals per
// account, every journal entry balanced, and the audit log row for row.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { withTransaction, createDb } from '../../db';
import { customerBody, makeBranch, sessionAs, type Session } from '../../../test/support/factories';
import { startClusterFixture, type ClusterFixture } from '../../../test/support/pg-cluster';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../test/support/timeouts';

let cluster: ClusterFixture | undefined;
let t: TestApp;
let agent: Session;
let branchId: string;

beforeAll(async () => {
  cluster = await startClusterFixture({ archiving: true, prefix: 'backup_test' });
  t = createTestApp({ env: { DATABASE_URL: cluster.info.runtimeUrl, MIGRATION_DATABASE_URL: cluster.info.ownerUrl }, db: createDb({ url: cluster.info.runtimeUrl, poolMax: 4 }) });
  branchId = (await makeBranch(t.db)).id;
  agent = await sessionAs(t, 'agent', branchId);
}, PROCESS_TEST_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
  await cluster?.close();
}, 60_000);

/** What must be equal between the primary at an instant and the restore to that instant. */
async function facts(client: pg.Client) {
  const one = async (sql: string) => (await client.query(sql)).rows;
  const [counts] = await one(`SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM journal_entries)::int AS entries,
                                     (SELECT count(*) FROM postings)::int AS postings, (SELECT count(*) FROM audit_log)::int AS audit`);
  const totals = await one(`SELECT a.kind, p.currency, sum(CASE WHEN p.direction = 'debit' THEN p.amount ELSE 0 END)::bigint::text AS debits,
                                   sum(CASE WHEN p.direction = 'credit' THEN p.amount ELSE 0 END)::bigint::text AS credits
                              FROM postings p JOIN ledger_accounts a ON a.id = p.account_id GROUP BY a.kind, p.currency ORDER BY a.kind, p.currency`);
  const [audit] = await one(
    `SELECT md5(string_agg(concat_ws('|', id, occurred_at, action, outcome, entity_type, entity_id, changes::text, metadata::text), ',' ORDER BY id)) AS digest, max(id)::text AS last FROM audit_log`,
  );
  return { counts, totals, audit };
}

it('restores a backup taken during writes to a point in time: counts, ledger totals, balanced journals and the audit log equal the primary then', async () => {
  const { info } = cluster!;
  const backupDir = path.join(info.dir, 'backups');
  const owner = new pg.Client({ connectionString: info.ownerUrl });
  await owner.connect();
  let paused = false;
  let stop = false;
  let n = 0;
  const inFlight = new Set<Promise<unknown>>();
  // One unit of business work: a customer (audited) and a balanced ledger entry.
  const work = async () => {
    const i = ++n;
    await request(t.app).post('/api/customers').set(agent.auth).send(customerBody(branchId)).expect(201);
    const amount = 100 + crypto.randomInt(100_000);
    await withTransaction(t.db, (trx) =>
      t.services.ledger.post(trx, {
        externalId: `backup-test:${i}:${crypto.randomUUID()}`,
        effectiveDate: t.clock.businessDate(),
        sourceType: 'fee',
        description: `backup test ${i}`,
        createdBy: null,
        postings: [
          { account: { kind: 'write_offs', currency: 'USD' }, direction: 'debit', amount },
          { account: { kind: 'fee_income', currency: 'USD' }, direction: 'credit', amount },
        ],
      }),
    );
  };
  const writer = async () => {
    while (!stop) {
      if (paused) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const p = work();
      inFlight.add(p);
      await p.finally(() => inFlight.delete(p));
    }
  };
  const writers = [writer(), writer()];
  try {
    await new Promise((r) => setTimeout(r, 800));
    const { manifest } = await cluster!.send<{ manifest: { id: string; finishedAt: string } }>({ cmd: 'backup', backupDir });
    const doneDuringBackup = n;
    await new Promise((r) => setTimeout(r, 800));
    expect(n).toBeGreaterThan(doneDuringBackup);

    // The instant: writers held still around it, so no commit shares its millisecond.
    paused = true;
    await Promise.all(inFlight);
    await new Promise((r) => setTimeout(r, 30));
    const at = (await owner.query<{ at: Date }>('SELECT clock_timestamp() AS at')).rows[0]!.at;
    const then = await facts(owner);
    await new Promise((r) => setTimeout(r, 30));
    paused = false;
    await new Promise((r) => setTimeout(r, 800));
    stop = true;
    await Promise.all(writers);
    const later = await facts(owner);
    // Writes happened after the instant too: the restore must leave them out.
    expect(later.counts.customers).toBeGreaterThan(then.counts.customers);
    expect(new Date(manifest.finishedAt).getTime()).toBeLessThan(at.getTime());
    expect(then.counts.entries).toBeGreaterThan(0);

    await cluster!.send({ cmd: 'archive' });
    const targetDir = path.join(info.dir, 'restored', 'postgres');
    const { port } = await cluster!.send<{ port: number }>({ cmd: 'restore', backupDir, to: at.toISOString(), targetDir });
    expect(fs.existsSync(path.join(targetDir, 'PG_VERSION'))).toBe(true);
    const restoredUrl = new URL(info.ownerUrl);
    restoredUrl.port = String(port);
    const restored = new pg.Client({ connectionString: restoredUrl.toString() });
    await restored.connect();
    try {
      expect((await restored.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(false);
      const back = await facts(restored);
      expect(back).toEqual(then);
      // Every journal entry balances, and each has postings.
      const unbalanced = await restored.query(`SELECT e.id FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id GROUP BY e.id
                                                HAVING coalesce(sum(CASE WHEN p.direction = 'debit' THEN p.amount ELSE -p.amount END), 0) <> 0 OR count(p.id) = 0`);
      expect(unbalanced.rows).toEqual([]);
    } finally {
      await restored.end();
      await cluster!.send({ cmd: 'stopRestored' });
    }

    // The keys are never in a backup: no secrets file, and no file holds the field-encryption key.
    const key = t.config.secrets.fieldEncryptionKey!.split(':')[1]!;
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else files.push(path.join(d, e.name));
      }
    };
    walk(backupDir);
    expect(files.some((f) => path.basename(f) === 'secrets.json')).toBe(false);
    expect(files.filter((f) => fs.readFileSync(f).includes(Buffer.from(key)))).toEqual([]);
  } finally {
    stop = true;
    await Promise.allSettled(writers);
    await owner.end();
  }
});
