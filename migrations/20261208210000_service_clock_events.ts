import type { Knex } from 'knex';

// SLA clocks as data (issue 14): an append-only log of clock events per subject (a case, a
// milestone task) and metric; states and due times are computed from it (modules/service/sla-clock.ts).
// A warning and a breach are recorded at most once per subject and metric.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE service_clock_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      subject_type text NOT NULL CHECK (subject_type IN ('case', 'task')),
      subject_id uuid NOT NULL,
      metric text NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution', 'acknowledgement', 'final_response', 'milestone')),
      type text NOT NULL CHECK (type IN ('start', 'pause', 'resume', 'fulfil', 'breach', 'warning', 'policy_change')),
      at timestamptz NOT NULL,
      -- Set by start and policy_change; NULL there is "no SLA".
      target_minutes integer CHECK (target_minutes >= 0),
      calendar_id uuid NOT NULL REFERENCES service_calendars(id),
      reason text,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL
    );
    CREATE INDEX service_clock_events_subject ON service_clock_events (subject_type, subject_id, metric, id);
    CREATE UNIQUE INDEX service_clock_events_once ON service_clock_events (subject_type, subject_id, metric, type) WHERE type IN ('start', 'warning', 'breach');
    CREATE TRIGGER service_clock_events_no_update_delete BEFORE UPDATE OR DELETE ON service_clock_events FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER service_clock_events_no_truncate BEFORE TRUNCATE ON service_clock_events FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE service_clock_events');
}
