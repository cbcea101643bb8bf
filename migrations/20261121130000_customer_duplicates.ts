import type { Knex } from 'knex';

// Duplicate detection looks customers up by exact phone as well as by national id, email and
// date of birth (those already have indexes).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX customers_phone ON customers (phone)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX customers_phone');
}
