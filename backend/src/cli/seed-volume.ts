// `npm run seed:volume -- --customers 1000000 --policies 100000`: loads a deterministic synthetic
// volume data set into the database the server uses. Customers (faker, fixed seed) across the North
// and South branches for the search benchmark; policies with a year of billing history for the
// billing benchmark (volume-policies.ts); claims on those policies through every step of their life
// for the claims benchmark (volume-claims.ts). Each tops up to the requested total; running it again
// adds nothing. Without any option it loads 1,000,000 customers; `--policies` alone uses the
// customers already there (one policy per active customer without one), `--claims` the policies
// already there (one claim per policy without one).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createDb } from '../db';
import { Clock } from '../platform/clock';
import { openDatabase } from '../platform/database-connection';
import { loadLocalSecrets } from '../platform/secrets';
import { createLogger } from '../platform/logger';
import { runSeeds } from '../platform/seeds';
import { createFieldCrypto, createSharedServices } from '../modules/shared-services';
import { seedVolumeClaims, VOLUME_CLAIM_TABLES } from './volume-claims';
import { seedVolumeCustomers } from './volume-customers';
import { seedVolumePolicies, VOLUME_POLICY_TABLES } from './volume-policies';

const wholeNumber = (value: string | undefined, name: string) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};

async function main() {
  const { values } = parseArgs({ options: { customers: { type: 'string' }, policies: { type: 'string' }, claims: { type: 'string' } } });
  const policies = wholeNumber(values.policies, 'policies');
  const claims = wholeNumber(values.claims, 'claims');
  const customers = wholeNumber(values.customers, 'customers') ?? (policies || claims ? undefined : 1_000_000);
  const baseConfig = loadConfig();
  const config = baseConfig.isProduction ? baseConfig : { ...baseConfig, secrets: loadLocalSecrets(baseConfig) };
  const logger = createLogger('warn');
  const { db, ownerUrl, prepare, close } = await openDatabase(config, logger);
  const clock = new Clock(config.businessTimeZone);
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    await prepare();
    const loaded: string[] = [];
    if (customers) {
      const { existing, added } = await seedVolumeCustomers(db, { target: customers, config, clock, log });
      if (!added) log(`Already ${existing.toLocaleString('en-US')} customers; nothing to add.`);
      else loaded.push('customers');
    }
    if (policies) {
      // The reference catalog (products) the policies are sold from, as the server loads it at start.
      await runSeeds(db, { clock, logger, config, fieldCrypto: createFieldCrypto(config) }, { demo: false });
      const policiesStarted = Date.now();
      const { existing, added } = await seedVolumePolicies(db, {
        target: policies,
        clock,
        leadDays: config.invoiceLeadDays,
        progress: (done, total) => {
          if (done % 10_000 === 0 || done === total) {
            const seconds = (Date.now() - policiesStarted) / 1000;
            log(`  ${done.toLocaleString('en-US')} policies (${Math.round(done / seconds).toLocaleString('en-US')}/s)`);
          }
        },
      });
      if (added) loaded.push(...VOLUME_POLICY_TABLES);
      log(added ? `Added ${added.toLocaleString('en-US')} policies with their billing history.` : `Already ${existing.toLocaleString('en-US')} policies; nothing to add.`);
    }
    if (claims) {
      const claimsStarted = Date.now();
      const services = createSharedServices(db, clock, config);
      const { existing, added } = await seedVolumeClaims(db, {
        target: claims,
        clock,
        services,
        progress: (done, total) => {
          if (done % 2_000 === 0 || done === total) {
            const seconds = (Date.now() - claimsStarted) / 1000;
            log(`  ${done.toLocaleString('en-US')} claims (${Math.round(done / seconds).toLocaleString('en-US')}/s)`);
          }
        },
      });
      if (added) loaded.push(...VOLUME_CLAIM_TABLES.filter((t) => !loaded.includes(t)));
      log(
        added
          ? `Added ${added.toLocaleString('en-US')} claims with their history, reserves, payments and ledger entries.`
          : `Already ${existing.toLocaleString('en-US')} claims; nothing to add.`,
      );
    }
    // Fresh planner statistics for the loaded rows: only the owner may ANALYZE.
    if (loaded.length) {
      const owner = createDb({ url: ownerUrl, poolMax: 1, statementTimeoutMs: 0 });
      await owner.raw(`ANALYZE ${loaded.join(', ')}`).finally(() => owner.destroy());
    }
    log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
