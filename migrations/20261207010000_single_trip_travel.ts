import type { Knex } from 'knex';

// Single-trip travel is a trip, not a year (issue 15). Orders and policies carry the trip (departure
// and return dates, destination zone, days) and no term in years; and the reference product
// TRAVEL_SINGLE gets a new published version that is a trip product: its definition gains
// `trip: { maxDays: 180 }`, offers no term in years, and is paid in one single premium. The version
// in force until now stays as it is for the quotes, orders and policies that point at it. (A fresh
// database has no products yet at this point: its reference seed writes the trip definition.)
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE orders ADD COLUMN trip jsonb, ALTER COLUMN term_years DROP NOT NULL;
    ALTER TABLE orders ADD CONSTRAINT orders_trip_or_term CHECK ((trip IS NULL) = (term_years IS NOT NULL));
    ALTER TABLE policies ADD COLUMN trip jsonb, ALTER COLUMN term_years DROP NOT NULL;
    ALTER TABLE policies ADD CONSTRAINT policies_trip_or_term CHECK ((trip IS NULL) = (term_years IS NOT NULL));
  `);
  // In force from the earliest business date anywhere today (UTC−12), so whatever business time
  // zone is configured, new quotes are trips from now on.
  await knex.raw(`
    INSERT INTO product_versions (product_id, version_number, status, effective_from, definition, published_at, created_at, updated_at)
    SELECT p.id,
           (SELECT max(version_number) + 1 FROM product_versions WHERE product_id = p.id),
           'published',
           (now() AT TIME ZONE 'UTC' - interval '12 hours')::date,
           v.definition || '{"trip": {"maxDays": 180}, "termYears": [], "frequencyLoadings": {"single": "0"}}'::jsonb,
           now(), now(), now()
      FROM products p
      JOIN LATERAL (
        SELECT definition FROM product_versions
         WHERE product_id = p.id AND status = 'published'
         ORDER BY effective_from DESC, version_number DESC LIMIT 1
      ) v ON true
     WHERE p.code = 'TRAVEL_SINGLE' AND v.definition -> 'trip' IS NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  // The trip versions go only while nothing was quoted on them.
  await knex.raw(`
    ALTER TABLE product_versions DISABLE TRIGGER product_versions_immutable;
    DELETE FROM product_versions v USING products p
     WHERE p.id = v.product_id AND p.code = 'TRAVEL_SINGLE' AND v.definition -> 'trip' IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.product_version_id = v.id);
    ALTER TABLE product_versions ENABLE TRIGGER product_versions_immutable;
    ALTER TABLE policies DROP CONSTRAINT policies_trip_or_term, DROP COLUMN trip;
    ALTER TABLE orders DROP CONSTRAINT orders_trip_or_term, DROP COLUMN trip;
  `);
}
