import type { Knex } from 'knex';

// Documents: the order they were uploaded in, so "the latest upload" of a checklist item is certain
// even when two uploads carry the same timestamp (a re-upload right after a rejection).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE documents ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE documents DROP COLUMN seq`);
}
