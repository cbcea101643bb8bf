import type { Knex } from 'knex';

// Policy servicing: every change to an issued policy is a policy transaction (draft → quoted →
// issued | discarded), and each issued one creates a new version of the policy's terms, effective
// from its date. Versions and the transactions' status history are append-only; the policies row
// keeps the terms of the newest version (what lists and billing read) and `terms_version` says which.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE policies ADD COLUMN terms_version integer NOT NULL DEFAULT 1 CHECK (terms_version >= 1);

    CREATE SEQUENCE policy_transaction_number_seq;
    CREATE TABLE policy_transactions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      transaction_number text NOT NULL UNIQUE,
      policy_id uuid NOT NULL REFERENCES policies(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      type text NOT NULL CHECK (type IN ('endorsement', 'renewal', 'cancellation', 'reinstatement', 'lapse')),
      status text NOT NULL CHECK (status IN ('draft', 'quoted', 'issued', 'discarded')),
      effective_date date NOT NULL,
      requested_by text NOT NULL CHECK (requested_by IN ('policyholder', 'insurer')),
      reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
      -- The change asked for, as the API received it (validated), and the terms it produces.
      changes jsonb NOT NULL,
      base_terms_version integer NOT NULL,
      new_terms jsonb,
      -- The re-rating: the worksheet of the new premium, old and new annual premium and the
      -- pro-rata amount for the rest of the policy year (positive: owed; negative: returned).
      worksheet jsonb,
      old_annual_premium bigint,
      new_annual_premium bigint,
      premium_delta bigint,
      billing_effect jsonb,
      result_terms_version integer,
      version integer NOT NULL DEFAULT 1,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      issued_by uuid REFERENCES users(id),
      issued_at timestamptz,
      CHECK ((status = 'issued') = (issued_at IS NOT NULL AND result_terms_version IS NOT NULL)),
      CHECK (status = 'draft' OR status = 'discarded' OR new_annual_premium IS NOT NULL)
    );
    CREATE INDEX policy_transactions_policy ON policy_transactions (policy_id, created_at DESC, id DESC);
    -- One open (draft or quoted) transaction of a kind per policy at a time would be too strict for
    -- agents comparing options; issuing checks the base version instead.

    CREATE TABLE policy_transaction_status_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id uuid NOT NULL REFERENCES policy_transactions(id),
      from_status text,
      to_status text NOT NULL,
      reason text,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX policy_transaction_status_history_tx ON policy_transaction_status_history (transaction_id, id);

    -- The terms of each version: version 1 at issuance, one more per issued transaction.
    CREATE TABLE policy_versions (
      policy_id uuid NOT NULL REFERENCES policies(id),
      version_number integer NOT NULL CHECK (version_number >= 1),
      effective_from date NOT NULL,
      transaction_id uuid UNIQUE REFERENCES policy_transactions(id),
      coverages jsonb NOT NULL,
      sum_insured bigint NOT NULL CHECK (sum_insured >= 0),
      annual_premium bigint NOT NULL CHECK (annual_premium >= 0),
      extra_premium_percent integer,
      exclusions jsonb NOT NULL,
      payment_frequency text NOT NULL,
      installment_count integer NOT NULL CHECK (installment_count > 0),
      installment_amount bigint NOT NULL,
      first_installment_amount bigint NOT NULL,
      beneficiaries jsonb NOT NULL,
      insured jsonb,
      -- What the rating engine needs to price these terms again: the applicant as rated at issuance
      -- (entry age, gender, smoker, region, occupation class, risk level) and the risk details.
      rating_inputs jsonb,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (policy_id, version_number),
      CHECK ((version_number = 1) = (transaction_id IS NULL))
    );

    -- Every issued policy gets its version 1 (its rating inputs from the quote it was sold on).
    INSERT INTO policy_versions (policy_id, version_number, effective_from, transaction_id, coverages, sum_insured, annual_premium,
                                 extra_premium_percent, exclusions, payment_frequency, installment_count, installment_amount,
                                 first_installment_amount, beneficiaries, insured, rating_inputs, created_by, created_at)
    SELECT p.id, 1, p.start_date, NULL, p.coverages, p.sum_insured, p.annual_premium, p.extra_premium_percent, p.exclusions,
           p.payment_frequency, p.installment_count, p.installment_amount, p.first_installment_amount, p.beneficiaries, p.insured,
           jsonb_build_object('applicant', q.applicant, 'risk', coalesce(q.request->'risk', '{}'::jsonb), 'termYears', coalesce(p.term_years, 0)),
           p.issued_by, p.issued_at
      FROM policies p JOIN orders o ON o.id = p.order_id JOIN quotes q ON q.id = o.quote_id;

    CREATE TRIGGER policy_versions_no_update_delete BEFORE UPDATE OR DELETE ON policy_versions FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER policy_versions_no_truncate BEFORE TRUNCATE ON policy_versions FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER policy_transaction_status_history_no_update_delete BEFORE UPDATE OR DELETE ON policy_transaction_status_history
      FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER policy_transaction_status_history_no_truncate BEFORE TRUNCATE ON policy_transaction_status_history
      FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    -- An issued transaction never changes.
    CREATE FUNCTION policy_transaction_issued_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status IN ('issued', 'discarded') THEN
        RAISE EXCEPTION 'policy transaction % is % and cannot change', OLD.transaction_number, OLD.status USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER policy_transactions_final BEFORE UPDATE OR DELETE ON policy_transactions FOR EACH ROW EXECUTE FUNCTION policy_transaction_issued_is_final();

    -- Billing: an endorsement's extra premium is its own invoice line; its entries name the transaction.
    ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check;
    ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check CHECK (kind IN ('installment', 'late_fee', 'endorsement'));
    ALTER TABLE invoice_lines ADD COLUMN policy_transaction_id uuid UNIQUE;
    ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_endorsement_transaction CHECK ((kind = 'endorsement') = (policy_transaction_id IS NOT NULL));
    ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_source_type_check;
    ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_source_type_check CHECK (source_type IN ('invoice', 'payment', 'allocation', 'fee', 'waiver',
      'refund', 'write_off', 'claim_payment', 'claim_reserve', 'reallocation', 'policy_transaction'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_source_type_check;
    ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_source_type_check CHECK (source_type IN ('invoice', 'payment', 'allocation', 'fee', 'waiver',
      'refund', 'write_off', 'claim_payment', 'claim_reserve', 'reallocation'));
    ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_endorsement_transaction;
    ALTER TABLE invoice_lines DROP COLUMN policy_transaction_id;
    ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check;
    ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check CHECK (kind IN ('installment', 'late_fee'));
    DROP TABLE policy_versions;
    DROP TRIGGER policy_transactions_final ON policy_transactions;
    DROP FUNCTION policy_transaction_issued_is_final();
    DROP TABLE policy_transaction_status_history;
    DROP TABLE policy_transactions;
    DROP SEQUENCE policy_transaction_number_seq;
    ALTER TABLE policies DROP COLUMN terms_version;
  `);
}
