import type { Knex } from 'knex';

// SLA policies as data (issue 14): targets in business minutes per case type and priority (NULL: no
// SLA for that metric), the share of a target at which the SLA job warns; escalation rules (what
// happens on a warning, a breach, a complaint, a customer's third contact) and the escalations of a
// case (append-only). A next-response clock restarts on each customer contact after a reply.
const TYPES = ['question', 'complaint', 'policy_change_request', 'billing_question', 'claim_follow_up', 'cancellation_request', 'onboarding'];
const FIRST: Record<string, number> = { urgent: 30, high: 60, normal: 240, low: 480 };
const NEXT: Record<string, number> = { urgent: 120, high: 240, normal: 480, low: 960 };
const RESOLUTION: Record<string, number> = { urgent: 240, high: 480, normal: 1440, low: 2880 };

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE service_sla_policies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_type text NOT NULL CHECK (case_type IN (${TYPES.map((t) => `'${t}'`).join(', ')})),
      priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      first_response_minutes integer CHECK (first_response_minutes > 0),
      next_response_minutes integer CHECK (next_response_minutes > 0),
      resolution_minutes integer CHECK (resolution_minutes > 0),
      -- The regulatory clocks of complaints (NULL for other types): acknowledgement, final response.
      acknowledgement_minutes integer CHECK (acknowledgement_minutes > 0),
      final_response_minutes integer CHECK (final_response_minutes > 0),
      warning_percent integer NOT NULL DEFAULT 75 CHECK (warning_percent BETWEEN 1 AND 99),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id),
      UNIQUE (case_type, priority)
    );

    CREATE TABLE service_escalation_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      trigger text NOT NULL CHECK (trigger IN ('warning', 'breach', 'complaint', 'third_contact')),
      -- NULL: any case type.
      case_type text CHECK (case_type IN (${TYPES.map((t) => `'${t}'`).join(', ')})),
      escalate boolean NOT NULL,
      reassign boolean NOT NULL,
      raise_priority boolean NOT NULL,
      notify boolean NOT NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id)
    );
    CREATE UNIQUE INDEX service_escalation_rules_once ON service_escalation_rules (trigger, coalesce(case_type, ''));

    ALTER TABLE service_cases
      ADD COLUMN escalation_level text NOT NULL DEFAULT 'agent' CHECK (escalation_level IN ('agent', 'senior_agent', 'manager'));
    -- The SLA job looks at the cases whose clocks may still warn or breach.
    CREATE INDEX service_cases_active ON service_cases (id) WHERE status IN ('new', 'open', 'pending');

    CREATE TABLE service_case_escalations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES service_cases(id),
      trigger text NOT NULL CHECK (trigger IN ('manual', 'warning', 'breach', 'complaint', 'third_contact')),
      metric text,
      from_level text NOT NULL,
      to_level text NOT NULL,
      reason text NOT NULL,
      reassigned_to uuid REFERENCES users(id),
      priority_from text,
      priority_to text,
      escalated_by uuid REFERENCES users(id),
      escalated_at timestamptz NOT NULL
    );
    CREATE INDEX service_case_escalations_case ON service_case_escalations (case_id, id);
    -- An automatic trigger acts once per case (and metric).
    CREATE UNIQUE INDEX service_case_escalations_once ON service_case_escalations (case_id, trigger, coalesce(metric, '')) WHERE trigger <> 'manual';
    CREATE TRIGGER service_case_escalations_no_update_delete BEFORE UPDATE OR DELETE ON service_case_escalations FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER service_case_escalations_no_truncate BEFORE TRUNCATE ON service_case_escalations FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    ALTER TABLE service_clock_events DROP CONSTRAINT service_clock_events_type_check;
    ALTER TABLE service_clock_events ADD CONSTRAINT service_clock_events_type_check CHECK (type IN ('start', 'pause', 'resume', 'fulfil', 'breach', 'warning', 'policy_change', 'restart'));
    -- The interactions about a case (a link of kind case): a customer's third contact escalates it.
    CREATE INDEX service_interactions_links ON service_interactions USING gin (links jsonb_path_ops);
  `);
  const rows = [];
  for (const type of TYPES) {
    for (const priority of ['low', 'normal', 'high', 'urgent']) {
      rows.push({
        case_type: type,
        priority,
        first_response_minutes: FIRST[priority],
        next_response_minutes: NEXT[priority],
        resolution_minutes: type === 'complaint' ? RESOLUTION[priority]! * 2 : RESOLUTION[priority],
        // 5 business days of 8 hours; 8 weeks as 40 business days.
        acknowledgement_minutes: type === 'complaint' ? 5 * 480 : null,
        final_response_minutes: type === 'complaint' ? 40 * 480 : null,
      });
    }
  }
  await knex('service_sla_policies').insert(rows);
  await knex('service_escalation_rules').insert([
    { trigger: 'warning', case_type: null, escalate: false, reassign: false, raise_priority: false, notify: true },
    { trigger: 'breach', case_type: null, escalate: true, reassign: true, raise_priority: true, notify: true },
    { trigger: 'complaint', case_type: null, escalate: true, reassign: false, raise_priority: false, notify: true },
    { trigger: 'third_contact', case_type: null, escalate: true, reassign: false, raise_priority: true, notify: true },
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX service_interactions_links;
    ALTER TABLE service_clock_events DROP CONSTRAINT service_clock_events_type_check;
    ALTER TABLE service_clock_events ADD CONSTRAINT service_clock_events_type_check CHECK (type IN ('start', 'pause', 'resume', 'fulfil', 'breach', 'warning', 'policy_change'));
    DROP TABLE service_case_escalations;
    DROP INDEX service_cases_active;
    ALTER TABLE service_cases DROP COLUMN escalation_level;
    DROP TABLE service_escalation_rules;
    DROP TABLE service_sla_policies;
  `);
}
