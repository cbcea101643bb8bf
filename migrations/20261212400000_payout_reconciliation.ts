import type { Knex } from 'knex';

// Payout reconciliation (issue 20): bank statements uploaded as CSV (stored once per SHA-256 of the
// file), their lines, and the payments each line is matched to (a payment to one line at most).
// Processor fees kept from a payout post to the new `processor_fees` expense account in entries of
// source `reconciliation`. Statements and matches are append-only; a line changes status once
// (unmatched → matched | explained), guarded by its version.
const KINDS_BEFORE = `'premium_receivable', 'customer_credit', 'cash_clearing', 'premium_income', 'unearned_premium',
  'fee_income', 'refunds_payable', 'write_offs', 'claims_reserve', 'claims_paid', 'claims_incurred', 'surrender_benefits'`;
const SOURCES_BEFORE = `'invoice', 'payment', 'allocation', 'fee', 'waiver', 'refund', 'write_off', 'claim_payment', 'claim_reserve', 'reallocation', 'policy_transaction', 'earning'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'processor_fees'));
    ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_source_type_check;
    ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_source_type_check CHECK (source_type IN (${SOURCES_BEFORE}, 'reconciliation'));

    CREATE TABLE bank_statements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      filename text NOT NULL,
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      -- The same file twice is refused: its bytes' SHA-256 (hex).
      sha256 text NOT NULL UNIQUE,
      mapping jsonb NOT NULL,
      line_count integer NOT NULL CHECK (line_count > 0),
      date_from date NOT NULL,
      date_to date NOT NULL CHECK (date_to >= date_from),
      uploaded_by uuid NOT NULL REFERENCES users(id),
      uploaded_at timestamptz NOT NULL
    );
    CREATE INDEX bank_statements_newest ON bank_statements (uploaded_at DESC, id DESC);
    CREATE TRIGGER bank_statements_no_update_delete BEFORE UPDATE OR DELETE ON bank_statements FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER bank_statements_no_truncate BEFORE TRUNCATE ON bank_statements FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    CREATE TABLE bank_statement_lines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      statement_id uuid NOT NULL REFERENCES bank_statements(id),
      line_no integer NOT NULL,
      value_date date NOT NULL,
      currency char(3) NOT NULL,
      -- Money that reached the bank, signed minor units; the processor's fee kept from it.
      amount bigint NOT NULL CHECK (amount <> 0),
      fee bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),
      reference text NOT NULL,
      description text NOT NULL,
      status text NOT NULL CHECK (status IN ('unmatched', 'matched', 'explained')),
      explanation text,
      fee_entry_id uuid REFERENCES journal_entries(id),
      resolved_by uuid REFERENCES users(id),
      resolved_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (statement_id, line_no),
      CHECK ((status = 'explained') = (explanation IS NOT NULL))
    );
    CREATE INDEX bank_statement_lines_worklist ON bank_statement_lines (status, value_date, line_no, id);
    -- The close's check: open lines dated in a month.
    CREATE INDEX bank_statement_lines_open ON bank_statement_lines (value_date) WHERE status = 'unmatched';

    CREATE TABLE reconciliation_matches (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      line_id uuid NOT NULL REFERENCES bank_statement_lines(id),
      -- A payment is matched to one statement line at most.
      payment_id uuid NOT NULL UNIQUE REFERENCES payments(id),
      amount bigint NOT NULL CHECK (amount > 0),
      -- Null: matched on upload by reference, amount and date.
      matched_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX reconciliation_matches_line ON reconciliation_matches (line_id);
    CREATE TRIGGER reconciliation_matches_no_update_delete BEFORE UPDATE OR DELETE ON reconciliation_matches FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER reconciliation_matches_no_truncate BEFORE TRUNCATE ON reconciliation_matches FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    -- Billing's reads for matching: a line's reference (payment number and gateway reference have
    -- their unique indexes), and the candidates of an amount around a date.
    CREATE INDEX payments_reference ON payments (reference) WHERE reference IS NOT NULL;
    CREATE INDEX payments_reconciliation ON payments (currency, amount, received_on) WHERE status = 'succeeded';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX payments_reconciliation;
    DROP INDEX payments_reference;
    DROP TABLE reconciliation_matches;
    DROP TABLE bank_statement_lines;
    DROP TABLE bank_statements;
    ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_source_type_check;
    ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_source_type_check CHECK (source_type IN (${SOURCES_BEFORE}));
    ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
    ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check CHECK (kind IN (${KINDS_BEFORE}));
  `);
}
