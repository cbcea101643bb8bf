import type { Knex } from 'knex';

// Voice (issue 17, inbound calls): phone lines configured by admins (with an append-only history of
// every version), the calls the providers report on them, and every webhook request stored once by
// (provider, call id, event key) with the answer it got — a retry gets the same answer and changes
// nothing. Customers are looked up by their E.164 phone (index customers_phone, already there).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE voice_phone_lines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE CHECK (number ~ '^\\+[1-9][0-9]{6,14}$'),
      name text NOT NULL,
      greeting text NOT NULL,
      calendar_id uuid NOT NULL REFERENCES service_calendars(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      menu jsonb NOT NULL CHECK (jsonb_typeof(menu) = 'array'),
      urgent jsonb CHECK (urgent IS NULL OR jsonb_typeof(urgent) = 'object'),
      after_hours text NOT NULL CHECK (after_hours IN ('voicemail', 'hangup')),
      voicemail_prompt text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      updated_at timestamptz NOT NULL,
      updated_by uuid NOT NULL REFERENCES users(id)
    );

    CREATE TABLE voice_phone_line_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      line_id uuid NOT NULL REFERENCES voice_phone_lines(id),
      version integer NOT NULL,
      change text NOT NULL CHECK (change IN ('create', 'update')),
      line jsonb NOT NULL,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL,
      UNIQUE (line_id, version)
    );
    CREATE TRIGGER voice_phone_line_history_no_update_delete BEFORE UPDATE OR DELETE ON voice_phone_line_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER voice_phone_line_history_no_truncate BEFORE TRUNCATE ON voice_phone_line_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    CREATE TABLE voice_calls (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      provider text NOT NULL CHECK (provider IN ('telnyx', 'twilio')),
      call_id text NOT NULL,
      line_id uuid NOT NULL REFERENCES voice_phone_lines(id),
      from_number text NOT NULL,
      caller_match text NOT NULL CHECK (caller_match IN ('identified', 'ambiguous', 'unknown')),
      customer_id uuid REFERENCES customers(id),
      candidate_ids uuid[] NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('ringing', 'in_progress', 'completed', 'busy', 'no_answer', 'failed', 'canceled')),
      after_hours boolean NOT NULL,
      queue text CHECK (queue IN ('claims', 'payments', 'policy_changes', 'agent', 'urgent', 'voicemail')),
      menu_attempts integer NOT NULL DEFAULT 0,
      case_id uuid REFERENCES service_cases(id),
      interaction_id uuid REFERENCES service_interactions(id),
      duration_seconds integer CHECK (duration_seconds >= 0),
      recording_url text,
      transcription text,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      updated_at timestamptz NOT NULL,
      UNIQUE (provider, call_id)
    );
    CREATE INDEX voice_calls_line ON voice_calls (line_id, started_at DESC);

    CREATE TABLE voice_callbacks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      provider text NOT NULL CHECK (provider IN ('telnyx', 'twilio')),
      call_id text NOT NULL,
      event_key text NOT NULL,
      params jsonb NOT NULL,
      response text,
      received_at timestamptz NOT NULL,
      UNIQUE (provider, call_id, event_key)
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE voice_callbacks; DROP TABLE voice_calls; DROP TABLE voice_phone_line_history; DROP TABLE voice_phone_lines;');
}
