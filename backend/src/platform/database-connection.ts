// Where the database is: DATABASE_URL (the runtime role) and MIGRATION_DATABASE_URL (the owner), or
// the embedded PostgreSQL under DATA_DIR with its two roles. For the server and command-line tools.
import path from 'node:path';
import type { Config } from '../config';
import { createDb, type Db } from '../db';
import { EMBEDDED_RUNTIME_ROLE } from './database-roles';
import { prepareDatabase } from './database-setup';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import type { Logger } from './logger';
import { loadLocalSecrets } from './secrets';

export interface DatabaseEndpoints {
  /** The runtime role: what requests, jobs and seeds connect as. */
  url: string;
  /** The owner role: migrations, pg-boss's tables, grants. The runtime's own URL when only DATABASE_URL is set. */
  ownerUrl: string;
  /** Set when the embedded PostgreSQL was started for this process (stop it at the end). */
  embedded?: EmbeddedDatabase;
}

/** Starts the embedded PostgreSQL (creating the runtime role) when DATABASE_URL is unset. */
export async function resolveDatabase(config: Config, logger: Logger): Promise<DatabaseEndpoints> {
  if (config.databaseUrl) return { url: config.databaseUrl, ownerUrl: config.migrationDatabaseUrl ?? config.databaseUrl };
  const secrets = loadLocalSecrets(config);
  const embedded = await startEmbeddedPostgres({
    dir: path.join(config.dataDir, 'postgres'),
    password: secrets.embeddedPostgresPassword,
    database: 'policydesk',
    logger,
    runtimeRole: { name: EMBEDDED_RUNTIME_ROLE, password: secrets.embeddedAppPassword },
  });
  return { url: embedded.url, ownerUrl: embedded.ownerUrl, embedded };
}

/**
 * For command-line tools: the database the server would use, as the runtime role, started for the
 * duration of the command when embedded. `prepare()` migrates and grants as the owner (under the
 * start-up lock) before a tool writes.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  { poolMax = 2 }: { poolMax?: number } = {},
): Promise<{ db: Db; url: string; ownerUrl: string; prepare: () => Promise<string[]>; close: () => Promise<void> }> {
  const { url, ownerUrl, embedded } = await resolveDatabase(config, logger);
  // Admin commands (bulk loads, key rotation) may run long statements: no statement timeout here.
  const db = createDb({ url, poolMax, logger, statementTimeoutMs: 0 });
  return {
    db,
    url,
    ownerUrl,
    prepare: () => prepareDatabase({ db, ownerUrl, logger, strict: config.isProduction }),
    close: async () => {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
