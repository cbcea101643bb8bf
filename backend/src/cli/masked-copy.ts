// `npm run db:masked-copy -- --to <database url>`: copies this environment's database (DATABASE_URL,
// or the embedded one) into another, with every personal and health column replaced by a consistent
// fake (platform/data-inventory.ts says which columns and how; cli/masked-values.ts makes the fakes).
// For test and training environments: the copy behaves like production — joins, duplicates, the
// ledger, the figures — and identifies no one.
//
// The target is migrated to the source's schema and emptied first; `--to` must be its owner, with the
// right to copy with triggers off (superuser): the ledger's and histories' guards would refuse rows
// written outside the app. Protected fields are re-encrypted with the keys of the environment running
// the command: run it with the target environment's FIELD_ENCRYPTION_KEY and BLIND_INDEX_KEY.
import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { loadConfig, type Config } from '../config';
import { createDb } from '../db';
import { NATIONAL_ID } from '../modules/customers/customer-row';
import { digitsOnly, nameWords, normalizeNationalId, searchName } from '../modules/customers/personal-data';
import { createFieldCrypto } from '../modules/shared-services';
import { DATA_INVENTORY, ENCRYPTED_COLUMNS, inventoryGaps, type MaskKind } from '../platform/data-inventory';
import { openDatabase } from '../platform/database-connection';
import type { FieldCrypto } from '../platform/field-crypto';
import { createLogger } from '../platform/logger';
import { maskTail } from '../platform/masking';
import { migrateLatest } from '../platform/migrations';
import { loadLocalSecrets } from '../platform/secrets';
import { Masker } from './masked-values';

/** Not copied: the migrations' own tables, and the customer name index its trigger rebuilds from the masked names. */
const NOT_COPIED = new Set(['knex_migrations', 'knex_migrations_lock', 'customer_name_index', 'customer_name_terms']);

/** Rows per read; an insert carries at most this many parameters (PostgreSQL's limit is 65,535). */
const READ_BATCH = 2_000;
const MAX_PARAMETERS = 60_000;

type Row = Record<string, string | null | string[]>;

const KYC_DOCUMENT = ENCRYPTED_COLUMNS.find((c) => c.table === 'kyc_verifications')!.context;

/**
 * Columns recomputed from the masked ones (search forms, protected fields). A `derived` column of any
 * other table has no rule here: the copy refuses to start rather than copy it unmasked.
 */
const DERIVED: Record<string, (row: Row, masker: Masker, fieldCrypto: FieldCrypto) => void> = {
  customers(row, masker, fieldCrypto) {
    const first = row.first_name as string;
    const last = row.last_name as string;
    row.search_name = searchName(first, last);
    row.name_words = nameWords(first, last);
    row.phone_digits = row.phone ? digitsOnly(row.phone as string) : null;
    if (row.national_id_index) {
      // From the blind index, so one person's national id stays one fake national id across rows.
      const fake = masker.value('national-id', `ID${(row.national_id_index as string).replace(/[^0-9A-Za-z]/g, '').slice(0, 12)}`).toUpperCase();
      const encrypted = fieldCrypto.encrypt(fake, NATIONAL_ID);
      Object.assign(row, {
        national_id_ciphertext: encrypted.ciphertext,
        national_id_key_id: encrypted.keyId,
        national_id_index: fieldCrypto.blindIndex(normalizeNationalId(fake), NATIONAL_ID),
        national_id_masked: maskTail(fake),
      });
    }
  },
  kyc_verifications(row, masker, fieldCrypto) {
    if (!row.document_number_ciphertext) return;
    const fake = masker.value('identifier', `DOC${(row.document_number_ciphertext as string).slice(0, 9)}`).toUpperCase();
    const encrypted = fieldCrypto.encrypt(fake, KYC_DOCUMENT);
    Object.assign(row, { document_number_ciphertext: encrypted.ciphertext, document_number_key_id: encrypted.keyId, document_number_masked: maskTail(fake) });
  },
};

export interface MaskedCopyReport {
  tables: number;
  rows: number;
  maskedValues: number;
}

/** Every value as PostgreSQL's text: nothing is lost or rounded on the way through (timestamps, numerics, bigints). */
const asText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

async function migrationNames(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>('SELECT name FROM knex_migrations ORDER BY name');
  return rows.map((r) => r.name);
}

/** The masks of a table's columns, refusing a column the inventory does not classify or a derived one without a rule. */
function masksOf(table: string, columns: string[]): Map<string, MaskKind> {
  const inventory = DATA_INVENTORY[table]!;
  const masks = new Map<string, MaskKind>(Object.entries({ ...inventory.personal, ...inventory.health }));
  for (const [column, kind] of masks) if (kind === 'derived' && !DERIVED[table]) throw new Error(`${table}.${column} is derived, but the masked copy has no rule to recompute it`);
  return new Map([...masks].filter(([column]) => columns.includes(column)));
}

