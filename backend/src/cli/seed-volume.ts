// `npm run seed:volume -- --customers 1000000`: loads a deterministic synthetic population (faker,
// fixed seed) into the database the server uses, across the North and South branches, for the
// search benchmark. Tops up to the requested total; running it again adds nothing.
import { parseArgs } from 'node:util';
import { DEMO_BRANCHES } from '../../../seeds/demo/001_branches_and_users';
import { SyntheticPeople } from '../../../seeds/support/synthetic-customers';
import { loadConfig } from '../config';
import { createDb, type Db } from '../db';
import { buildCustomerRow } from '../modules/customers/customer-row';
import { computeRisk } from '../modules/customers/risk-score';
import { createFieldCrypto } from '../modules/shared-services';
import { Clock } from '../platform/clock';
import { openDatabase } from '../platform/database-connection';
import { loadLocalSecrets } from '../platform/secrets';
import { createLogger } from '../platform/logger';

const BATCH = 5_000;
const SEED = 424242;

async function ensureBranches(db: Db, now: Date): Promise<string[]> {
  await db('branches')
    .insert(DEMO_BRANCHES.map((b) => ({ ...b, created_at: now, updated_at: now })))
    .onConflict('code')
    .ignore();
  return (await db('branches')
    .whereIn(
      'code',
      DEMO_BRANCHES.map((b) => b.code),
    )
    .orderBy('code')
    .pluck('id')) as string[];
}

async function insertBatch(db: Db, rows: object[]) {
  // One statement per batch; customer numbers come from the sequence in row order.
  await db.raw(
    `INSERT INTO customers SELECT (r).* FROM (
       SELECT jsonb_populate_record(NULL::customers, j || jsonb_build_object('id', gen_random_uuid(), 'customer_number', next_customer_number(), 'version', 1)) AS r
       FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS t(j, n) ORDER BY n
     ) s`,
    [JSON.stringify(rows)],
  );
}

async function main() {
  const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000000' } } });
  const target = Number(values.customers);
  if (!Number.isInteger(target) || target < 1) throw new Error('--customers must be a positive whole number');
  const baseConfig = loadConfig();
  const config = baseConfig.isProduction ? baseConfig : { ...baseConfig, secrets: loadLocalSecrets(baseConfig) };
  const logger = createLogger('warn');
  const { db, ownerUrl, prepare, close } = await openDatabase(config, logger);
  const clock = new Clock(config.businessTimeZone);
  const started = Date.now();
  try {
    await prepare();
    const [{ count }] = await db('customers').count<{ count: number }[]>('* as count');
    const existing = Number(count);
    if (existing >= target) {
      process.stdout.write(`Already ${existing.toLocaleString('en-US')} customers; nothing to add.\n`);
      return;
    }
    const crypto = createFieldCrypto(config);
    const now = clock.now();
    const today = clock.businessDate(now);
    const branchIds = await ensureBranches(db, now);
    const people = new SyntheticPeople(SEED);
    const toAdd = target - existing;
    process.stdout.write(`Adding ${toAdd.toLocaleString('en-US')} customers (seed ${SEED})…\n`);
    // The population is one deterministic stream: a top-up skips the people already loaded.
    const nextRow = (n: number) => {
      const person = people.next(branchIds[n % 5 < 3 ? 0 : 1]!);
      const kyc = people.pick([
        { value: 'verified' as const, weight: 70 },
        { value: 'not_started' as const, weight: 10 },
        { value: 'pending' as const, weight: 8 },
        { value: 'expired' as const, weight: 8 },
        { value: 'rejected' as const, weight: 4 },
      ]);
      const status = people.pick([
        { value: 'active' as const, weight: 62 },
        { value: 'prospect' as const, weight: 20 },
        { value: 'inactive' as const, weight: 15 },
        { value: 'deceased' as const, weight: 3 },
      ]);
      const risk = computeRisk({
        dateOfBirth: person.dateOfBirth,
        today,
        occupationClass: person.occupationClass,
        smoker: person.smoker,
        country: person.address.country,
        kycStatus: kyc,
      });
      return { ...buildCustomerRow(person, person.phone, crypto, { now, createdBy: null }), status, kyc_status: kyc, risk_score: risk.score, risk_level: risk.level };
    };
    for (let n = 0; n < existing; n++) nextRow(n);
    let pending: Promise<void> = Promise.resolve();
    for (let done = 0; done < toAdd;) {
      const size = Math.min(BATCH, toAdd - done);
      const rows = Array.from({ length: size }, (_, i) => nextRow(existing + done + i));
      // Generate the next batch while the database stores this one (two cores, two jobs).
      await pending;
      pending = insertBatch(db, rows);
      done += size;
      if (done % 50_000 === 0 || done === toAdd) {
        const seconds = (Date.now() - started) / 1000;
        process.stdout.write(`  ${done.toLocaleString('en-US')} (${Math.round(done / seconds).toLocaleString('en-US')}/s)\n`);
      }
    }
    await pending;
    // Fresh planner statistics for the loaded rows: only the owner may ANALYZE.
    const owner = createDb({ url: ownerUrl, poolMax: 1, statementTimeoutMs: 0 });
    await owner.raw('ANALYZE customers').finally(() => owner.destroy());
    process.stdout.write(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
