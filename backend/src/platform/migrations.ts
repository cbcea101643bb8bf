// Runs the Knex migrations in /migrations. Names are stored without their extension so the same
// history serves the TypeScript sources (tsx, tests) and the compiled JavaScript (npm start, Docker).
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { loadModule } from './load-module';

/** `<repo>/migrations` from src (tsx) and `<repo>/backend/dist/migrations` from the build. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '../../../migrations');

const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.(ts|js)$/;

class TimestampedMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<string[]> {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts'))
      .sort();
  }

  getMigrationName(file: string): string {
    return file.replace(/\.(ts|js)$/, '');
  }

  async getMigration(file: string): Promise<Knex.Migration> {
    return loadModule<Knex.Migration>(path.join(this.dir, file));
  }
}

export function migrationConfig(dir = MIGRATIONS_DIR): Knex.MigratorConfig {
  return { migrationSource: new TimestampedMigrationSource(dir), tableName: 'knex_migrations' };
}

/** Applies every pending migration; knex's lock table keeps two instances from migrating at once. */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migrationConfig())) as [number, string[]];
  return applied;
}
