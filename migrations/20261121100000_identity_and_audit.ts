import type { Knex } from 'knex';

// Identity: branches, users (+ branches a manager manages), login sessions with rotating refresh
// tokens, approval limits. Audit: an append-only log guarded by triggers.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE branches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,19}$'),
      name text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid
    );
    CREATE UNIQUE INDEX branches_name_unique ON branches (lower(name));

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email citext NOT NULL UNIQUE,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'manager', 'senior_agent', 'agent', 'underwriter')),
      branch_id uuid NOT NULL REFERENCES branches(id),
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      -- Bumped when access must end at once (disable, role/branch change, password change).
      token_version integer NOT NULL DEFAULT 1,
      failed_login_count integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id)
    );
    CREATE INDEX users_branch_idx ON users (branch_id);
    CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops);
    ALTER TABLE branches ADD CONSTRAINT branches_created_by_fk FOREIGN KEY (created_by) REFERENCES users(id);

    CREATE TABLE user_managed_branches (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      branch_id uuid NOT NULL REFERENCES branches(id),
      PRIMARY KEY (user_id, branch_id)
    );
    CREATE INDEX user_managed_branches_branch_idx ON user_managed_branches (branch_id);

    -- A login session is one refresh-token family; it ends 12 hours after login whatever happens.
    CREATE TABLE auth_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      last_used_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text,
      ip text,
      user_agent text
    );
    CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL;

    CREATE TABLE refresh_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      session_id uuid NOT NULL REFERENCES auth_sessions(id) ON DELETE CASCADE,
      token_hash bytea NOT NULL UNIQUE,   -- SHA-256 of the token; the token itself is never stored
      created_at timestamptz NOT NULL,
      rotated_at timestamptz              -- set when exchanged; presenting it again is reuse
    );
    CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

    CREATE SEQUENCE approval_limits_revision_seq;
    CREATE TABLE approval_limits (
      role text NOT NULL CHECK (role IN ('admin', 'manager', 'senior_agent', 'agent', 'underwriter')),
      kind text NOT NULL CHECK (kind IN ('order_sum_insured', 'claim_amount', 'refund_amount', 'write_off_amount')),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      max_amount bigint NOT NULL CHECK (max_amount >= 0),
      revision bigint NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by uuid REFERENCES users(id),
      PRIMARY KEY (role, kind, currency)
    );

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      actor_user_id uuid REFERENCES users(id),
      actor_role text,
      action text NOT NULL,
      outcome text NOT NULL DEFAULT 'success' CHECK (outcome IN ('success', 'failure', 'denied')),
      entity_type text,
      entity_id text,
      branch_id uuid,
      changes jsonb,
      metadata jsonb,
      request_id text,
      ip text,
      user_agent text
    );
    CREATE INDEX audit_log_time_idx ON audit_log (occurred_at DESC, id DESC);
    CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, occurred_at DESC, id DESC);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, occurred_at DESC, id DESC);
    CREATE INDEX audit_log_branch_idx ON audit_log (branch_id, occurred_at DESC, id DESC);
    CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at DESC, id DESC);

    -- Append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE audit_log;
    DROP FUNCTION audit_log_is_append_only();
    DROP TABLE approval_limits;
    DROP SEQUENCE approval_limits_revision_seq;
    DROP TABLE refresh_tokens;
    DROP TABLE auth_sessions;
    DROP TABLE user_managed_branches;
    ALTER TABLE branches DROP CONSTRAINT branches_created_by_fk;
    DROP TABLE users;
    DROP TABLE branches;
  `);
}
