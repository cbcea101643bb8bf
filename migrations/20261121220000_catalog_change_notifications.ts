import type { Knex } from 'knex';

// Changes to a product or its versions announce themselves on 'catalog_changed' (payload: the
// product id, delivered at commit), so each API instance can drop the catalog it keeps for quoting.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION notify_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_TABLE_NAME = 'products' THEN
        PERFORM pg_notify('catalog_changed', NEW.id::text);
      ELSE
        PERFORM pg_notify('catalog_changed', NEW.product_id::text);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER products_catalog_changed AFTER INSERT OR UPDATE ON products
      FOR EACH ROW EXECUTE FUNCTION notify_catalog_changed();
    CREATE TRIGGER product_versions_catalog_changed AFTER INSERT OR UPDATE ON product_versions
      FOR EACH ROW EXECUTE FUNCTION notify_catalog_changed();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER product_versions_catalog_changed ON product_versions;
    DROP TRIGGER products_catalog_changed ON products;
    DROP FUNCTION notify_catalog_changed();
  `);
}
