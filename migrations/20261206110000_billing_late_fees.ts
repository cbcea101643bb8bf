import type { Knex } from 'knex';

// Late fees and their waivers (issue 11): billing's copy of each policy's late-fee rule (the product
// version's, written at issuance; existing policies had none), the charged fee as an invoice line
// with its ledger entry (one per invoice), and the waiver of that line (who, when, why, the reversal).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE billing_policies ADD COLUMN late_fee jsonb NOT NULL DEFAULT '{"kind": "none"}'
      CHECK (jsonb_typeof(late_fee) = 'object' AND late_fee->>'kind' IN ('none', 'flat', 'percentage'));
    -- Back-filled as none above; from now on issuance always says which rule applies.
    ALTER TABLE billing_policies ALTER COLUMN late_fee DROP DEFAULT;

    ALTER TABLE invoice_lines
      -- The entry that charged the line (the feeCharged entry of a late fee).
      ADD COLUMN ledger_entry_id uuid REFERENCES journal_entries(id),
      ADD COLUMN waived_at timestamptz,
      ADD COLUMN waived_by uuid REFERENCES users(id),
      ADD COLUMN waiver_reason text,
      -- The reversal of ledger_entry_id.
      ADD COLUMN waiver_entry_id uuid REFERENCES journal_entries(id),
      ADD CONSTRAINT invoice_lines_late_fee_entry CHECK (kind <> 'late_fee' OR ledger_entry_id IS NOT NULL),
      ADD CONSTRAINT invoice_lines_waiver_complete CHECK (
        (waived_at IS NULL) = (waived_by IS NULL) AND (waived_at IS NULL) = (waiver_reason IS NULL) AND (waived_at IS NULL) = (waiver_entry_id IS NULL)
      ),
      ADD CONSTRAINT invoice_lines_waiver_of_fee CHECK (waived_at IS NULL OR kind = 'late_fee');
    -- A late fee is charged once per invoice (a waived one is not charged again).
    CREATE UNIQUE INDEX invoice_lines_one_late_fee ON invoice_lines (invoice_id) WHERE kind = 'late_fee';
    -- What the daily late-fee job looks at: unpaid invoices by due date.
    CREATE INDEX invoices_unpaid_due ON invoices (due_date, id) WHERE status IN ('open', 'partially_paid', 'overdue');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX invoices_unpaid_due;
    DROP INDEX invoice_lines_one_late_fee;
    ALTER TABLE invoice_lines
      DROP CONSTRAINT invoice_lines_waiver_of_fee,
      DROP CONSTRAINT invoice_lines_waiver_complete,
      DROP CONSTRAINT invoice_lines_late_fee_entry,
      DROP COLUMN waiver_entry_id,
      DROP COLUMN waiver_reason,
      DROP COLUMN waived_by,
      DROP COLUMN waived_at,
      DROP COLUMN ledger_entry_id;
    ALTER TABLE billing_policies DROP COLUMN late_fee;
  `);
}
