import type { Knex } from 'knex';

// The claims worklist (GET /api/claims, newest first) on a book of 20,000 claims: filtered by status
// or assignee it walked the branch's claims newest first and dropped the others (3,000 rows read for
// 26 approved ones, 1,300 for an adjuster's own), or sorted an adjuster's claims of one status. These
// read each filter's claims already in the list's order (docs/performance.md, Claims). The
// (assignee, status) index becomes (assignee, status, created_at, id): still the adjusters' open load.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX claims_branch_status_created ON claims (branch_id, status, created_at DESC, id DESC);
    CREATE INDEX claims_assignee_created ON claims (assignee_id, created_at DESC, id DESC);
    CREATE INDEX claims_assignee_status_created ON claims (assignee_id, status, created_at DESC, id DESC);
    DROP INDEX claims_assignee_open;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX claims_assignee_open ON claims (assignee_id, status);
    DROP INDEX claims_assignee_status_created;
    DROP INDEX claims_assignee_created;
    DROP INDEX claims_branch_status_created;
  `);
}
