// The schema inventory matches the migrated schema: every column of every table is classified once,
// nothing it lists is gone, and a table of no one's data lists no personal column.
import pg from 'pg';
import { createMigratedDatabase, dropDatabase, ownerUrlOf } from '../../../test/support/test-database';
import { DATA_INVENTORY, inventoryGaps, RETENTION_RULES } from '../data-inventory';

let schemaColumns: string[];
let databaseUrl: string;

// A database of its own, migrated and nothing else: the run's shared one holds the probe tables other tests create.
beforeAll(async () => {
  databaseUrl = await createMigratedDatabase(process.env.POLICYDESK_TEST_ADMIN_URL!, 'inventory');
  const client = new pg.Client({ connectionString: ownerUrlOf(databaseUrl) });
  await client.connect();
  // The catalog, not information_schema: the latter hides tables the runtime role has no grant on.
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  schemaColumns = rows.map((r) => `${r.table_name}.${r.column_name}`);
  await client.end();
});
afterAll(() => dropDatabase(process.env.POLICYDESK_TEST_ADMIN_URL!, databaseUrl));

it('classifies every column of every table of the migrated schema exactly once, and nothing that is gone', () => {
  expect(schemaColumns.length).toBeGreaterThan(1000);
  expect(inventoryGaps(schemaColumns)).toEqual({ unclassified: [], ambiguous: [], stale: [], subjectless: [], unlinked: [] });
});

it('fails when a migration adds a column or a table the inventory does not classify', () => {
  const added = [...schemaColumns, 'customers.favourite_colour', 'loyalty_cards.id', 'loyalty_cards.holder_name'];
  expect(inventoryGaps(added).unclassified).toEqual(['customers.favourite_colour', 'loyalty_cards.holder_name', 'loyalty_cards.id']);
});

it('notices a column classified twice, one that was dropped, and personal data in a table of no one', () => {
  const inventory = {
    ...DATA_INVENTORY,
    customers: { ...DATA_INVENTORY.customers!, operational: [...(DATA_INVENTORY.customers!.operational ?? []), 'email', 'fax'] },
    branches: { ...DATA_INVENTORY.branches!, personal: { manager_phone: 'phone' as const } },
  };
  const gaps = inventoryGaps(schemaColumns, inventory);
  expect(gaps.ambiguous).toEqual(['customers.email']);
  expect(gaps.stale).toEqual(['branches.manager_phone', 'customers.fax']);
  expect(gaps.subjectless).toEqual(['branches']);
});

it("notices a customer table that does not say how a customer's rows are found, or names a column or parent that is not there", () => {
  const { link: _dropped, ...withoutLink } = DATA_INVENTORY.claim_notes!;
  const inventory = {
    ...DATA_INVENTORY,
    claim_notes: withoutLink,
    claim_payments: { ...DATA_INVENTORY.claim_payments!, link: { column: 'claim_number', parent: 'claims' } },
    claim_referrals: { ...DATA_INVENTORY.claim_referrals!, link: { column: 'claim_id', parent: 'branches' } },
  };
  expect(inventoryGaps(schemaColumns, inventory).unlinked).toEqual(['claim_notes', 'claim_payments', 'claim_referrals']);
});

it('gives the personal columns an erasure needs to reach a mask, and every table a known retention rule', () => {
  const customers = DATA_INVENTORY.customers!;
  expect(customers.personal).toMatchObject({
    first_name: 'given-name',
    last_name: 'family-name',
    email: 'email',
    date_of_birth: 'birth-date',
    national_id_ciphertext: 'national-id',
  });
  expect(DATA_INVENTORY.orders!.health).toHaveProperty('declarations');
  expect(DATA_INVENTORY.users!.subject).toBe('staff');
  for (const [table, inv] of Object.entries(DATA_INVENTORY)) expect([table, inv.retention in RETENTION_RULES]).toEqual([table, true]);
});
