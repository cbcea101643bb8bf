import type { Knex } from 'knex';

// Rate-limit counters shared by every instance on the database (login throttling), one row per
// limiter and client key for the current window.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE rate_limit_hits (
      key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 300),
      hits integer NOT NULL CHECK (hits >= 0),
      reset_at timestamptz NOT NULL
    );
    CREATE INDEX rate_limit_hits_reset_at ON rate_limit_hits (reset_at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE rate_limit_hits');
}
