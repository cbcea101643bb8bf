import type { Knex } from 'knex';

// Which payment's money each credit application spent (so a payment can be re-allocated: its own
// applications reversed, new ones posted), the record of each re-allocation, and the index the
// overdue worklist reads.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- One row per re-allocation of a payment (its history; the audit row says the same).
    CREATE TABLE payment_reallocations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_id uuid NOT NULL REFERENCES payments(id),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX payment_reallocations_payment ON payment_reallocations (payment_id, created_at);

    -- A credit-application entry (source_type 'allocation') that spent this payment's money on this
    -- invoice. The amount is the entry's receivable posting: money lives in the ledger only. Entries
    -- posted from credit that is no single payment's (credit applied when a later invoice is raised)
    -- have no row. Append-only: a re-allocation reverses the entry (journal_entries.reverses_entry_id).
    CREATE TABLE payment_allocations (
      entry_id uuid PRIMARY KEY REFERENCES journal_entries(id),
      payment_id uuid NOT NULL REFERENCES payments(id),
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      -- Null: applied when the payment was received; else the re-allocation that posted it.
      reallocation_id uuid REFERENCES payment_reallocations(id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX payment_allocations_payment ON payment_allocations (payment_id);

    -- Payments received before this table existed: their credit applications were posted in the
    -- same transaction as their paymentReceived entry, described 'Credit applied to <invoice>:
    -- Payment <number>' (a seed may post many payments in one transaction: the description tells them apart).
    INSERT INTO payment_allocations (entry_id, payment_id, invoice_id, created_at)
    SELECT e.id, p.id, i.id, e.created_at
    FROM payments p
    JOIN journal_entries r ON r.id = p.ledger_entry_id
    JOIN journal_entries e ON e.tx_id = r.tx_id AND e.source_type = 'allocation' AND e.reverses_entry_id IS NULL
    JOIN invoices i ON i.id = e.source_id
    WHERE e.description = 'Credit applied to ' || i.invoice_number || ': Payment ' || p.payment_number;

    -- The overdue worklist: every overdue invoice by policy (a small part of all invoices).
    CREATE INDEX invoices_overdue ON invoices (policy_id, due_date) WHERE status = 'overdue';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX invoices_overdue;
    DROP TABLE payment_allocations;
    DROP TABLE payment_reallocations;
  `);
}
