import type { Knex } from 'knex';

// Policy servicing (issues 12 and 13): a policy ends on the death of its insured — a `termination`
// transaction issued when the death claim is approved — and is `terminated` from the day after.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE policies DROP CONSTRAINT policies_status_check;
    ALTER TABLE policies ADD CONSTRAINT policies_status_check
      CHECK (status IN ('active', 'grace', 'lapsed', 'cancelled', 'expired', 'surrendered', 'terminated'));
    ALTER TABLE policy_transactions DROP CONSTRAINT policy_transactions_type_check;
    ALTER TABLE policy_transactions ADD CONSTRAINT policy_transactions_type_check
      CHECK (type IN ('endorsement', 'renewal', 'cancellation', 'reinstatement', 'lapse', 'surrender', 'termination'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE policy_transactions DROP CONSTRAINT policy_transactions_type_check;
    ALTER TABLE policy_transactions ADD CONSTRAINT policy_transactions_type_check
      CHECK (type IN ('endorsement', 'renewal', 'cancellation', 'reinstatement', 'lapse', 'surrender'));
    ALTER TABLE policies DROP CONSTRAINT policies_status_check;
    ALTER TABLE policies ADD CONSTRAINT policies_status_check
      CHECK (status IN ('active', 'grace', 'lapsed', 'cancelled', 'expired', 'surrendered'));
  `);
}
