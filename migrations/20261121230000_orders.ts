import type { Knex } from 'knex';

// Orders (applications): a saved quote turned into an application for the quote's customer, worked
// from draft through underwriting to a decision. Every status change leaves a history row.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE order_number_seq;
    CREATE TABLE orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_number text NOT NULL UNIQUE,
      quote_id uuid NOT NULL REFERENCES quotes(id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      agent_id uuid NOT NULL REFERENCES users(id),
      product_id uuid NOT NULL REFERENCES products(id),
      product_version_id uuid NOT NULL REFERENCES product_versions(id),
      -- The insured person when not the policyholder (null: the policyholder is insured).
      insured jsonb,
      coverages jsonb NOT NULL,
      sum_insured bigint NOT NULL CHECK (sum_insured >= 0),
      term_years integer NOT NULL,
      payment_frequency text NOT NULL,
      currency char(3) NOT NULL,
      annual_premium bigint NOT NULL CHECK (annual_premium >= 0),
      beneficiaries jsonb NOT NULL DEFAULT '[]',
      declarations jsonb NOT NULL DEFAULT '{}',
      -- Masked or tokenised only: never a full card or account number.
      payment_method jsonb,
      requested_start_date date,
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'in_underwriting', 'info_requested', 'approved', 'declined', 'withdrawn')),
      submitted_by uuid REFERENCES users(id),
      first_submitted_at timestamptz,
      submitted_at timestamptz,
      underwriter_id uuid REFERENCES users(id),
      info_request text,
      decided_at timestamptz,
      decided_by uuid REFERENCES users(id),
      processing_business_days integer,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    -- A quote becomes at most one live application.
    CREATE UNIQUE INDEX orders_one_per_quote ON orders (quote_id) WHERE status <> 'withdrawn';
    CREATE INDEX orders_customer ON orders (customer_id, created_at DESC, id DESC);
    CREATE INDEX orders_list ON orders (created_at DESC, id DESC);
    CREATE INDEX orders_status ON orders (status, submitted_at);

    CREATE TABLE order_status_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES orders(id),
      from_status text,
      to_status text NOT NULL,
      reason text,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX order_status_history_order ON order_status_history (order_id, id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE order_status_history;
    DROP TABLE orders;
    DROP SEQUENCE order_number_seq;
  `);
}
