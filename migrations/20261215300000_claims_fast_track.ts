import type { Knex } from 'knex';

// Fast-track claims (issue 21): the claims automation role (a system user acts in it, with its own
// claim_amount approval limit like any role), the per-product switch, each claim's fast-track
// outcome (admitted → paid straight through, or refused with its reasons) and the daily review sample.
const BEFORE = "'admin', 'manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster', 'finance', 'finance_manager'";
const AFTER = `${BEFORE}, 'claims_automation'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${AFTER}));
    ALTER TABLE approval_limits DROP CONSTRAINT approval_limits_role_check;
    ALTER TABLE approval_limits ADD CONSTRAINT approval_limits_role_check CHECK (role IN (${AFTER}));
    ALTER TABLE custom_reports DROP CONSTRAINT custom_reports_shared_with_role_check;
    ALTER TABLE custom_reports ADD CONSTRAINT custom_reports_shared_with_role_check CHECK (shared_with_role IN (${AFTER}));

    -- Off by a manager for the whole product, whatever its versions' rules say.
    ALTER TABLE products ADD COLUMN fast_track_suspended boolean NOT NULL DEFAULT false;

    -- pending: admitted at submission, straight-through not yet committed (retried by a job);
    -- paid: approved and paid by the system actor; refused: in the adjusters' queue, with its reasons.
    ALTER TABLE claims
      ADD COLUMN fast_track_status text CHECK (fast_track_status IN ('pending', 'paid', 'refused')),
      ADD COLUMN fast_track jsonb,
      ADD COLUMN fast_tracked_at timestamptz,
      ADD COLUMN fast_track_review text CHECK (fast_track_review IN ('pending', 'reviewed')),
      ADD COLUMN fast_track_reviewer_id uuid REFERENCES users(id),
      ADD COLUMN fast_track_review_note text,
      ADD CONSTRAINT claims_fast_track_reviewed CHECK (fast_track_review IS NULL OR fast_track_status = 'paid');
    CREATE INDEX claims_fast_track_pending ON claims (submitted_at) WHERE fast_track_status = 'pending';
    CREATE INDEX claims_fast_tracked_at ON claims (fast_tracked_at) WHERE fast_track_status = 'paid';
    CREATE INDEX claims_fast_track_review ON claims (fast_track_reviewer_id) WHERE fast_track_review = 'pending';

    -- One sample per business day, whoever runs the job: the primary key is the guard.
    CREATE TABLE claim_fast_track_samples (
      sample_date date PRIMARY KEY,
      fast_tracked integer NOT NULL,
      claim_ids uuid[] NOT NULL,
      created_at timestamptz NOT NULL
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE claim_fast_track_samples;
    ALTER TABLE claims DROP CONSTRAINT claims_fast_track_reviewed,
      DROP COLUMN fast_track_review_note, DROP COLUMN fast_track_reviewer_id, DROP COLUMN fast_track_review,
      DROP COLUMN fast_tracked_at, DROP COLUMN fast_track, DROP COLUMN fast_track_status;
    ALTER TABLE products DROP COLUMN fast_track_suspended;
    DELETE FROM approval_limits WHERE role = 'claims_automation';
    ALTER TABLE custom_reports DROP CONSTRAINT custom_reports_shared_with_role_check;
    ALTER TABLE custom_reports ADD CONSTRAINT custom_reports_shared_with_role_check CHECK (shared_with_role IN (${BEFORE}));
    ALTER TABLE approval_limits DROP CONSTRAINT approval_limits_role_check;
    ALTER TABLE approval_limits ADD CONSTRAINT approval_limits_role_check CHECK (role IN (${BEFORE}));
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${BEFORE}));
  `);
}
