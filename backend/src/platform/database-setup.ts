// What a start (or `npm run migrate`) does to the database before serving: check the runtime role,
// migrate, create pg-boss's tables and queues, grant, seed. One instance at a time: the whole step
// holds a session advisory lock, so instances started together on an empty database wait for each
// other instead of racing to create the same tables or seed the same rows.
import type { Knex } from 'knex';
import pg from 'pg';
import { createDb } from '../db';
import { currentRole, grantRuntimePrivileges, runtimeRoleProblems } from './database-roles';
import type { Logger } from './logger';
import { migrateLatest } from './migrations';
import { StartupError } from './startup-error';

/** Holds the start-up lock (per database) on a connection of its own while `fn` runs. */
export async function withStartupLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'policydesk-startup-lock' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtextextended('policydesk.startup', 0))`);
    return await fn();
  } finally {
    // Ending the session releases the lock.
    await client.end().catch(() => undefined);
  }
}

export interface PrepareDatabaseOptions {
  /** A pool of the runtime role (the app's own). */
  db: Knex;
  /** The owner role's URL; the runtime's own when only one role is configured. */
  ownerUrl: string;
  logger: Logger;
  /** Production: a runtime role able to rewrite the audit trail stops the start. Local mode warns. */
  strict: boolean;
  /** Runs as the owner after the migrations: pg-boss's tables and queues. */
  installJobs?: (ownerUrl: string) => Promise<void>;
  /** Runs once the runtime role's privileges are in place (seeds, on the runtime pool). */
  seed?: () => Promise<void>;
}

export function runtimeRoleMessage(role: string, problems: string[]): string {
  return (
    `The app's database role "${role}" ${problems.join(', ')}: through it, the app could rewrite or empty the audit trail and the ledger, ` +
    'or switch their triggers off. Set DATABASE_URL to a role that owns nothing (it gets its grants at start-up) and MIGRATION_DATABASE_URL to the role that owns ' +
    'the tables (see "Database roles" in the README).'
  );
}

/** The start-up work on the database, under the start-up lock. Returns the migrations it applied. */
export async function prepareDatabase({ db, ownerUrl, logger, strict, installJobs, seed }: PrepareDatabaseOptions): Promise<string[]> {
  // Migrations may rewrite large tables: no statement timeout on the owner's connections.
  const owner = createDb({ url: ownerUrl, poolMax: 2, statementTimeoutMs: 0, logger, applicationName: 'policydesk-migrations' });
  try {
    return await withStartupLock(ownerUrl, async () => {
      const [ownerRole, runtimeRole] = [await currentRole(owner), await currentRole(db)];
      const problems = await runtimeRoleProblems(db, ownerRole);
      if (problems.length) {
        const message = runtimeRoleMessage(runtimeRole, problems);
        if (strict) throw new StartupError(message);
        logger.warn(message);
      }
      const applied = await migrateLatest(owner);
      await installJobs?.(ownerUrl);
      if (runtimeRole !== ownerRole) await grantRuntimePrivileges(owner, runtimeRole);
      await seed?.();
      return applied;
    });
  } finally {
    await owner.destroy();
  }
}
