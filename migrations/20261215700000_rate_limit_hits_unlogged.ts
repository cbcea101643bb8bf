import type { Knex } from 'knex';

// Every /api request now counts in rate_limit_hits (the general per-IP limit is shared by all
// instances). Counters are worth nothing after a crash and never go to a replica or a backup, so the
// table skips the WAL: an upsert costs no WAL flush at commit. After a crash PostgreSQL empties it,
// which only restarts the current windows.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE rate_limit_hits SET UNLOGGED');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE rate_limit_hits SET LOGGED');
}
