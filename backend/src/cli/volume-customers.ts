// The volume customers of `npm run seed:volume -- --customers N`: a deterministic synthetic population
// (faker, fixed seed) across the North and South branches. Tops up to the requested total.
import { DEMO_BRANCHES } from '../../../seeds/demo/001_branches_and_users';
import { SyntheticPeople } from '../../../seeds/support/synthetic-customers';
import type { Config } from '../config';
import type { Db } from '../db';
import { buildCustomerRow } from '../modules/customers/customer-row';
import { computeRisk } from '../modules/customers/risk-score';
import { createFieldCrypto } from '../modules/shared-services';
import type { Clock } from '../platform/clock';

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

/** Adds customers until there are `target`; says how many there were and how many it added. */
export async function seedVolumeCustomers(
  db: Db,
  options: { target: number; config: Config; clock: Clock; log?: (line: string) => void },
): Promise<{ existing: number; added: number }> {
  const { config, clock, target } = options;
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const [{ count }] = await db('customers').count<{ count: number }[]>('* as count');
  const existing = Number(count);
  if (existing >= target) return { existing, added: 0 };
  const crypto = createFieldCrypto(config);
  const now = clock.now();
  const today = clock.businessDate(now);
  const branchIds = await ensureBranches(db, now);
  const people = new SyntheticPeople(SEED);
  const toAdd = target - existing;
  log(`Adding ${toAdd.toLocaleString('en-US')} customers (seed ${SEED})…`);
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
      log(`  ${done.toLocaleString('en-US')} (${Math.round(done / seconds).toLocaleString('en-US')}/s)`);
    }
  }
  await pending;
  return { existing, added: toAdd };
}
