import type { Knex } from 'knex';

// Per-line monitoring (issue 17): thresholds an admin sets on a phone line (part of its versioned
// configuration), every verified webhook request's handling time and outcome (one narrow row per
// request, for the webhook p95 and error rate), and alert episodes: at most one open episode per
// (line, metric) — the partial unique index — so a breach raises one alert task however many runs
// or instances see it, and a new one only after the metric came back within its threshold.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE voice_phone_lines ADD COLUMN thresholds jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(thresholds) = 'object');

    CREATE TABLE voice_webhook_requests (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      line_id uuid NOT NULL REFERENCES voice_phone_lines(id),
      provider text NOT NULL CHECK (provider IN ('telnyx', 'twilio')),
      event text NOT NULL,
      received_at timestamptz NOT NULL,
      duration_ms real NOT NULL CHECK (duration_ms >= 0),
      status smallint NOT NULL
    );
    CREATE INDEX voice_webhook_requests_line ON voice_webhook_requests (line_id, received_at);
    CREATE INDEX voice_webhook_requests_received ON voice_webhook_requests (received_at);

    CREATE INDEX voice_ringing_calls_line ON voice_ringing_calls (line_id, created_at);

    CREATE TABLE voice_line_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      line_id uuid NOT NULL REFERENCES voice_phone_lines(id),
      metric text NOT NULL CHECK (metric IN ('calls', 'answered_within_20s', 'abandoned', 'missed', 'webhook_p95_ms', 'webhook_error_rate')),
      threshold numeric NOT NULL,
      value numeric NOT NULL,
      window_minutes integer NOT NULL,
      started_at timestamptz NOT NULL,
      cleared_at timestamptz,
      task_id uuid REFERENCES service_tasks(id)
    );
    CREATE UNIQUE INDEX voice_line_alerts_open ON voice_line_alerts (line_id, metric) WHERE cleared_at IS NULL;
    CREATE INDEX voice_line_alerts_line ON voice_line_alerts (line_id, started_at DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE voice_line_alerts;
    DROP INDEX voice_ringing_calls_line;
    DROP TABLE voice_webhook_requests;
    ALTER TABLE voice_phone_lines DROP COLUMN thresholds;
  `);
}
