// The two database roles. The owner role owns the schema: it runs the migrations, creates pg-boss's
// tables and grants the runtime role what it needs. The runtime role is what every request, job and
// seed connects as: it reads and writes the business tables, only reads and appends to the
// append-only ones (the audit trail, the ledger, status histories), truncates and creates nothing,
// and — being neither superuser nor owner — cannot switch triggers off (session_replication_role,
// ALTER TABLE … DISABLE TRIGGER). So a bug or an injected statement in the app cannot rewrite history.
import type { Knex } from 'knex';
import pg from 'pg';

/** The runtime role the embedded PostgreSQL creates; its password is generated into DATA_DIR/secrets.json. */
export const EMBEDDED_RUNTIME_ROLE = 'policydesk_app';

/** Schemas whose tables the runtime role uses: ours, and pg-boss's job tables. */
export const APP_SCHEMAS = ['public', 'pgboss'];

/** Migration bookkeeping: the owner's alone. */
const MIGRATION_TABLES = ['knex_migrations', 'knex_migrations_lock'];

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `url` with another user and password (same server and database). */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Creates the login role `name` (or brings an existing one back to these attributes and password):
 * no superuser, no CREATEDB, no CREATEROLE, no replication. Roles belong to the whole server, so
 * callers on other databases of it wait for each other instead of racing.
 */
export async function ensureRuntimeLoginRole(adminUrl: string, name: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'policydesk-roles' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('policydesk.roles', 0))`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${client.escapeLiteral(password)}`;
    await client.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident(name)} ${rowCount ? 'WITH ' : ''}${attributes}`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/**
 * Append-only tables are the ones the database itself refuses to TRUNCATE with a trigger: every
 * append-only table has a BEFORE TRUNCATE trigger beside its BEFORE UPDATE OR DELETE one (audit_log,
 * the ledger's tables, the status histories). A later migration that adds a table the same way gets
 * the same grants without a list to keep.
 */
export async function appendOnlyTables(db: Knex): Promise<string[]> {
  // pg_trigger.tgtype bits: 2 = BEFORE, 32 = TRUNCATE.
  const { rows } = await db.raw<{ rows: { name: string }[] }>(
    `SELECT DISTINCT c.relname AS name
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND (t.tgtype & 34) = 34
      ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/**
 * Grants `runtimeRole` what the app needs and nothing more, in one transaction (run by the owner, under
 * the start-up lock, after every migration):
 * - business tables: SELECT, INSERT, UPDATE, DELETE; append-only tables: SELECT, INSERT only;
 * - never TRUNCATE, REFERENCES or TRIGGER; sequences: USAGE, SELECT (nextval, never setval);
 * - the migration tables: nothing; pg-boss's schema: read and write its job tables;
 * - default privileges: whatever the owner creates later (a new migration's tables and sequences,
 *   pg-boss's queue partitions, a new schema) is granted the same way the moment it is created. A new
 *   append-only table loses UPDATE and DELETE in the same start-up (or `npm run migrate`) that created
 *   it, before any instance serving requests knows about it.
 */
export async function grantRuntimePrivileges(owner: Knex, runtimeRole: string): Promise<void> {
  const role = ident(runtimeRole);
  await owner.transaction(async (trx) => {
    // PostgreSQL 15+ already refuses this to PUBLIC; on 14 anybody could create tables in public (and own them).
    await trx.raw('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await trx.raw(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await trx.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await trx.raw(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await trx.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await trx.raw(`REVOKE UPDATE ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
    const existing = new Set(
      (await trx.raw<{ rows: { name: string }[] }>(`SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`)).rows.map(
        (r) => r.name,
      ),
    );
    for (const table of MIGRATION_TABLES.filter((t) => existing.has(t))) await trx.raw(`REVOKE ALL ON ${ident(table)} FROM ${role}`);
    for (const table of await appendOnlyTables(trx)) await trx.raw(`REVOKE UPDATE, DELETE ON ${ident(table)} FROM ${role}`);
    const { rowCount } = await trx.raw(`SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss'`);
    if (rowCount) {
      await trx.raw(`GRANT USAGE ON SCHEMA pgboss TO ${role}`);
      await trx.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${role}`);
      await trx.raw(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA pgboss FROM ${role}`);
      await trx.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${role}`);
    }
    await trx.raw(`ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`);
    await trx.raw(`ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO ${role}`);
    await trx.raw(`ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO ${role}`);
  });
}

export const currentRole = async (db: Knex): Promise<string> => (await db.raw<{ rows: { role: string }[] }>('SELECT current_user AS role')).rows[0]!.role;

/**
 * What makes the role of `runtime` able to rewrite the audit trail: being a superuser, able to create
 * roles, the owner role itself (or a member of it), or owner of the database, a schema or a table.
 * Empty when it is a plain runtime role.
 */
export async function runtimeRoleProblems(runtime: Knex, ownerRole: string): Promise<string[]> {
  const { rows } = await runtime.raw<{
    rows: { superuser: boolean; createrole: boolean; owner: boolean; database: boolean; schemas: string[] | null; tables: string[] | null }[];
  }>(
    `SELECT r.rolsuper AS superuser, r.rolcreaterole AS createrole,
            (current_user = ? OR pg_has_role(current_user, ?, 'MEMBER')) AS owner,
            pg_has_role(current_user, d.datdba, 'MEMBER') AS database,
            (SELECT array_agg(n.nspname::text ORDER BY n.nspname) FROM pg_namespace n
              WHERE n.nspname = ANY(?) AND pg_has_role(current_user, n.nspowner, 'MEMBER')) AS schemas,
            (SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p', 'S', 'v', 'm', 'f') AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS tables
       FROM pg_roles r, pg_database d
      WHERE r.rolname = current_user AND d.datname = current_database()`,
    [ownerRole, ownerRole, APP_SCHEMAS, APP_SCHEMAS],
  );
  const r = rows[0]!;
  if (r.superuser) return ['is a superuser'];
  const problems: string[] = [];
  if (r.owner) problems.push(`is the migration role ("${ownerRole}") too`);
  if (r.createrole) problems.push('may create roles (CREATEROLE)');
  if (r.database) problems.push('owns the database');
  if (r.schemas?.length) problems.push(`owns schema ${r.schemas.join(', ')}`);
  if (r.tables?.length) problems.push(`owns ${r.tables.length} table(s) such as ${r.tables.slice(0, 3).join(', ')}`);
  return problems;
}
