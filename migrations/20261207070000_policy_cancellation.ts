import type { Knex } from 'knex';

// A cancelled policy ends in billing too: `ended_on` is the first day not covered. Installments due
// on or after it are never invoiced and no later policy year is scheduled.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE billing_policies ADD COLUMN ended_on date CHECK (ended_on IS NULL OR ended_on >= start_date)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE billing_policies DROP COLUMN ended_on');
}
