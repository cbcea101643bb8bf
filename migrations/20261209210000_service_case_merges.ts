import type { Knex } from 'knex';

// Merging cases (issue 14): the merged case is closed pointing at the case it went into; the
// interactions and tasks about it then count as the surviving case's (both keep their histories).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE service_cases ADD COLUMN merged_into_id uuid REFERENCES service_cases(id),
      ADD CONSTRAINT service_cases_merged_closed CHECK (merged_into_id IS NULL OR (status = 'closed' AND merged_into_id <> id));
    CREATE INDEX service_cases_merged_into ON service_cases (merged_into_id) WHERE merged_into_id IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE service_cases DROP COLUMN merged_into_id');
}
