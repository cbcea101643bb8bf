import type { Knex } from 'knex';

// A declined order keeps its reason code beside the note (the KPI and reports group by it).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE orders ADD COLUMN decline_reason_code text`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE orders DROP COLUMN decline_reason_code`);
}
