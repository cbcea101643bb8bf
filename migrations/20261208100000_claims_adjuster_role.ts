import type { Knex } from 'knex';

// Claims (issue 13) adds the claims adjuster role: users and approval limits accept it (claim_amount
// limits are the adjuster's).
const BEFORE = "'admin', 'manager', 'senior_agent', 'agent', 'underwriter'";
const AFTER = `${BEFORE}, 'claims_adjuster'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${AFTER}));
    ALTER TABLE approval_limits DROP CONSTRAINT approval_limits_role_check;
    ALTER TABLE approval_limits ADD CONSTRAINT approval_limits_role_check CHECK (role IN (${AFTER}));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${BEFORE}));
    ALTER TABLE approval_limits DROP CONSTRAINT approval_limits_role_check;
    ALTER TABLE approval_limits ADD CONSTRAINT approval_limits_role_check CHECK (role IN (${BEFORE}));
  `);
}
