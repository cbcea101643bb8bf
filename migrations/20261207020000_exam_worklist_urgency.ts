import type { Knex } from 'knex';

// The exam worklist's default order, "most urgent first": open exams by due date (so the overdue
// ones come first), finished ones (results received, waived) last — `exams.repository.ts` DONE_RANK_SQL.
// The index holds exactly that order (expression, due date, id), so a page is read in index order
// instead of sorting every exam of the branches.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX order_exams_urgency_idx ON order_exams
      ((CASE WHEN status IN ('results_received', 'waived') THEN 1 ELSE 0 END), due_on, id)
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX order_exams_urgency_idx');
}
