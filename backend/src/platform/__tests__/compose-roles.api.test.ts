// docker-compose.yml creates both database roles (issue 15): the owner is the image's POSTGRES_USER
// (migrations, grants: MIGRATION_DATABASE_URL), the runtime role comes from docker/db-roles.sql (run by
// the db-roles service at every `up`) and is what DATABASE_URL logs in as. The script runs here on the
// test server the way psql runs it (`-v` variables, `\gexec`), without Docker or psql.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.join(__dirname, '../../../..');
const compose = fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const script = fs.readFileSync(path.join(root, 'docker/db-roles.sql'), 'utf8');

/** psql's `:'name'` (a quoted literal) and `\gexec` (run every cell of the result as a statement), nothing else. */
async function runLikePsql(client: pg.Client, sql: string, variables: Record<string, string>) {
  const statements = sql
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n')
    .split('\\gexec')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const statement of statements) {
    const text = statement.replace(/:'(\w+)'/g, (_m, name: string) => {
      if (!(name in variables)) throw new Error(`db-roles.sql uses :'${name}', which the compose service does not pass`);
      return client.escapeLiteral(variables[name]!);
    });
    const { rows } = await client.query<Record<string, string | null>>(text);
    for (const row of rows) for (const cell of Object.values(row)) if (cell !== null) await client.query(cell);
  }
}

describe('docker-compose.yml creates both roles', () => {
  it('the app logs in as the runtime role db-roles.sql makes, migrations and grants run as the database owner', () => {
    const owner = /POSTGRES_USER: (\w+)/.exec(compose)![1]!;
    const appRole = /-v app_role=(\w+)/.exec(compose)![1]!;
    expect(appRole).not.toBe(owner);
    expect(compose).toMatch(new RegExp(`^\\s+DATABASE_URL: postgres://${appRole}:\\$\\{APP_DB_PASSWORD\\}@db:5432/`, 'm'));
    expect(compose).toMatch(new RegExp(`^\\s+MIGRATION_DATABASE_URL: postgres://${owner}:\\$\\{POSTGRES_PASSWORD\\}@db:5432/`, 'm'));
    // The app waits for the roles: db-roles must have completed first.
    expect(compose).toMatch(/db-roles:\s+condition: service_completed_successfully/);
  });

  it('db-roles.sql makes a login role that is nothing more, and on a later run keeps one role with the new password', async () => {
    const client = new pg.Client({ connectionString: process.env.POLICYDESK_TEST_ADMIN_URL });
    await client.connect();
    const role = `pd_compose_app_${crypto.randomBytes(4).toString('hex')}`;
    const roleRow = async () =>
      (await client.query(`SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolpassword FROM pg_authid WHERE rolname = $1`, [role])).rows;
    try {
      await runLikePsql(client, script, { app_role: role, app_password: 'first-password-1' });
      const [created] = await roleRow();
      expect(created).toEqual({
        rolcanlogin: true,
        rolsuper: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolreplication: false,
        rolbypassrls: false,
        rolpassword: expect.stringMatching(/^(SCRAM-SHA-256|md5)/),
      });
      // A role made superuser by hand, and a changed APP_DB_PASSWORD: the next `up` puts both right.
      await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} SUPERUSER CREATEDB`);
      await runLikePsql(client, script, { app_role: role, app_password: 'second-password-2' });
      const again = await roleRow();
      expect(again).toHaveLength(1);
      expect(again[0]).toMatchObject({ rolcanlogin: true, rolsuper: false, rolcreatedb: false });
      expect(again[0]!.rolpassword).not.toBe(created!.rolpassword);
    } finally {
      await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`);
      await client.end();
    }
  });
});
