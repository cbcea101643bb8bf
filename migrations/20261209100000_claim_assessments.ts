import type { Knex } from 'knex';

// Claims (issue 13): the assessment (the amount per coverage — never above the coverage's remaining
// sum insured, after the policy's deductible — and the decision with its reason code) and the
// approvals by amount (one level within a limit; two above the manager's claim_amount limit).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE claims
      ADD COLUMN assessment jsonb,
      ADD COLUMN assessment_round integer NOT NULL DEFAULT 0,
      ADD COLUMN assessed_by uuid REFERENCES users(id),
      ADD COLUMN assessed_amount bigint CHECK (assessed_amount >= 0),
      ADD COLUMN approvals_required integer CHECK (approvals_required IN (1, 2)),
      ADD COLUMN approved_amount bigint CHECK (approved_amount >= 0);

    -- Each approval of an assessment (a round): level 1, and level 2 above the manager's limit.
    CREATE TABLE claim_approvals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      claim_id uuid NOT NULL REFERENCES claims(id),
      assessment_round integer NOT NULL,
      level integer NOT NULL CHECK (level IN (1, 2)),
      amount bigint NOT NULL CHECK (amount >= 0),
      approver_limit bigint,
      approved_by uuid NOT NULL REFERENCES users(id),
      approved_at timestamptz NOT NULL,
      UNIQUE (claim_id, assessment_round, level),
      UNIQUE (claim_id, assessment_round, approved_by)
    );
    CREATE TRIGGER claim_approvals_no_update_delete BEFORE UPDATE OR DELETE ON claim_approvals FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER claim_approvals_no_truncate BEFORE TRUNCATE ON claim_approvals FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE claim_approvals;
    ALTER TABLE claims DROP COLUMN assessment, DROP COLUMN assessment_round, DROP COLUMN assessed_by, DROP COLUMN assessed_amount,
      DROP COLUMN approvals_required, DROP COLUMN approved_amount;
  `);
}
