// `npm run seed:volume -- --customers 1000000 --policies 100000`: loads a deterministic synthetic
// volume data set into the database the server uses. Customers (faker, fixed seed) across the North
// and South branches for the search benchmark; policies with a year of billing history for the
// billing benchmark (volume-policies.ts); claims on those policies through every step of their life
// for the claims benchmark (volume-claims.ts). Each tops up to the requested total; running it again
// adds nothing. `--cases N --open-cases K --interactions M` adds the service desk's cases (K of them
// open) and interactions on the customers already there (volume-service.ts). Without any option it loads 1,000,000 customers; `--policies` alone uses the
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
import { seedVolumeService, VOLUME_SERVICE_TABLES } from './volume-service';
import { CalendarsService } from '../modules/service/calendars.service';
import { SlaPoliciesService } from '../modules/service/sla-policies.service';

const wholeNumber = (value: string | undefined, name: string) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};

async function main() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' },
      policies: { type: 'string' },
      claims: { type: 'string' },
      cases: { type: 'string' },
      'open-cases': { type: 'string' },
      interactions: { type: 'string' },
    },
  });
  const policies = wholeNumber(values.policies, 'policies');
  const claims = wholeNumber(values.claims, 'claims');
  const cases = wholeNumber(values.cases, 'cases');
  const openCases = wholeNumber(values['open-cases'], 'open-cases');
  const interactions = wholeNumber(values.interactions, 'interactions');
  const customers = wholeNumber(values.customers, 'customers') ?? (policies || claims || cases || interactions ? undefined : 1_000_000);
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
    if (cases || interactions) {
      const services = createSharedServices(db, clock, config);
      const serviceStarted = Date.now();
      const added = await seedVolumeService(db, {
        ...(cases ? { cases } : {}),
        ...(openCases ? { openCases } : {}),
        ...(interactions ? { interactions } : {}),
        clock,
        calendars: new CalendarsService(db, clock, services.audit, config.businessTimeZone),
        policies: new SlaPoliciesService(db, clock, services.audit),
        progress: (what, done, total) => {
          if (done % (what === 'cases' ? 20_000 : 200_000) === 0 || done === total) {
            const seconds = (Date.now() - serviceStarted) / 1000;
            log(`  ${done.toLocaleString('en-US')} ${what} of ${total.toLocaleString('en-US')} (${seconds.toFixed(0)} s)`);
          }
        },
      });
      if (added.cases || added.interactions) loaded.push(...VOLUME_SERVICE_TABLES.filter((t) => !loaded.includes(t)));
      log(
        added.cases || added.interactions
          ? `Added ${added.cases.toLocaleString('en-US')} cases with their history and clocks, ${added.interactions.toLocaleString('en-US')} interactions.`
          : `Already ${added.existingCases.toLocaleString('en-US')} cases and ${added.existingInteractions.toLocaleString('en-US')} interactions; nothing to add.`,
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
