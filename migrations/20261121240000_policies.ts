import type { Knex } from 'knex';

// Policies (contracts), created when an order is approved, in the same transaction. Servicing and
// billing extend them later; everything that defines the contract is here from the start.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE orders
      ADD COLUMN extra_premium_percent integer CHECK (extra_premium_percent BETWEEN 1 AND 500),
      ADD COLUMN exclusions jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN approved_annual_premium bigint CHECK (approved_annual_premium >= 0),
      ADD COLUMN decision_note text;

    CREATE SEQUENCE policy_number_seq;
    CREATE TABLE policies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_number text NOT NULL UNIQUE,
      order_id uuid NOT NULL UNIQUE REFERENCES orders(id),
      customer_id uuid NOT NULL REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      agent_id uuid NOT NULL REFERENCES users(id),
      insured jsonb,
      product_id uuid NOT NULL REFERENCES products(id),
      product_version_id uuid NOT NULL REFERENCES product_versions(id),
      coverages jsonb NOT NULL,
      sum_insured bigint NOT NULL CHECK (sum_insured >= 0),
      currency char(3) NOT NULL,
      annual_premium bigint NOT NULL CHECK (annual_premium >= 0),
      extra_premium_percent integer,
      exclusions jsonb NOT NULL DEFAULT '[]',
      payment_frequency text NOT NULL,
      installment_count integer NOT NULL CHECK (installment_count > 0),
      installment_amount bigint NOT NULL,
      first_installment_amount bigint NOT NULL,
      term_years integer NOT NULL,
      start_date date NOT NULL,
      end_date date NOT NULL CHECK (end_date >= start_date),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lapsed', 'cancelled', 'expired', 'surrendered')),
      beneficiaries jsonb NOT NULL DEFAULT '[]',
      payment_method jsonb,
      version integer NOT NULL DEFAULT 1,
      issued_at timestamptz NOT NULL,
      issued_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (first_installment_amount + installment_amount * (installment_count - 1) = annual_premium)
    );
    CREATE INDEX policies_customer ON policies (customer_id, created_at DESC, id DESC);
    CREATE INDEX policies_list ON policies (created_at DESC, id DESC);

    CREATE TABLE policy_status_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      policy_id uuid NOT NULL REFERENCES policies(id),
      from_status text,
      to_status text NOT NULL,
      reason text,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX policy_status_history_policy ON policy_status_history (policy_id, id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE policy_status_history;
    DROP TABLE policies;
    DROP SEQUENCE policy_number_seq;
    ALTER TABLE orders DROP COLUMN extra_premium_percent, DROP COLUMN exclusions, DROP COLUMN approved_annual_premium, DROP COLUMN decision_note;
  `);
}
