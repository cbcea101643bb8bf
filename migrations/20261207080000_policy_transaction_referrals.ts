import type { Knex } from 'knex';

// A change that brings new medical evidence or referral rules (a sum insured raised past a limit, a
// smoker over 50…) waits as a draft with a referral for an underwriter, who accepts it (it becomes
// quoted, ready to issue) or declines it (discarded).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE policy_transactions ADD COLUMN referral jsonb;
    CREATE INDEX policy_transactions_referred ON policy_transactions (created_at) WHERE referral->>'status' = 'pending';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX policy_transactions_referred; ALTER TABLE policy_transactions DROP COLUMN referral');
}
