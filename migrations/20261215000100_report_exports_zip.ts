import type { Knex } from 'knex';

// An export file can be a ZIP (issue 22: a customer's data — a JSON file per area and a PDF summary).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE report_exports DROP CONSTRAINT report_exports_format_check;
    ALTER TABLE report_exports ADD CONSTRAINT report_exports_format_check CHECK (format IN ('csv', 'xlsx', 'pdf', 'zip'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DELETE FROM report_exports WHERE format = 'zip';
    ALTER TABLE report_exports DROP CONSTRAINT report_exports_format_check;
    ALTER TABLE report_exports ADD CONSTRAINT report_exports_format_check CHECK (format IN ('csv', 'xlsx', 'pdf'));
  `);
}
