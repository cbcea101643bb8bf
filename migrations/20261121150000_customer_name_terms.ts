import type { Knex } from 'knex';

// Name search that stays fast at a million customers: each customer's name words are indexed as
// an array, and a small dictionary of distinct name words (kept by a trigger) absorbs typos and
// prefixes — "jonhson" and "john" expand to real words such as "johnson" first, then customers
// are looked up by those exact words.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE customers ADD COLUMN name_words text[] NOT NULL DEFAULT '{}';
    UPDATE customers SET name_words = regexp_split_to_array(search_name, '[\\s-]+');
    CREATE INDEX customers_name_words ON customers USING gin (name_words);
    DROP INDEX customers_search_name_trgm;

    CREATE TABLE customer_name_terms (term text PRIMARY KEY);
    CREATE INDEX customer_name_terms_trgm ON customer_name_terms USING gin (term gin_trgm_ops);
    CREATE INDEX customer_name_terms_prefix ON customer_name_terms (term text_pattern_ops);
    INSERT INTO customer_name_terms (term)
      SELECT DISTINCT w FROM customers, unnest(name_words) AS w WHERE w <> '' ON CONFLICT DO NOTHING;

    CREATE FUNCTION customer_name_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO customer_name_terms (term)
        SELECT DISTINCT w FROM unnest(NEW.name_words) AS w WHERE w <> '' ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;
    CREATE TRIGGER customers_name_terms AFTER INSERT OR UPDATE OF name_words ON customers
      FOR EACH ROW EXECUTE FUNCTION customer_name_terms_add();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER customers_name_terms ON customers;
    DROP FUNCTION customer_name_terms_add();
    DROP TABLE customer_name_terms;
    CREATE INDEX customers_search_name_trgm ON customers USING gin (search_name gin_trgm_ops);
    DROP INDEX customers_name_words;
    ALTER TABLE customers DROP COLUMN name_words;
  `);
}
