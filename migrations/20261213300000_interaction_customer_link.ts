import type { Knex } from 'knex';

// An unknown contact's interaction linked to a customer later (issue 14): interactions get a version
// (If-Match on the link) and an append-only history of what changed on them after they were logged.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE service_interactions ADD COLUMN version integer NOT NULL DEFAULT 1;

    CREATE TABLE service_interaction_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      interaction_id uuid NOT NULL REFERENCES service_interactions(id),
      event text NOT NULL CHECK (event IN ('customer_linked')),
      details jsonb NOT NULL DEFAULT '{}',
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX service_interaction_history_interaction ON service_interaction_history (interaction_id, id);
    CREATE TRIGGER service_interaction_history_no_update_delete BEFORE UPDATE OR DELETE ON service_interaction_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER service_interaction_history_no_truncate BEFORE TRUNCATE ON service_interaction_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE service_interaction_history; ALTER TABLE service_interactions DROP COLUMN version;');
}
