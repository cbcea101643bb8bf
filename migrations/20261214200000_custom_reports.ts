import type { Knex } from 'knex';

// Custom reports (issue 18): a report a user built from a dataset's allow-list of fields (the
// definition: dataset, columns, filters, grouping, totals — never SQL), private to its owner or shared
// with a role. Changes are kept in its history (append-only) beside the audit trail; a deleted report
// stays as a row (its exports and history point at it).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE custom_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
      dataset text NOT NULL CHECK (length(dataset) BETWEEN 1 AND 40),
      definition jsonb NOT NULL,
      shared_with_role text CHECK (shared_with_role IN ('admin', 'manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster', 'finance', 'finance_manager')),
      owner_id uuid NOT NULL REFERENCES users(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      deleted_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX custom_reports_owner ON custom_reports (owner_id, seq DESC) WHERE deleted_at IS NULL;
    CREATE INDEX custom_reports_shared ON custom_reports (shared_with_role, seq DESC) WHERE deleted_at IS NULL AND shared_with_role IS NOT NULL;

    CREATE TABLE custom_report_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      report_id uuid NOT NULL REFERENCES custom_reports(id),
      version integer NOT NULL,
      change text NOT NULL CHECK (change IN ('create', 'update', 'delete')),
      report jsonb NOT NULL,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL,
      UNIQUE (report_id, version)
    );
    CREATE TRIGGER custom_report_history_no_update_delete BEFORE UPDATE OR DELETE ON custom_report_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER custom_report_history_no_truncate BEFORE TRUNCATE ON custom_report_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE custom_report_history;
    DROP TABLE custom_reports;
  `);
}
