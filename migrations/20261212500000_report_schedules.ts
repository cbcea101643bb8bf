import type { Knex } from 'knex';

// Scheduled reports (issue 18): a report, its parameters and format, a cron expression in a time zone
// and the users who receive it. Each run is recorded once per schedule and scheduled instant (unique),
// so two instances running the minute job at once run it once; each recipient gets their own export,
// run as themselves (their scope, their masking), and an email with a link to it — never the file.
// A schedule's changes are kept in its history (append-only) beside the audit trail.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE report_schedules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      report_key text NOT NULL CHECK (length(report_key) BETWEEN 3 AND 100),
      report_title text NOT NULL,
      params jsonb NOT NULL,
      format text NOT NULL CHECK (format IN ('csv', 'xlsx', 'pdf')),
      cron text NOT NULL CHECK (length(cron) BETWEEN 9 AND 100),
      time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
      -- A rolling period filling the report's dates at each run; null runs the params as stored.
      period text CHECK (period IN ('previous-day', 'previous-week', 'previous-month')),
      owner_id uuid NOT NULL REFERENCES users(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'deleted')),
      next_run_at timestamptz,
      last_run_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((status = 'active') = (next_run_at IS NOT NULL))
    );
    CREATE INDEX report_schedules_owner ON report_schedules (owner_id, seq DESC) WHERE status <> 'deleted';
    -- The minute job: active schedules whose time has come.
    CREATE INDEX report_schedules_due ON report_schedules (next_run_at) WHERE status = 'active';

    CREATE TABLE report_schedule_recipients (
      schedule_id uuid NOT NULL REFERENCES report_schedules(id),
      user_id uuid NOT NULL REFERENCES users(id),
      PRIMARY KEY (schedule_id, user_id)
    );

    CREATE TABLE report_schedule_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      schedule_id uuid NOT NULL REFERENCES report_schedules(id),
      version integer NOT NULL,
      change text NOT NULL CHECK (change IN ('create', 'update', 'pause', 'resume', 'delete')),
      schedule jsonb NOT NULL,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL,
      UNIQUE (schedule_id, version)
    );
    CREATE TRIGGER report_schedule_history_no_update_delete BEFORE UPDATE OR DELETE ON report_schedule_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER report_schedule_history_no_truncate BEFORE TRUNCATE ON report_schedule_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    CREATE TABLE report_schedule_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      schedule_id uuid NOT NULL REFERENCES report_schedules(id),
      scheduled_for timestamptz NOT NULL,
      started_at timestamptz NOT NULL,
      UNIQUE (schedule_id, scheduled_for)
    );

    ALTER TABLE report_exports ADD COLUMN schedule_run_id uuid REFERENCES report_schedule_runs(id);
    CREATE INDEX report_exports_schedule_run ON report_exports (schedule_run_id) WHERE schedule_run_id IS NOT NULL;

    INSERT INTO notification_template_keys (key, description, variables, sample, title) VALUES (
      'report-ready',
      'Sent to a scheduled report''s recipients when their copy is ready: a link to it in the console, never the file',
      ARRAY['recipientName', 'reportTitle', 'link', 'expiresOn'],
      '{"recipientName": "Grace Hopper", "reportTitle": "Claims register", "link": "https://policydesk.example/reports?export=00000000-0000-0000-0000-000000000000", "expiresOn": "2027-03-08"}'::jsonb,
      'Scheduled report ready'
    );
    INSERT INTO notification_templates (key, channel, language, version, subject, body, created_at) VALUES (
      'report-ready', 'email', 'en', 1,
      'Your scheduled report: {{reportTitle}}',
      E'Dear {{recipientName}},\\n\\nYour scheduled report "{{reportTitle}}" is ready. Sign in to Policydesk to download it:\\n\\n{{link}}\\n\\nThe file is kept until {{expiresOn}}.\\n\\nPolicydesk',
      now()
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DELETE FROM notification_templates WHERE key = 'report-ready';
    DELETE FROM notification_template_keys WHERE key = 'report-ready';
    ALTER TABLE report_exports DROP COLUMN schedule_run_id;
    DROP TABLE report_schedule_runs, report_schedule_history, report_schedule_recipients, report_schedules;
  `);
}
