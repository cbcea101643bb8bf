import type { Knex } from 'knex';

// A module closes the task it made when what the task asked for happened by itself (the overdue
// premium was paid, the renewal was accepted): such a task is done without a person doing it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE service_tasks DROP CONSTRAINT service_tasks_check1;
    ALTER TABLE service_tasks ADD CONSTRAINT service_tasks_completion_check
      CHECK ((completed_at IS NULL) = (outcome IS NULL) AND (completed_by IS NULL OR completed_at IS NOT NULL));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE service_tasks DROP CONSTRAINT service_tasks_completion_check;
    ALTER TABLE service_tasks ADD CONSTRAINT service_tasks_check1
      CHECK ((completed_at IS NULL) = (outcome IS NULL) AND (completed_at IS NULL) = (completed_by IS NULL));
  `);
}
