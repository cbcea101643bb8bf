import type { Knex } from 'knex';

// Saved quotes: a frozen pricing snapshot pointing at the exact product version that priced it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE quote_number_seq;
    CREATE TABLE quotes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      quote_number text NOT NULL UNIQUE,
      product_id uuid NOT NULL REFERENCES products(id),
      product_version_id uuid NOT NULL REFERENCES product_versions(id),
      customer_id uuid REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      request jsonb NOT NULL,
      applicant jsonb NOT NULL,
      result jsonb NOT NULL,
      currency char(3) NOT NULL,
      annual_premium bigint NOT NULL,
      quoted_on date NOT NULL,
      valid_until date NOT NULL,
      created_at timestamptz NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id)
    );
    CREATE INDEX quotes_customer ON quotes (customer_id, created_at DESC, id DESC);
    -- The price never changes; only the customer it belongs to may (when two customers merge).
    CREATE FUNCTION quotes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'a saved quote never changes' USING ERRCODE = 'check_violation';
    END $$;
    CREATE TRIGGER quotes_no_update BEFORE UPDATE OF quote_number, product_id, product_version_id, branch_id, request, applicant, result, currency, annual_premium, quoted_on, valid_until, created_at, created_by ON quotes
      FOR EACH ROW EXECUTE FUNCTION quotes_immutable();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE quotes;
    DROP FUNCTION quotes_immutable();
    DROP SEQUENCE quote_number_seq;
  `);
}
