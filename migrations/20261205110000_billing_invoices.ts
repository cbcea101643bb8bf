import type { Knex } from 'knex';

// Billing's installments and invoices: the schedule of each policy year, invoices raised from it
// (I-000001…), their lines and status history, and the invoice dimension of the ledger (an
// invoice's open amount is the sum of its receivable postings: computed, never stored).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE invoice_number_seq;
    CREATE TABLE invoices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_number text NOT NULL UNIQUE DEFAULT ('I-' || lpad(nextval('invoice_number_seq')::text, 6, '0')),
      policy_id uuid NOT NULL REFERENCES billing_policies(policy_id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      issue_date date NOT NULL,
      due_date date NOT NULL CHECK (due_date >= issue_date),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'partially_paid', 'paid', 'overdue', 'void')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id)
    );
    CREATE INDEX invoices_policy ON invoices (policy_id, due_date);
    -- What credit and payments pay, oldest due first, per customer and currency.
    CREATE INDEX invoices_customer_unpaid ON invoices (customer_id, currency, due_date) WHERE status IN ('open', 'partially_paid', 'overdue');
    -- What the daily overdue job still has to look at.
    CREATE INDEX invoices_to_mark_overdue ON invoices (due_date) WHERE status IN ('open', 'partially_paid');

    CREATE TABLE billing_installments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_id uuid NOT NULL REFERENCES billing_policies(policy_id),
      policy_year integer NOT NULL CHECK (policy_year >= 1),
      sequence integer NOT NULL CHECK (sequence >= 1),
      due_date date NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      -- Set once, when its invoice is raised (the line's unique installment_id is the guard).
      invoice_id uuid REFERENCES invoices(id),
      created_at timestamptz NOT NULL,
      UNIQUE (policy_id, policy_year, sequence)
    );
    -- What the daily raise job still has to raise.
    CREATE INDEX billing_installments_to_raise ON billing_installments (due_date) WHERE invoice_id IS NULL;

    CREATE TABLE invoice_lines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      kind text NOT NULL CHECK (kind IN ('installment', 'late_fee')),
      -- An installment is invoiced once.
      installment_id uuid UNIQUE REFERENCES billing_installments(id),
      amount bigint NOT NULL CHECK (amount > 0),
      description text NOT NULL,
      created_at timestamptz NOT NULL,
      CHECK ((kind = 'installment') = (installment_id IS NOT NULL))
    );
    CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);

    CREATE TABLE invoice_status_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      from_status text,
      to_status text NOT NULL,
      reason text NOT NULL,
      changed_at timestamptz NOT NULL,
      changed_by uuid REFERENCES users(id)
    );
    CREATE INDEX invoice_status_history_invoice ON invoice_status_history (invoice_id, id);

    -- The invoice a receivable posting charges or pays.
    ALTER TABLE postings ADD COLUMN invoice_id uuid REFERENCES invoices(id);
    CREATE INDEX postings_invoice ON postings (invoice_id) INCLUDE (direction, amount) WHERE invoice_id IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX postings_invoice;
    ALTER TABLE postings DROP COLUMN invoice_id;
    DROP TABLE invoice_status_history;
    DROP TABLE invoice_lines;
    DROP TABLE billing_installments;
    DROP TABLE invoices;
    DROP SEQUENCE invoice_number_seq;
  `);
}
