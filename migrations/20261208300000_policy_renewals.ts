import type { Knex } from 'knex';

// Renewals are policy transactions of type `renewal`, effective on the renewal date (the day after
// the term ends). One per policy and renewal date, whatever its status: the daily job that prepares
// them may run twice or after days of downtime and never offers a term twice, and a declined renewal
// stays declined. The worklist reads them by renewal date.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE UNIQUE INDEX policy_transactions_one_renewal ON policy_transactions (policy_id, effective_date) WHERE type = 'renewal';
    CREATE INDEX policy_transactions_renewals_due ON policy_transactions (effective_date, id) WHERE type = 'renewal';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX policy_transactions_renewals_due;
    DROP INDEX policy_transactions_one_renewal;
  `);
}
