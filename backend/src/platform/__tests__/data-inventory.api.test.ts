// The schema inventory matches the migrated schema: every column of every table is classified once,
// nothing it lists is gone, and a table of no one's data lists no personal column.
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { DATA_INVENTORY, inventoryGaps, RETENTION_RULES } from '../data-inventory';

let t: TestApp;
let schemaColumns: string[];

beforeAll(async () => {
  t = createTestApp();
  // The catalog, not information_schema: the latter hides tables the runtime role has no grant on.
  const { rows } = await t.db.raw<{ rows: { table_name: string; column_name: string }[] }>(
    `SELECT c.relname AS table_name, a.attname AS column_name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  schemaColumns = rows.map((r) => `${r.table_name}.${r.column_name}`);
});
afterAll(() => t.close());

it('classifies every column of every table of the migrated schema exactly once, and nothing that is gone', () => {
  expect(schemaColumns.length).toBeGreaterThan(1000);
  expect(inventoryGaps(schemaColumns)).toEqual({ unclassified: [], ambiguous: [], stale: [], subjectless: [] });
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
