import type { Knex } from 'knex';

// Finance (issue 20): earned premium. Billed premium now credits the unearned premium reserve
// (`unearned_premium`); each posting that writes premium (an invoice's, an endorsement's returned
// premium, a cancellation's) records the days it covers in `premium_writings`, and the daily earning
// job moves each day's earned share to premium income in entries of source `earning`, recording each
// day it has earned in `premium_earning_days` (the monthly close checks it). Both tables are
// append-only. Entries posted before this migration keep their accounts: their premium was income
// when billed, and the ledger never changes a posting.
const SOURCES_BEFORE = `'invoice', 'payment', 'allocation', 'fee', 'waiver', 'refund', 'write_off', 'claim_payment', 'claim_reserve', 'reallocation', 'policy_transaction'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_source_type_check;
    ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_source_type_check CHECK (source_type IN (${SOURCES_BEFORE}, 'earning'));

    CREATE TABLE premium_writings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ledger_entry_id uuid NOT NULL UNIQUE REFERENCES journal_entries(id),
      policy_id uuid NOT NULL REFERENCES billing_policies(policy_id),
      -- The policy's branch when written: the earning entries are per branch (reads and KPIs by branch).
      branch_id uuid NOT NULL REFERENCES branches(id),
      product_version_id uuid NOT NULL,
      currency char(3) NOT NULL,
      -- Signed minor units: positive billed to the reserve, negative returned from it.
      amount bigint NOT NULL CHECK (amount <> 0),
      covered_from date NOT NULL,
      covered_to date NOT NULL CHECK (covered_to >= covered_from),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX premium_writings_policy ON premium_writings (policy_id);
    CREATE INDEX premium_writings_earning ON premium_writings (covered_from, covered_to) INCLUDE (branch_id, product_version_id, currency, amount);
    CREATE TRIGGER premium_writings_no_update_delete BEFORE UPDATE OR DELETE ON premium_writings FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER premium_writings_no_truncate BEFORE TRUNCATE ON premium_writings FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    CREATE TABLE premium_earning_days (
      day date PRIMARY KEY,
      entries integer NOT NULL CHECK (entries >= 0),
      run_at timestamptz NOT NULL
    );
    CREATE TRIGGER premium_earning_days_no_update_delete BEFORE UPDATE OR DELETE ON premium_earning_days FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER premium_earning_days_no_truncate BEFORE TRUNCATE ON premium_earning_days FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    -- The earning entries of a product version (source_id), per currency.
    CREATE INDEX journal_entries_earning ON journal_entries (source_id) WHERE source_type = 'earning';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX journal_entries_earning;
    DROP TABLE premium_earning_days;
    DROP TABLE premium_writings;
    ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_source_type_check;
    ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_source_type_check CHECK (source_type IN (${SOURCES_BEFORE}));
  `);
}