export async function maskedCopy(options: { sourceUrl: string; targetUrl: string; fieldCrypto: FieldCrypto; log?: (line: string) => void }): Promise<MaskedCopyReport> {
  const log = options.log ?? (() => undefined);
  const masker = new Masker(crypto.randomBytes(32), await bcrypt.hash(crypto.randomBytes(24).toString('base64'), 10));

  const targetKnex = createDb({ url: options.targetUrl, poolMax: 1, statementTimeoutMs: 0, logger: createLogger('warn') });
  try {
    await migrateLatest(targetKnex);
  } finally {
    await targetKnex.destroy();
  }

  const source = new pg.Client({ connectionString: options.sourceUrl, types: asText });
  const target = new pg.Client({ connectionString: options.targetUrl, types: asText });
  await source.connect();
  await target.connect();
  try {
    const [fromMigrations, toMigrations] = await Promise.all([migrationNames(source), migrationNames(target)]);
    if (fromMigrations.join() !== toMigrations.join()) throw new Error('The source database is not at the latest migration: run `npm run migrate` on it first');

    const { rows: columnRows } = await target.query<{ table_name: string; column_name: string; data_type: string; generated: string; identity: string }>(
      `SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS data_type, a.attgenerated AS generated, a.attidentity AS identity
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum`,
    );
    const gaps = inventoryGaps(columnRows.map((r) => `${r.table_name}.${r.column_name}`));
    if (gaps.unclassified.length) throw new Error(`The inventory does not classify ${gaps.unclassified.join(', ')}: classify them before copying`);
    const tables = new Map<string, typeof columnRows>();
    for (const r of columnRows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r]);

    // One snapshot of the source, one transaction on the target: the copy is whole or not there.
    await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await target.query('BEGIN');
    await target.query("SET LOCAL session_replication_role = 'replica'");
    const copied = [...tables.keys()].filter((t) => !NOT_COPIED.has(t));
    await target.query(
      `TRUNCATE ${[...tables.keys()]
        .filter((t) => !t.startsWith('knex_'))
        .map((t) => target.escapeIdentifier(t))
        .join(', ')}`,
    );

    const report: MaskedCopyReport = { tables: 0, rows: 0, maskedValues: 0 };
    for (const table of copied) {
      const columns = tables.get(table)!.filter((c) => !c.generated);
      const names = columns.map((c) => c.column_name);
      const masks = masksOf(table, names);
      const jsonColumns = new Set(columns.filter((c) => c.data_type === 'json' || c.data_type === 'jsonb').map((c) => c.column_name));
      const perInsert = Math.max(1, Math.min(READ_BATCH, Math.floor(MAX_PARAMETERS / names.length)));
      const columnList = names.map((n) => target.escapeIdentifier(n)).join(', ');
      let after = '(0,0)';
      let rows = 0;
      for (;;) {
        const { rows: batch } = await source.query<Row & { __ctid: string }>(
          `SELECT ctid::text AS __ctid, ${columnList} FROM ${source.escapeIdentifier(table)} WHERE ctid > $1::tid ORDER BY ctid LIMIT ${READ_BATCH}`,
          [after],
        );
        if (!batch.length) break;
        after = batch.at(-1)!.__ctid;
        for (const row of batch) {
          delete (row as Partial<typeof row>).__ctid;
          for (const [column, kind] of masks) {
            const value = row[column];
            if (value === null || value === undefined || kind === 'derived' || kind === 'keep') continue;
            row[column] = masker.value(jsonColumns.has(column) ? 'json' : kind, value as string);
            report.maskedValues++;
          }
          DERIVED[table]?.(row, masker, options.fieldCrypto);
        }
        for (let i = 0; i < batch.length; i += perInsert) {
          const chunk = batch.slice(i, i + perInsert);
          const values: unknown[] = [];
          const tuples = chunk.map((row) => `(${names.map((n) => `$${values.push(row[n])}`).join(', ')})`);
          await target.query(`INSERT INTO ${target.escapeIdentifier(table)} (${columnList}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`, values);
        }
        rows += batch.length;
      }
      // Identity columns go on from the highest copied value.
      for (const c of columns.filter((col) => col.identity)) {
        await target.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${target.escapeIdentifier(c.column_name)}) FROM ${target.escapeIdentifier(table)}), 1))`,
          [table, c.column_name],
        );
      }
      report.tables++;
      report.rows += rows;
      if (rows) log(`  ${table}: ${rows} rows`);
    }
    // Triggers on again: the name index is rebuilt from the masked names by its own trigger.
    await target.query("SET LOCAL session_replication_role = 'origin'");
    await target.query('UPDATE customers SET name_words = name_words');
    await target.query('COMMIT');
    await source.query('COMMIT');
    return report;
  } catch (err) {
    await target.query('ROLLBACK').catch(() => undefined);
    await source.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await source.end();
    await target.end();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const to = args[args.indexOf('--to') + 1];
  if (!args.includes('--to') || !to) {
    process.stderr.write('usage: npm run db:masked-copy -- --to <postgres url of the target database, as its owner>\n');
    process.exit(2);
  }
  const base = loadConfig();
  const config: Config = base.isProduction ? base : { ...base, secrets: loadLocalSecrets(base) };
  const database = await openDatabase(config, createLogger('warn'));
  try {
    if (new URL(to).pathname === new URL(database.ownerUrl).pathname && new URL(to).host === new URL(database.ownerUrl).host) {
      throw new Error('The target is the source database: give another database to copy into');
    }
    process.stdout.write('Copying with every personal field masked…\n');
    const report = await maskedCopy({ sourceUrl: database.ownerUrl, targetUrl: to, fieldCrypto: createFieldCrypto(config), log: (line) => process.stdout.write(`${line}\n`) });
    process.stdout.write(`Done: ${report.rows} rows in ${report.tables} tables, ${report.maskedValues} values masked.\n`);
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
}
