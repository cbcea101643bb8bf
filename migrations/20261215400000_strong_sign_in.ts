import type { Knex } from 'knex';

// Strong sign-in (issue 22): TOTP enrolments (the secret encrypted like other protected fields, the
// last accepted time step so a code works once), single-use recovery codes (only a keyed hash is
// kept) and the short-lived login challenges an enrolled user answers with a code.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE user_totp (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
      secret_key_id text NOT NULL,
      secret_ciphertext text NOT NULL,
      confirmed_at timestamptz,          -- null: enrolment started but no code confirmed yet
      last_used_step bigint,             -- the newest time step accepted; older or equal steps are replays
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE user_recovery_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,           -- HMAC-SHA256 (blind index key) of the normalised code
      used_at timestamptz,
      created_at timestamptz NOT NULL,
      UNIQUE (user_id, code_hash)
    );

    CREATE TABLE auth_mfa_challenges (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash bytea NOT NULL UNIQUE,  -- SHA-256 of the challenge token; the token itself is never stored
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      consumed_at timestamptz,
      failed_attempts integer NOT NULL DEFAULT 0
    );
    CREATE INDEX auth_mfa_challenges_user_idx ON auth_mfa_challenges (user_id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE auth_mfa_challenges;
    DROP TABLE user_recovery_codes;
    DROP TABLE user_totp;
  `);
}
