import type { Knex } from 'knex';

// A late fee waived on an invoice that had been written off (issue 11; found by the billing property
// test): the waiver releases the written-off amount (the write-off expense goes down) instead of
// turning it into the customer's credit. The line records how much of the write-off its waiver
// released; what the customer had paid of the fee is still returned as credit.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE invoice_lines
      ADD COLUMN write_off_released bigint NOT NULL DEFAULT 0 CHECK (write_off_released >= 0),
      ADD CONSTRAINT invoice_lines_write_off_released_by_waiver CHECK (write_off_released = 0 OR waived_at IS NOT NULL);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE invoice_lines
      DROP CONSTRAINT invoice_lines_write_off_released_by_waiver,
      DROP COLUMN write_off_released;
  `);
}
