import type { Knex } from 'knex';

// Customer numbers: C- and at least six digits (C-000042, C-1234567). lpad() alone would cut a
// seventh digit off and collide, so the width grows with the number.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION next_customer_number() RETURNS text LANGUAGE sql VOLATILE AS $$
      SELECT 'C-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM (SELECT nextval('customer_number_seq') AS n) s
    $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION next_customer_number()');
}
