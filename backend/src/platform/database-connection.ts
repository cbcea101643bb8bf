// For command-line tools: the database the server would use — DATABASE_URL, or the embedded one
// under DATA_DIR (started for the duration of the command).
import path from 'node:path';
import type { Config } from '../config';
import { createDb, type Db } from '../db';
import { startEmbeddedPostgres } from './embedded-postgres';
import type { Logger } from './logger';
import { loadLocalSecrets } from './secrets';

export async function openDatabase(config: Config, logger: Logger): Promise<{ db: Db; close: () => Promise<void> }> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), password: loadLocalSecrets(config).embeddedPostgresPassword, database: 'policydesk', logger });
  // Admin commands (migrations, bulk loads) may run long statements: no statement timeout here.
  const db = createDb({ url: config.databaseUrl ?? embedded!.url, poolMax: 2, logger, statementTimeoutMs: 0 });
  return {
    db,
    close: async () => {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
