import type { Knex } from 'knex';

// Grace, lapse and reinstatement (issue 12). A policy whose premium is overdue is `grace` until the
// end of its grace period, then `lapsed`; a lapse is recorded with its dates so the gap in cover is
// known for good (claims check it), and closed by a reinstatement. A policy that cannot lapse on
// its own (a pending change, an open claim) waits on a manager's decision. Notices tell the agent
// and show on the customer's 360° view, once each.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE policies DROP CONSTRAINT policies_status_check;
    ALTER TABLE policies ADD CONSTRAINT policies_status_check CHECK (status IN ('active', 'grace', 'lapsed', 'cancelled', 'expired', 'surrendered'));
    -- In grace: since the due date of the oldest unpaid premium, until the last day of grace.
    ALTER TABLE policies ADD COLUMN grace_since date;
    ALTER TABLE policies ADD COLUMN grace_ends_on date;
    ALTER TABLE policies ADD CONSTRAINT policies_grace_dates CHECK ((status = 'grace') = (grace_since IS NOT NULL AND grace_ends_on IS NOT NULL) AND (grace_ends_on IS NULL OR grace_ends_on >= grace_since));
    CREATE INDEX policies_in_grace ON policies (grace_ends_on, id) WHERE status = 'grace';
    CREATE INDEX policies_lapsed ON policies (branch_id, id) WHERE status = 'lapsed';

    -- Each lapse: the first day without cover, and the reinstatement that closed the gap.
    CREATE TABLE policy_lapses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_id uuid NOT NULL REFERENCES policies(id),
      lapsed_on date NOT NULL,
      grace_since date NOT NULL,
      lapse_transaction_id uuid NOT NULL UNIQUE REFERENCES policy_transactions(id),
      reinstated_on date,
      reinstatement_transaction_id uuid UNIQUE REFERENCES policy_transactions(id),
      CHECK ((reinstated_on IS NULL) = (reinstatement_transaction_id IS NULL)),
      CHECK (reinstated_on IS NULL OR reinstated_on >= lapsed_on)
    );
    CREATE UNIQUE INDEX policy_lapses_one_open ON policy_lapses (policy_id) WHERE reinstated_on IS NULL;
    CREATE INDEX policy_lapses_policy ON policy_lapses (policy_id, lapsed_on);

    -- A grace period the lapse job may not end on its own: a manager lapses the policy or extends its grace.
    CREATE TABLE policy_lapse_reviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_id uuid NOT NULL REFERENCES policies(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      grace_ends_on date NOT NULL,
      reasons jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'lapsed', 'extended')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      note text CHECK (note IS NULL OR length(note) BETWEEN 3 AND 500),
      extended_to date,
      created_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (policy_id, grace_ends_on),
      CHECK ((status = 'pending') = (decided_at IS NULL)),
      CHECK ((status = 'extended') = (extended_to IS NOT NULL))
    );
    CREATE INDEX policy_lapse_reviews_pending ON policy_lapse_reviews (branch_id, grace_ends_on) WHERE status = 'pending';

    -- What the agent must act on and the customer's 360° view shows: once per policy, kind and grace period.
    CREATE TABLE policy_notices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_id uuid NOT NULL REFERENCES policies(id),
      customer_id uuid NOT NULL,
      branch_id uuid NOT NULL REFERENCES branches(id),
      agent_id uuid REFERENCES users(id),
      kind text NOT NULL CHECK (kind IN ('grace_started', 'lapse_warning', 'lapsed', 'reinstated')),
      period_key date NOT NULL,
      message text NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (policy_id, kind, period_key)
    );
    CREATE INDEX policy_notices_customer ON policy_notices (customer_id, created_at DESC);
    CREATE INDEX policy_notices_agent ON policy_notices (agent_id, created_at DESC);

    -- The daily jobs act for nobody: a lapse they issue, and the policy's status change, name no user.
    ALTER TABLE policy_transactions ALTER COLUMN created_by DROP NOT NULL;
    ALTER TABLE policy_transaction_status_history ALTER COLUMN changed_by DROP NOT NULL;
    ALTER TABLE policy_status_history ALTER COLUMN changed_by DROP NOT NULL;

    -- Billing: a reinstatement fee is its own invoice line, naming the reinstatement.
    ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check;
    ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check CHECK (kind IN ('installment', 'late_fee', 'endorsement', 'reinstatement_fee'));
    ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_endorsement_transaction;
    ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_endorsement_transaction CHECK ((kind IN ('endorsement', 'reinstatement_fee')) = (policy_transaction_id IS NOT NULL));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_endorsement_transaction;
    ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_endorsement_transaction CHECK ((kind = 'endorsement') = (policy_transaction_id IS NOT NULL));
    ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check;
    ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check CHECK (kind IN ('installment', 'late_fee', 'endorsement'));
    ALTER TABLE policy_status_history ALTER COLUMN changed_by SET NOT NULL;
    ALTER TABLE policy_transaction_status_history ALTER COLUMN changed_by SET NOT NULL;
    ALTER TABLE policy_transactions ALTER COLUMN created_by SET NOT NULL;
    DROP TABLE policy_notices;
    DROP TABLE policy_lapse_reviews;
    DROP TABLE policy_lapses;
    DROP INDEX policies_lapsed;
    DROP INDEX policies_in_grace;
    ALTER TABLE policies DROP CONSTRAINT policies_grace_dates;
    ALTER TABLE policies DROP COLUMN grace_ends_on;
    ALTER TABLE policies DROP COLUMN grace_since;
    ALTER TABLE policies DROP CONSTRAINT policies_status_check;
    ALTER TABLE policies ADD CONSTRAINT policies_status_check CHECK (status IN ('active', 'lapsed', 'cancelled', 'expired', 'surrendered'));
  `);
}
