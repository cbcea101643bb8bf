import type { Knex } from 'knex';

// Claims (issue 13, first step): first notice of loss with its coverage check, the lifecycle with
// its status history, assignment, internal investigation notes, and reserves per coverage
// (indemnity and expense) with every change — posted to the ledger, or pending approval above the
// requester's claim_amount limit. The ledger gains the claims_incurred account (the expense side of
// a reserve).
const STATUSES = `'draft', 'submitted', 'under_investigation', 'assessed', 'approved', 'partially_approved', 'rejected', 'paid', 'closed', 'reopened', 'withdrawn'`;
const LOSS_TYPES = `'death', 'critical_illness', 'hospitalisation', 'accident', 'vehicle_collision', 'vehicle_theft', 'fire', 'water_damage', 'storm', 'burglary',
                    'travel_medical', 'trip_cancellation', 'baggage'`;
const KINDS_BEFORE = `'premium_receivable', 'customer_credit', 'cash_clearing', 'premium_income', 'unearned_premium', 'fee_income', 'refunds_payable', 'write_offs', 'claims_reserve', 'claims_paid'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'claims_incurred'));

    CREATE SEQUENCE claim_number_seq;
    CREATE TABLE claims (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      claim_number text NOT NULL UNIQUE,
      policy_id uuid NOT NULL REFERENCES policies(id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      product_version_id uuid NOT NULL REFERENCES product_versions(id),
      status text NOT NULL CHECK (status IN (${STATUSES})),
      loss_date date NOT NULL,
      loss_time time,
      loss_type text NOT NULL CHECK (loss_type IN (${LOSS_TYPES})),
      description text NOT NULL,
      location text NOT NULL,
      reporter jsonb NOT NULL,
      claimed_amount bigint CHECK (claimed_amount > 0),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      -- The coverage check as made at the first notice (each check with its result).
      coverage_check jsonb NOT NULL,
      coverage_doubtful boolean NOT NULL,
      terms_version integer,
      assignee_id uuid REFERENCES users(id),
      submitted_at timestamptz,
      decided_at timestamptz,
      -- Weekdays from the submission's business date to the decision's (the 10-business-day KPI).
      processing_business_days integer CHECK (processing_business_days >= 0),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id)
    );
    CREATE INDEX claims_branch_created ON claims (branch_id, created_at DESC, id DESC);
    CREATE INDEX claims_policy ON claims (policy_id, created_at DESC);
    CREATE INDEX claims_customer ON claims (customer_id, created_at DESC);
    CREATE INDEX claims_assignee_open ON claims (assignee_id, status);

    CREATE TABLE claim_status_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      claim_id uuid NOT NULL REFERENCES claims(id),
      from_status text,
      to_status text NOT NULL,
      reason text,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX claim_status_history_claim ON claim_status_history (claim_id, id);

    -- Internal investigation notes: staff only, never in a customer-facing document.
    CREATE TABLE claim_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      claim_id uuid NOT NULL REFERENCES claims(id),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX claim_notes_claim ON claim_notes (claim_id, seq);

    -- The reserve in force per claim, coverage and kind (what the posted changes add up to).
    CREATE TABLE claim_reserves (
      claim_id uuid NOT NULL REFERENCES claims(id),
      coverage_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('indemnity', 'expense')),
      amount bigint NOT NULL CHECK (amount >= 0),
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (claim_id, coverage_code, kind)
    );

    -- Every change asked for: posted (with its ledger entry), or pending until someone with the
    -- claim_amount limit approves it (then posted) or declines it.
    CREATE TABLE claim_reserve_changes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- The order changes were asked in (several may share a timestamp).
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      claim_id uuid NOT NULL REFERENCES claims(id),
      coverage_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('indemnity', 'expense')),
      previous_amount bigint NOT NULL CHECK (previous_amount >= 0),
      new_amount bigint NOT NULL CHECK (new_amount >= 0),
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('posted', 'pending', 'declined')),
      requested_by uuid NOT NULL REFERENCES users(id),
      requested_at timestamptz NOT NULL,
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_note text,
      journal_entry_id uuid REFERENCES journal_entries(id),
      CHECK ((status = 'posted') = (journal_entry_id IS NOT NULL))
    );
    CREATE INDEX claim_reserve_changes_claim ON claim_reserve_changes (claim_id, seq);
    CREATE UNIQUE INDEX claim_reserve_changes_one_pending ON claim_reserve_changes (claim_id, coverage_code, kind) WHERE status = 'pending';

    CREATE TRIGGER claim_status_history_no_update_delete BEFORE UPDATE OR DELETE ON claim_status_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER claim_status_history_no_truncate BEFORE TRUNCATE ON claim_status_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER claim_notes_no_update_delete BEFORE UPDATE OR DELETE ON claim_notes FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER claim_notes_no_truncate BEFORE TRUNCATE ON claim_notes FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE claim_reserve_changes;
    DROP TABLE claim_reserves;
    DROP TABLE claim_notes;
    DROP TABLE claim_status_history;
    DROP TABLE claims;
    DROP SEQUENCE claim_number_seq;
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check CHECK (kind IN (${KINDS_BEFORE}));
  `);
}
