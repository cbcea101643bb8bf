import type { Knex } from 'knex';

// Daily KPI snapshots (issue 18): each additive KPI's figure for each closed business day and branch
// (its two sides, or its value), written by the nightly job once per day — the day's row in
// kpi_snapshot_days is inserted in the same transaction as its figures, so a day is either whole or
// absent and two instances never write it twice. Dashboards over closed days read these; today's
// figures, and figures narrowed to an agent or a product, stay live.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE kpi_snapshot_days (
      day date PRIMARY KEY,
      taken_at timestamptz NOT NULL
    );
    CREATE TABLE kpi_daily_snapshots (
      kpi_key text NOT NULL CHECK (length(kpi_key) BETWEEN 3 AND 100),
      day date NOT NULL REFERENCES kpi_snapshot_days(day),
      branch_id uuid NOT NULL REFERENCES branches(id),
      value numeric,
      numerator numeric,
      denominator numeric,
      PRIMARY KEY (kpi_key, day, branch_id)
    );
    CREATE INDEX kpi_daily_snapshots_day ON kpi_daily_snapshots (kpi_key, day);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE kpi_daily_snapshots; DROP TABLE kpi_snapshot_days;');
}
