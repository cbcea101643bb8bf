import type { Knex } from 'knex';

// pg_trgm: typo-tolerant search on names; citext: case-insensitive unique emails.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await knex.raw('CREATE EXTENSION IF NOT EXISTS citext');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP EXTENSION IF EXISTS citext');
  await knex.raw('DROP EXTENSION IF EXISTS pg_trgm');
}
