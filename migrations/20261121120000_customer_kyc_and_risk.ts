import type { Knex } from 'knex';

// KYC verification records (document number encrypted) and the history of risk scores.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE kyc_verifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL REFERENCES customers(id),
      document_type text NOT NULL CHECK (document_type IN ('passport', 'driving_licence', 'national_id_card', 'residence_permit', 'utility_bill')),
      document_number_ciphertext text NOT NULL,
      document_number_key_id text NOT NULL,
      document_number_masked text NOT NULL,
      issuing_country char(2) NOT NULL,
      expiry_date date,
      result text NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'verified', 'rejected')),
      result_reason text,
      notes text,
      checked_by uuid REFERENCES users(id),
      checked_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id)
    );
    CREATE INDEX kyc_verifications_customer ON kyc_verifications (customer_id, created_at DESC);
    CREATE INDEX customers_kyc_expiry ON customers (kyc_expires_on) WHERE kyc_status = 'verified';

    CREATE TABLE customer_risk_scores (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers(id),
      score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
      level text NOT NULL CHECK (level IN ('low', 'medium', 'high')),
      formula_version text NOT NULL,
      factors jsonb NOT NULL,
      reason text NOT NULL,
      computed_at timestamptz NOT NULL
    );
    CREATE INDEX customer_risk_scores_customer ON customer_risk_scores (customer_id, computed_at DESC, id DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE customer_risk_scores;
    DROP INDEX customers_kyc_expiry;
    DROP TABLE kyc_verifications;
  `);
}
