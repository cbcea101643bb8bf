import type { Knex } from 'knex';

// Finance (issue 20): the chart-of-accounts mapping (each Policydesk account kind → the general
// ledger's account code) and journal export batches of closed months, kept as generated so a batch
// is downloaded again exactly as it was, never regenerated behind anyone's back.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE gl_account_map_revision_seq;
    CREATE TABLE gl_account_map (
      kind text PRIMARY KEY,
      gl_code text NOT NULL CHECK (length(gl_code) BETWEEN 1 AND 40),
      gl_name text NOT NULL CHECK (length(gl_name) BETWEEN 1 AND 120),
      revision bigint NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by uuid NOT NULL REFERENCES users(id)
    );

    CREATE TABLE journal_export_batches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      period_start date NOT NULL,
      format text NOT NULL CHECK (format IN ('quickbooks', 'netsuite', 'generic')),
      filename text NOT NULL,
      content text NOT NULL,
      sha256 text NOT NULL,
      line_count integer NOT NULL,
      entry_count integer NOT NULL,
      -- Per currency: the batch's debits and credits (equal to the month's movements in the ledger).
      totals jsonb NOT NULL,
      -- The mapping the batch was made with.
      mapping jsonb NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (period_start, format)
    );
    -- A batch is what was handed to the accountants: never updated or deleted.
    CREATE TRIGGER journal_export_batches_no_update_delete BEFORE UPDATE OR DELETE ON journal_export_batches FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER journal_export_batches_no_truncate BEFORE TRUNCATE ON journal_export_batches FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE journal_export_batches; DROP TABLE gl_account_map; DROP SEQUENCE gl_account_map_revision_seq;');
}
