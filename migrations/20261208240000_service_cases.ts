import type { Knex } from 'knex';

// Cases (issue 14): a customer's question, complaint or request worked to resolution, with a status
// machine (new → open → pending → resolved → closed, reopened within 14 days), an append-only status
// history, and SLA clocks in service_clock_events (subject_type 'case').
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE SEQUENCE service_case_number_seq;
    CREATE TABLE service_cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_number text NOT NULL UNIQUE DEFAULT 'CS-' || lpad(nextval('service_case_number_seq')::text, 6, '0'),
      type text NOT NULL CHECK (type IN ('question', 'complaint', 'policy_change_request', 'billing_question', 'claim_follow_up', 'cancellation_request', 'onboarding')),
      priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),
      subject text NOT NULL,
      description text,
      customer_id uuid REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      assignee_id uuid REFERENCES users(id),
      links jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(links) = 'array'),
      resolution text,
      resolved_at timestamptz,
      closed_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      updated_at timestamptz NOT NULL,
      CHECK ((status IN ('resolved', 'closed')) = (resolved_at IS NOT NULL) AND (resolved_at IS NULL) = (resolution IS NULL)),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    );
    CREATE INDEX service_cases_branch ON service_cases (branch_id, created_at DESC, id DESC);
    CREATE INDEX service_cases_customer ON service_cases (customer_id, created_at DESC, id DESC) WHERE customer_id IS NOT NULL;
    CREATE INDEX service_cases_open_by_assignee ON service_cases (assignee_id, id) WHERE status IN ('new', 'open', 'pending');

    CREATE TABLE service_case_status_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES service_cases(id),
      from_status text,
      to_status text NOT NULL,
      reason text,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX service_case_status_history_case ON service_case_status_history (case_id, id);
    CREATE TRIGGER service_case_status_history_no_update_delete BEFORE UPDATE OR DELETE ON service_case_status_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER service_case_status_history_no_truncate BEFORE TRUNCATE ON service_case_status_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE service_case_status_history; DROP TABLE service_cases; DROP SEQUENCE service_case_number_seq;');
}
