import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../db';
import { startServer } from '../../server';
import { appendOnlyTables, EMBEDDED_RUNTIME_ROLE, grantRuntimePrivileges } from '../database-roles';
import { prepareDatabase } from '../database-setup';
import { createLogger } from '../logger';
import { StartupError } from '../startup-error';
import { captureLogs, testConfig, testDatabaseUrl } from '../../../test/support/test-app';
import { createMigratedDatabase, dropDatabase, ownerUrlOf, TEST_RUNTIME_ROLE } from '../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../test/support/timeouts';

const INSUFFICIENT_PRIVILEGE = '42501';
const refused = (query: PromiseLike<unknown>) => expect(Promise.resolve(query)).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });

/** One audit row, written as the app writes them. */
async function auditRow(db: Db): Promise<number> {
  const [row] = await db('audit_log')
    .insert({ occurred_at: new Date(), action: 'branch.update', outcome: 'success', entity_type: 'branch', entity_id: 'probe', request_id: 'roles-test' })
    .returning('id');
  return Number(row.id);
}

/** What the audit trail's rules ask of the role `db` connects as; the row `id` must come through untouched. */
async function expectAuditTrailHolds(db: Db, id: number) {
  await refused(db('audit_log').where({ id }).update({ action: 'tampered' }));
  await refused(db('audit_log').where({ id }).delete());
  await refused(db.raw('TRUNCATE audit_log'));
  // The bypass that works for a superuser: replica mode skips every ordinary trigger.
  await refused(db.raw('SET session_replication_role = replica'));
  await refused(db.transaction((trx) => trx.raw('SET LOCAL session_replication_role = replica')));
  await refused(db.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete'));
  await refused(db.raw('DROP TABLE audit_log'));
  await refused(db.raw('CREATE TABLE planted (id int)'));
  for (const [table, column] of [
    ['postings', 'amount'],
    ['journal_entries', 'description'],
    ['ledger_accounts', 'currency'],
    ['order_status_history', 'reason'],
  ] as const) {
    await refused(db.raw(`UPDATE ${table} SET ${column} = ${column}`));
    await refused(db(table).delete());
    await refused(db.raw(`TRUNCATE ${table} CASCADE`));
  }
  expect(await db('audit_log').where({ id }).first()).toMatchObject({ action: 'branch.update', request_id: 'roles-test' });
}

describe('database roles', () => {
  it(
    'the role the running app uses cannot UPDATE, DELETE or TRUNCATE the audit trail, nor switch its triggers off',
    async () => {
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_roles', { migrate: false });
      // Production: refuses to start unless the runtime role is clean; jobs on, so pg-boss connects too.
      const config = { ...testConfig({ DATABASE_URL: url, APP_ENV: 'production', PASSWORD_HASH_COST: '12', JOBS_ENABLED: 'true' }), port: 0 };
      const owner = createDb({ url: ownerUrlOf(url), poolMax: 1 });
      try {
        const server = await startServer(config, { logger: createLogger('silent') });
        try {
          // Every connection the running app holds (request pool, pg-boss) is the runtime role's.
          const sessions = await owner.raw<{ rows: { usename: string; application_name: string }[] }>(
            `SELECT usename, application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          );
          expect(sessions.rows.length).toBeGreaterThan(0);
          expect(new Set(sessions.rows.map((s) => s.usename))).toEqual(new Set([TEST_RUNTIME_ROLE.name]));
          expect(sessions.rows.map((s) => s.application_name)).toContain('policydesk-jobs');

          const id = await auditRow(server.db);
          await expectAuditTrailHolds(server.db, id);
          // Business tables stay writable.
          const now = new Date();
          const [branch] = await server.db('branches').insert({ code: 'ROLES', name: 'Roles', created_at: now, updated_at: now }).returning('id');
          await server.db('branches').where({ id: branch.id }).update({ name: 'Renamed' });
          await server.db('branches').where({ id: branch.id }).delete();
        } finally {
          await server.shutdown('test');
        }
      } finally {
        await owner.destroy();
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('grants the runtime role SELECT and INSERT only on append-only tables, read and write on the others, TRUNCATE on none', async () => {
    const db = createDb({ url: ownerUrlOf(testDatabaseUrl()), poolMax: 1 });
    try {
      const appendOnly = await appendOnlyTables(db);
      expect(appendOnly).toEqual(
        expect.arrayContaining([
          'audit_log',
          'journal_entries',
          'postings',
          'ledger_accounts',
          'customer_status_history',
          'order_status_history',
          'order_exam_events',
          'policy_status_history',
          'invoice_status_history',
          'payment_status_history',
        ]),
      );
      const { rows } = await db.raw<{ rows: { table: string; privileges: string[] }[] }>(
        `SELECT c.relname AS table,
                array_remove(ARRAY[
                  CASE WHEN has_table_privilege(:role, c.oid, 'SELECT') THEN 'SELECT' END,
                  CASE WHEN has_table_privilege(:role, c.oid, 'INSERT') THEN 'INSERT' END,
                  CASE WHEN has_table_privilege(:role, c.oid, 'UPDATE') THEN 'UPDATE' END,
                  CASE WHEN has_table_privilege(:role, c.oid, 'DELETE') THEN 'DELETE' END,
                  CASE WHEN has_table_privilege(:role, c.oid, 'TRUNCATE') THEN 'TRUNCATE' END,
                  CASE WHEN has_table_privilege(:role, c.oid, 'TRIGGER') THEN 'TRIGGER' END], NULL) AS privileges
           FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'probe%'`,
        { role: TEST_RUNTIME_ROLE.name },
      );
      const expected = (table: string) => (table.startsWith('knex_migrations') ? [] : appendOnly.includes(table) ? ['SELECT', 'INSERT'] : ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
      for (const { table, privileges } of rows) expect({ table, privileges }).toEqual({ table, privileges: expected(table) });
    } finally {
      await db.destroy();
    }
  });

  it(
    'grants what later migrations create: new tables at once (default privileges), only SELECT and INSERT once a new table is append-only',
    async () => {
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_roles_later');
      const owner = createDb({ url: ownerUrlOf(url), poolMax: 1 });
      const runtime = createDb({ url, poolMax: 1 });
      try {
        // What a later migration does, as the owner.
        await owner.raw(`
          CREATE TABLE late_fees (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, amount bigint NOT NULL);
          CREATE SEQUENCE late_fee_number_seq;
          CREATE TABLE refund_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text NOT NULL);
          CREATE TRIGGER refund_events_no_update_delete BEFORE UPDATE OR DELETE ON refund_events FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
          CREATE TRIGGER refund_events_no_truncate BEFORE TRUNCATE ON refund_events FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
        `);
        const [fee] = await runtime('late_fees').insert({ amount: 500 }).returning('id');
        await runtime('late_fees').where({ id: fee.id }).update({ amount: 700 });
        await runtime('late_fees').where({ id: fee.id }).delete();
        expect((await runtime.raw(`SELECT nextval('late_fee_number_seq') AS n`)).rows[0].n).toBe(1);
        await refused(runtime.raw(`SELECT setval('late_fee_number_seq', 100)`));
        await refused(runtime.raw('TRUNCATE late_fees'));

        // The grant step that runs after every migration (start-up, npm run migrate) narrows the new append-only table.
        await grantRuntimePrivileges(owner, TEST_RUNTIME_ROLE.name);
        const [event] = await runtime('refund_events').insert({ note: 'refunded' }).returning('id');
        await refused(runtime('refund_events').where({ id: event.id }).update({ note: 'changed' }));
        await refused(runtime('refund_events').where({ id: event.id }).delete());
        expect(await runtime('refund_events').where({ id: event.id }).first()).toMatchObject({ note: 'refunded' });
      } finally {
        await runtime.destroy();
        await owner.destroy();
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'production refuses to start when the runtime role is a superuser, the owner itself or owns a table; local mode warns',
    async () => {
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_roles_refuse');
      const ownerUrl = ownerUrlOf(url);
      const production = (env: Record<string, string>) => ({ ...testConfig({ APP_ENV: 'production', PASSWORD_HASH_COST: '12', JOBS_ENABLED: 'false', ...env }), port: 0 });
      const start = (env: Record<string, string>) => startServer(production(env), { logger: createLogger('silent') });
      const owner = createDb({ url: ownerUrl, poolMax: 1 });
      try {
        await expect(start({ DATABASE_URL: ownerUrl, MIGRATION_DATABASE_URL: ownerUrl })).rejects.toThrow(StartupError);
        await expect(start({ DATABASE_URL: ownerUrl, MIGRATION_DATABASE_URL: ownerUrl })).rejects.toThrow(/"postgres" is a superuser.*MIGRATION_DATABASE_URL/);
        await expect(start({ DATABASE_URL: url, MIGRATION_DATABASE_URL: url })).rejects.toThrow(/is the migration role/);
        await owner.raw(`CREATE TABLE probe_owned (id int); ALTER TABLE probe_owned OWNER TO ${TEST_RUNTIME_ROLE.name}`);
        await expect(start({ DATABASE_URL: url })).rejects.toThrow(/owns 1 table\(s\) such as probe_owned/);

        // Local mode starts, with a warning naming the problem.
        const logs = captureLogs();
        const db = createDb({ url, poolMax: 1 });
        try {
          await prepareDatabase({ db, ownerUrl, logger: logs.logger, strict: false });
          expect(logs.lines().some((l) => /probe_owned/.test(l) && /"level":40/.test(l))).toBe(true);
        } finally {
          await db.destroy();
        }
      } finally {
        await owner.destroy();
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'embedded mode creates the runtime role itself (password in the local secrets): the running app connects only as it',
    async () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-embedded-roles-'));
      // As root, the embedded PostgreSQL runs as the postgres user, which must reach DATA_DIR.
      if (process.getuid?.() === 0) fs.chmodSync(home, 0o755);
      const dataDir = path.join(home, 'data');
      // `npm start` with nothing configured (the embedded PostgreSQL is started by the server process itself).
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../server.ts')], {
        // A minute to stop: beside other suites on a busy machine this stop once exited 1, most likely past the default 10 s shutdown timeout.
        env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '3887', LOG_LEVEL: 'warn', JOBS_ENABLED: 'true', PASSWORD_HASH_COST: '4', SHUTDOWN_TIMEOUT_MS: '60000' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c) => (output += c));
      child.stderr.on('data', (c) => (output += c));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let owner: Db | undefined;
      let runtime: Db | undefined;
      try {
        for (let ready = false; !ready;) {
          if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
          ready = await fetch('http://127.0.0.1:3887/readyz').then(
            (r) => r.ok,
            () => false,
          );
          if (!ready) await new Promise((r) => setTimeout(r, 250));
        }
        const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'));
        expect(secrets.embeddedAppPassword).toEqual(expect.any(String));
        // The cluster's port is the fourth line of postmaster.pid.
        const port = fs
          .readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')
          .split('\n')[3]!
          .trim();
        const at = (user: string, password: string) => `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/policydesk`;
        owner = createDb({ url: at('postgres', secrets.embeddedPostgresPassword), poolMax: 1 });
        runtime = createDb({ url: at(EMBEDDED_RUNTIME_ROLE, secrets.embeddedAppPassword), poolMax: 1 });
        const sessions = await owner.raw<{ rows: { usename: string }[] }>(
          `SELECT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        expect(sessions.rows.length).toBeGreaterThan(0);
        expect(new Set(sessions.rows.map((r) => r.usename))).toEqual(new Set([EMBEDDED_RUNTIME_ROLE]));
        expect(Number((await runtime('audit_log').count('* as c'))[0]!.c)).toBeGreaterThan(0);
        await expectAuditTrailHolds(runtime, await auditRow(runtime));
        expect(output).not.toMatch(/could rewrite/);
      } finally {
        await owner?.destroy();
        await runtime?.destroy();
        child.kill('SIGTERM');
        // A clean stop; on failure, what the server said (a timed-out shutdown exits 1 too).
        expect({ code: await exited, output: output.slice(-4000) }).toEqual({ code: 0, output: expect.any(String) });
        fs.rmSync(home, { recursive: true, force: true });
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
