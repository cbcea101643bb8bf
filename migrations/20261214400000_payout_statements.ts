import type { Knex } from 'knex';

// Payouts from the gateway's webhook (issue 20): a `payout.paid` event (a payout and its balance
// transactions) is imported as a bank statement of source `payout`, one line per balance transaction,
// matched like an uploaded file's; a `payout.failed` after the payout was imported adds a statement of
// source `payout_failure` (the money taken back out). Such statements have no uploader and no column
// mapping; they name the payout and the inbox event that brought them. Still append-only.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE bank_statements
      ALTER COLUMN uploaded_by DROP NOT NULL,
      ALTER COLUMN mapping DROP NOT NULL,
      ADD COLUMN source text NOT NULL DEFAULT 'upload' CHECK (source IN ('upload', 'payout', 'payout_failure')),
      ADD COLUMN payout_reference text,
      ADD COLUMN webhook_event_id uuid REFERENCES payment_webhook_events(id),
      ADD CONSTRAINT bank_statements_source_fields CHECK (
        CASE source
          WHEN 'upload' THEN uploaded_by IS NOT NULL AND mapping IS NOT NULL AND payout_reference IS NULL
          ELSE payout_reference IS NOT NULL AND webhook_event_id IS NOT NULL
        END
      );
    -- One statement per payout and source, whatever event brought it.
    CREATE UNIQUE INDEX bank_statements_payout ON bank_statements (payout_reference, source) WHERE payout_reference IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX bank_statements_payout;
    ALTER TABLE bank_statements
      DROP CONSTRAINT bank_statements_source_fields,
      DROP COLUMN webhook_event_id,
      DROP COLUMN payout_reference,
      DROP COLUMN source,
      ALTER COLUMN mapping SET NOT NULL,
      ALTER COLUMN uploaded_by SET NOT NULL;
  `);
}
