import type { Knex } from 'knex';

// Payments (money received for a policy or a customer's account, by method), their status history,
// and the inbox of payment-gateway webhook events (each stored once by provider and event id).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE payment_number_seq;
    CREATE TABLE payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      payment_number text NOT NULL UNIQUE,
      -- Null: a payment to the customer's account rather than one policy.
      policy_id uuid REFERENCES billing_policies(policy_id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      method text NOT NULL CHECK (method IN ('card', 'bank_transfer', 'direct_debit', 'check', 'cash')),
      amount bigint NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'reversed')),
      received_on date NOT NULL,
      card_last4 text CHECK (card_last4 ~ '^[0-9]{4}$'),
      check_number text,
      reference text,
      gateway text,
      gateway_reference text,
      failure_code text,
      failure_message text,
      -- The paymentReceived entry, once the payment succeeded (a reversal points at it).
      ledger_entry_id uuid REFERENCES journal_entries(id),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (gateway, gateway_reference),
      CHECK ((gateway IS NULL) = (gateway_reference IS NULL)),
      CHECK (method <> 'check' OR check_number IS NOT NULL),
      CHECK ((status = 'failed') = (failure_code IS NOT NULL))
    );
    CREATE INDEX payments_policy ON payments (policy_id, created_at DESC, id DESC) WHERE policy_id IS NOT NULL;
    CREATE INDEX payments_customer ON payments (customer_id, created_at DESC, id DESC);

    CREATE TABLE payment_status_history (
      id bigserial PRIMARY KEY,
      payment_id uuid NOT NULL REFERENCES payments(id),
      from_status text,
      to_status text NOT NULL,
      -- Null for webhooks (the gateway, not a user, moved it).
      actor_id uuid REFERENCES users(id),
      webhook_event_id uuid,
      note text,
      occurred_at timestamptz NOT NULL
    );
    CREATE INDEX payment_status_history_payment ON payment_status_history (payment_id, id);

    -- The webhook inbox: a redelivered event hits the unique key and changes nothing.
    CREATE TABLE payment_webhook_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      provider text NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      payload jsonb NOT NULL,
      received_at timestamptz NOT NULL,
      processed_at timestamptz,
      outcome text CHECK (outcome IN ('applied', 'ignored', 'recorded')),
      outcome_detail text,
      payment_id uuid REFERENCES payments(id),
      UNIQUE (provider, event_id)
    );
    ALTER TABLE payment_status_history ADD FOREIGN KEY (webhook_event_id) REFERENCES payment_webhook_events(id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE payment_status_history;
    DROP TABLE payment_webhook_events;
    DROP TABLE payments;
    DROP SEQUENCE payment_number_seq;
  `);
}
