import type { Knex } from 'knex';

// The product catalog: a product and its versions. A version holds everything that prices and
// qualifies a policy (a JSON definition checked by the application when published) and never
// changes once published; a new version is a draft copy.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE products (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,29}$'),
      name text NOT NULL,
      category text NOT NULL CHECK (category IN ('life', 'health', 'auto', 'home', 'travel', 'personal_accident')),
      description text NOT NULL,
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'retired')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id)
    );
    CREATE INDEX products_category ON products (category, status);

    CREATE TABLE product_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      product_id uuid NOT NULL REFERENCES products(id),
      version_number integer NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
      effective_from date,
      definition jsonb NOT NULL,
      published_at timestamptz,
      published_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id),
      UNIQUE (product_id, version_number),
      CHECK ((status = 'published') = (published_at IS NOT NULL AND effective_from IS NOT NULL))
    );
    -- At most one draft per product at a time.
    CREATE UNIQUE INDEX product_versions_one_draft ON product_versions (product_id) WHERE status = 'draft';

    -- A published version is immutable, whoever asks.
    CREATE FUNCTION product_versions_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = 'published' THEN
        RAISE EXCEPTION 'product version % is published and cannot change', OLD.id USING ERRCODE = 'check_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN
        RETURN OLD;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER product_versions_immutable BEFORE UPDATE OR DELETE ON product_versions
      FOR EACH ROW EXECUTE FUNCTION product_versions_published_immutable();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE product_versions;
    DROP FUNCTION product_versions_published_immutable();
    DROP TABLE products;
  `);
}
