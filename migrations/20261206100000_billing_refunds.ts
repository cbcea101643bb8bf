import type { Knex } from 'knex';

// Refunds (RF-000001: of a payment or of a customer's credit, requested by one person, approved by
// another, paid out through the gateway or recorded by staff) with their status history; write-offs
// (WO-000001: what is left open on an invoice, within the writer's limit); and the invoice status
// `written_off` for an invoice with nothing left open after a write-off.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE refund_number_seq;
    CREATE TABLE refunds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      refund_number text NOT NULL UNIQUE,
      source text NOT NULL CHECK (source IN ('payment', 'credit')),
      -- The payment refunded (source = payment); null for a refund of the customer's credit.
      payment_id uuid REFERENCES payments(id),
      -- The payment's policy, or the policy a credit refund was asked from (its list shows it).
      policy_id uuid REFERENCES billing_policies(policy_id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      method text NOT NULL CHECK (method IN ('card', 'bank_transfer', 'direct_debit', 'check', 'cash')),
      amount bigint NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('requested', 'approved', 'paid', 'failed', 'rejected', 'cancelled')),
      requested_by uuid NOT NULL REFERENCES users(id),
      requested_at timestamptz NOT NULL,
      -- Who approved, rejected or cancelled it, and when.
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_note text,
      -- A card refund at the gateway (its refund reference); a payout recorded by staff.
      gateway text,
      gateway_reference text,
      payout_reference text,
      failure_reason text,
      paid_at timestamptz,
      approved_entry_id uuid REFERENCES journal_entries(id),
      paid_entry_id uuid REFERENCES journal_entries(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (gateway, gateway_reference),
      CHECK ((gateway IS NULL) = (gateway_reference IS NULL)),
      CHECK ((source = 'payment') = (payment_id IS NOT NULL)),
      -- Only a card payment is refunded to a card.
      CHECK (source = 'payment' OR method <> 'card'),
      CHECK (status NOT IN ('approved', 'paid') OR approved_entry_id IS NOT NULL),
      CHECK ((status = 'paid') = (paid_entry_id IS NOT NULL))
    );
    -- Σ refunds of a payment (the "never more than paid" guard).
    CREATE INDEX refunds_payment ON refunds (payment_id) WHERE payment_id IS NOT NULL;
    CREATE INDEX refunds_policy ON refunds (policy_id, created_at DESC, id DESC) WHERE policy_id IS NOT NULL;
    -- Credit refunds still waiting (they hold the customer's credit).
    CREATE INDEX refunds_customer_requested ON refunds (customer_id, currency) WHERE status = 'requested';
    -- Approvers' list, oldest first.
    CREATE INDEX refunds_to_approve ON refunds (branch_id, created_at, id) WHERE status = 'requested';

    CREATE TABLE refund_status_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      refund_id uuid NOT NULL REFERENCES refunds(id),
      from_status text,
      to_status text NOT NULL,
      -- Null when the gateway (a webhook) moved it.
      actor_id uuid REFERENCES users(id),
      webhook_event_id uuid REFERENCES payment_webhook_events(id),
      note text,
      occurred_at timestamptz NOT NULL
    );
    CREATE INDEX refund_status_history_refund ON refund_status_history (refund_id, id);

    CREATE SEQUENCE write_off_number_seq;
    CREATE TABLE write_offs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      write_off_number text NOT NULL UNIQUE,
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      policy_id uuid NOT NULL REFERENCES billing_policies(policy_id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      amount bigint NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      reason text NOT NULL,
      ledger_entry_id uuid NOT NULL REFERENCES journal_entries(id),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX write_offs_invoice ON write_offs (invoice_id);

    ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
    ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('open', 'partially_paid', 'paid', 'overdue', 'void', 'written_off'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
    ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('open', 'partially_paid', 'paid', 'overdue', 'void'));
    DROP TABLE write_offs;
    DROP SEQUENCE write_off_number_seq;
    DROP TABLE refund_status_history;
    DROP TABLE refunds;
    DROP SEQUENCE refund_number_seq;
  `);
}
