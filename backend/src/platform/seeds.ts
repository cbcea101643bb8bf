// Loads seeds/reference (always) and seeds/demo (local mode only). Every seed is idempotent:
// it upserts by natural key, so a second start duplicates nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../config';
import type { Clock } from './clock';
import type { FieldCrypto } from './field-crypto';
import type { Logger } from './logger';
import { loadModule } from './load-module';

export interface SeedContext {
  clock: Clock;
  logger: Logger;
  /** Demo seeds that go through the modules' services build them with it. */
  config: Config;
  /** Seeds that store protected personal data encrypt it with the app's keys. */
  fieldCrypto: FieldCrypto;
}

export interface SeedModule {
  seed(db: Knex, ctx: SeedContext): Promise<void>;
}

export const SEEDS_DIR = path.resolve(__dirname, '../../../seeds');

function seedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_-]+\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
}

export async function runSeeds(db: Knex, ctx: SeedContext, { demo }: { demo: boolean }): Promise<string[]> {
  const ran: string[] = [];
  for (const set of demo ? ['reference', 'demo'] : ['reference']) {
    const dir = path.join(SEEDS_DIR, set);
    for (const file of seedFiles(dir)) {
      const mod = loadModule<SeedModule>(path.join(dir, file));
      // One transaction per seed file: a failing seed leaves nothing half-written.
      await db.transaction((trx) => mod.seed(trx, ctx));
      ran.push(`${set}/${file.replace(/\.(ts|js)$/, '')}`);
    }
  }
  return ran;
}
