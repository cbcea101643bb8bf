import type { Knex } from 'knex';

// Claims (issue 13): payments. Each payment is a row that never changes, posted through the ledger
// (the reserve it consumes to cash; incurred to paid). The claim keeps the running total paid, which
// the database holds at or below the approved amount whatever the application does.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE claim_payment_number_seq;
    CREATE TABLE claim_payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_number text NOT NULL UNIQUE,
      claim_id uuid NOT NULL REFERENCES claims(id),
      coverage_code text NOT NULL,
      payee_kind text NOT NULL CHECK (payee_kind IN ('policyholder', 'beneficiary', 'hospital', 'repair_shop', 'third_party')),
      payee_name text NOT NULL CHECK (length(payee_name) BETWEEN 1 AND 200),
      payee_account text CHECK (length(payee_account) BETWEEN 1 AND 60),
      method text NOT NULL CHECK (method IN ('bank_transfer', 'check')),
      amount bigint NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      final boolean NOT NULL,
      note text CHECK (length(note) <= 1000),
      journal_entry_id uuid NOT NULL UNIQUE REFERENCES journal_entries(id),
      paid_by uuid NOT NULL REFERENCES users(id),
      paid_at timestamptz NOT NULL
    );
    CREATE INDEX claim_payments_claim ON claim_payments (claim_id, paid_at);
    CREATE TRIGGER claim_payments_no_update_delete BEFORE UPDATE OR DELETE ON claim_payments FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER claim_payments_no_truncate BEFORE TRUNCATE ON claim_payments FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    ALTER TABLE claims
      ADD COLUMN paid_amount bigint NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
      ADD CONSTRAINT claims_paid_within_approved CHECK (paid_amount = 0 OR paid_amount <= approved_amount);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE claims DROP CONSTRAINT claims_paid_within_approved, DROP COLUMN paid_amount;
    DROP TABLE claim_payments;
    DROP SEQUENCE claim_payment_number_seq;
  `);
}
