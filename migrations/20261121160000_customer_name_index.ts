import type { Knex } from 'knex';

// One row per (name word, customer), ordered the way search results are: a one-word search reads
// the first page of each matching word straight from this index instead of ranking every customer
// who carries a common name. Kept by a trigger, like the word dictionary. Merged customers are
// history and stay out of it (search lists them only when asked for by status).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE customer_name_index (
      term text NOT NULL,
      sort_last text NOT NULL,
      sort_first text NOT NULL,
      customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      branch_id uuid NOT NULL,
      PRIMARY KEY (term, sort_last, sort_first, customer_id)
    );
    CREATE INDEX customer_name_index_customer ON customer_name_index (customer_id);
    INSERT INTO customer_name_index (term, sort_last, sort_first, customer_id, branch_id)
      SELECT DISTINCT w, lower(c.last_name), lower(c.first_name), c.id, c.branch_id
      FROM customers c, unnest(c.name_words) AS w WHERE w <> '' AND c.status <> 'merged';

    CREATE OR REPLACE FUNCTION customer_name_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO customer_name_terms (term)
        SELECT DISTINCT w FROM unnest(NEW.name_words) AS w WHERE w <> '' ON CONFLICT DO NOTHING;
      IF TG_OP = 'UPDATE' THEN
        DELETE FROM customer_name_index WHERE customer_id = NEW.id;
      END IF;
      IF NEW.status <> 'merged' THEN
        INSERT INTO customer_name_index (term, sort_last, sort_first, customer_id, branch_id)
          SELECT DISTINCT w, lower(NEW.last_name), lower(NEW.first_name), NEW.id, NEW.branch_id
          FROM unnest(NEW.name_words) AS w WHERE w <> '';
      END IF;
      RETURN NULL;
    END $$;
    DROP TRIGGER customers_name_terms ON customers;
    CREATE TRIGGER customers_name_terms AFTER INSERT OR UPDATE OF name_words, first_name, last_name, branch_id, status ON customers
      FOR EACH ROW EXECUTE FUNCTION customer_name_terms_add();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER customers_name_terms ON customers;
    CREATE OR REPLACE FUNCTION customer_name_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO customer_name_terms (term)
        SELECT DISTINCT w FROM unnest(NEW.name_words) AS w WHERE w <> '' ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;
    CREATE TRIGGER customers_name_terms AFTER INSERT OR UPDATE OF name_words ON customers
      FOR EACH ROW EXECUTE FUNCTION customer_name_terms_add();
    DROP TABLE customer_name_index;
  `);
}
