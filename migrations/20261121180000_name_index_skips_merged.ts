import type { Knex } from 'knex';

// Merged customers are history: they leave the one-word name index (search lists them only when
// asked for by status, through the general path).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
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
    DELETE FROM customer_name_index i USING customers c WHERE c.id = i.customer_id AND c.status = 'merged';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION customer_name_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO customer_name_terms (term)
        SELECT DISTINCT w FROM unnest(NEW.name_words) AS w WHERE w <> '' ON CONFLICT DO NOTHING;
      IF TG_OP = 'UPDATE' THEN
        DELETE FROM customer_name_index WHERE customer_id = NEW.id;
      END IF;
      INSERT INTO customer_name_index (term, sort_last, sort_first, customer_id, branch_id)
        SELECT DISTINCT w, lower(NEW.last_name), lower(NEW.first_name), NEW.id, NEW.branch_id
        FROM unnest(NEW.name_words) AS w WHERE w <> '';
      RETURN NULL;
    END $$;
    DROP TRIGGER customers_name_terms ON customers;
    CREATE TRIGGER customers_name_terms AFTER INSERT OR UPDATE OF name_words, first_name, last_name, branch_id ON customers
      FOR EACH ROW EXECUTE FUNCTION customer_name_terms_add();
    INSERT INTO customer_name_index (term, sort_last, sort_first, customer_id, branch_id)
      SELECT DISTINCT w, lower(c.last_name), lower(c.first_name), c.id, c.branch_id
      FROM customers c, unnest(c.name_words) AS w WHERE w <> '' AND c.status = 'merged';
  `);
}
