import type { Knex } from 'knex';

// Business-hours calendars for the service desk's SLA clocks (issue 14): a time zone, opening
// intervals per weekday (wall-clock 'HH:MM', several a day) and public holidays. One company-wide
// default (made by the app on first use, in the configured business time zone), later one per
// branch where a branch keeps other hours.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE service_calendars (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      time_zone text NOT NULL,
      hours jsonb NOT NULL CHECK (jsonb_typeof(hours) = 'object'),
      holidays jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(holidays) = 'array'),
      is_default boolean NOT NULL DEFAULT false,
      branch_id uuid UNIQUE REFERENCES branches(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by uuid REFERENCES users(id),
      CHECK (NOT (is_default AND branch_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX service_calendars_one_default ON service_calendars (is_default) WHERE is_default;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE service_calendars');
}
