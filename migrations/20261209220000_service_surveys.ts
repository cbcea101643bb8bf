import type { Knex } from 'knex';

// CSAT and NPS (issue 14): a CSAT survey per resolution of a case (unless suppressed for the case),
// an NPS survey around each policy anniversary; each answered once — by an agent on the phone or by
// the customer through a public link whose single-use token expires after 14 days. The survey keeps
// only the answer (score, reason codes, comment) and when and how it came.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE service_cases ADD COLUMN csat_suppressed boolean NOT NULL DEFAULT false;

    CREATE TABLE service_surveys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('csat', 'nps')),
      -- One per resolution (csat:<case>:<resolved at>) or per policy year (nps:<policy>:<anniversary>).
      source_key text NOT NULL UNIQUE,
      case_id uuid REFERENCES service_cases(id),
      policy_id uuid REFERENCES policies(id),
      customer_id uuid REFERENCES customers(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      -- Whose work the answer rates: the case's assignee at its resolution, the policy's agent.
      agent_id uuid REFERENCES users(id),
      token text NOT NULL UNIQUE CHECK (length(token) >= 32),
      sent_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL CHECK (expires_at > sent_at),
      score integer,
      reason_codes text[] NOT NULL DEFAULT '{}',
      comment text,
      answered_at timestamptz,
      answered_via text CHECK (answered_via IN ('phone', 'link')),
      recorded_by uuid REFERENCES users(id),
      CHECK ((kind = 'csat') = (case_id IS NOT NULL)),
      CHECK (kind <> 'nps' OR policy_id IS NOT NULL),
      CHECK (score IS NULL OR (kind = 'csat' AND score BETWEEN 1 AND 5) OR (kind = 'nps' AND score BETWEEN 0 AND 10)),
      CHECK ((score IS NULL) = (answered_at IS NULL) AND (answered_at IS NULL) = (answered_via IS NULL))
    );
    CREATE INDEX service_surveys_case ON service_surveys (case_id, sent_at DESC) WHERE case_id IS NOT NULL;
    CREATE INDEX service_surveys_answered ON service_surveys (branch_id, answered_at) WHERE answered_at IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE service_surveys; ALTER TABLE service_cases DROP COLUMN csat_suppressed;');
}
