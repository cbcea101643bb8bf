import type { Knex } from 'knex';

// Customers with protected personal data (national id encrypted, blind-indexed), search indexes,
// status history, KYC verifications and risk-score history.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE customer_number_seq;

    CREATE TABLE customers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_number text NOT NULL UNIQUE,
      first_name text NOT NULL,
      last_name text NOT NULL,
      -- lower(first || ' ' || last), kept by the application; trigram-indexed for fuzzy search.
      search_name text NOT NULL,
      date_of_birth date NOT NULL,
      gender text NOT NULL CHECK (gender IN ('female', 'male', 'non_binary', 'unspecified')),
      email citext,
      phone text,                 -- E.164
      phone_digits text,          -- digits only, for fragment search
      address_line1 text NOT NULL,
      address_line2 text,
      city text NOT NULL,
      region text,
      postal_code text NOT NULL,
      country char(2) NOT NULL,
      national_id_ciphertext text,
      national_id_key_id text,
      national_id_index text,     -- HMAC blind index of the normalized value
      national_id_masked text,
      occupation text,
      occupation_class smallint NOT NULL CHECK (occupation_class BETWEEN 1 AND 4),
      smoker boolean NOT NULL,
      preferred_channel text NOT NULL CHECK (preferred_channel IN ('phone', 'email', 'sms', 'mail')),
      consent_marketing boolean NOT NULL DEFAULT false,
      consent_marketing_at timestamptz,
      consent_data_processing boolean NOT NULL DEFAULT false,
      consent_data_processing_at timestamptz,
      branch_id uuid NOT NULL REFERENCES branches(id),
      assigned_agent_id uuid REFERENCES users(id),
      status text NOT NULL DEFAULT 'prospect' CHECK (status IN ('prospect', 'active', 'inactive', 'deceased', 'merged')),
      status_reason text,
      merged_into_id uuid REFERENCES customers(id),
      kyc_status text NOT NULL DEFAULT 'not_started' CHECK (kyc_status IN ('not_started', 'pending', 'verified', 'rejected', 'expired')),
      kyc_verified_at timestamptz,
      kyc_expires_on date,
      risk_score smallint CHECK (risk_score BETWEEN 0 AND 100),
      risk_level text CHECK (risk_level IN ('low', 'medium', 'high')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id),
      CHECK ((national_id_ciphertext IS NULL) = (national_id_key_id IS NULL)),
      CHECK ((status = 'merged') = (merged_into_id IS NOT NULL))
    );
    CREATE INDEX customers_search_name_trgm ON customers USING gin (search_name gin_trgm_ops);
    CREATE INDEX customers_last_name_prefix ON customers (lower(last_name) text_pattern_ops, lower(first_name), id);
    CREATE INDEX customers_name_order ON customers (lower(last_name), lower(first_name), id);
    CREATE INDEX customers_phone_digits_trgm ON customers USING gin (phone_digits gin_trgm_ops);
    CREATE INDEX customers_email ON customers (email);
    CREATE INDEX customers_email_prefix ON customers (lower(email::text) text_pattern_ops);
    CREATE INDEX customers_national_id_index ON customers (national_id_index);
    CREATE INDEX customers_branch ON customers (branch_id, lower(last_name), lower(first_name), id);
    CREATE INDEX customers_dob ON customers (date_of_birth);
    CREATE INDEX customers_postal_code ON customers (postal_code);
    CREATE INDEX customers_assigned_agent ON customers (assigned_agent_id);

    CREATE TABLE customer_status_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers(id),
      from_status text,
      to_status text NOT NULL,
      reason text,
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX customer_status_history_customer ON customer_status_history (customer_id, changed_at DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE customer_status_history;
    DROP TABLE customers;
    DROP SEQUENCE customer_number_seq;
  `);
}
