import type { Knex } from 'knex';

// The customer portal's identity realm (issue 21): portal accounts (one per customer, their own
// password, lockout and token version), sessions and rotating refresh tokens like staff's, the
// registrations that prove who a customer is (policy number + date of birth + a one-time code sent
// to the contact on file), the code's message template, and the audit trail's customer actor.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE portal_accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL UNIQUE REFERENCES customers(id),
      -- What the customer signs in with: their email on file, else their customer number.
      username citext NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 254),
      password_hash text NOT NULL,
      failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
      locked_until timestamptz,
      token_version integer NOT NULL DEFAULT 1,
      active boolean NOT NULL DEFAULT true,
      last_login_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE portal_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES portal_accounts(id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz,
      revoked_at timestamptz,
      revoke_reason text,
      ip text,
      user_agent text
    );
    CREATE INDEX portal_sessions_account ON portal_sessions (account_id) WHERE revoked_at IS NULL;

    CREATE TABLE portal_refresh_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      session_id uuid NOT NULL REFERENCES portal_sessions(id),
      token_hash bytea NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      rotated_at timestamptz
    );
    CREATE INDEX portal_refresh_tokens_session ON portal_refresh_tokens (session_id);

    -- One attempt to register. Written whether or not the policy and date of birth matched
    -- (customer_id null then), so the answer never tells; only a match has a code (its SHA-256).
    CREATE TABLE portal_registrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_number text NOT NULL,
      customer_id uuid REFERENCES customers(id),
      code_hash bytea,
      channel text CHECK (channel IN ('email', 'sms')),
      failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
      expires_at timestamptz NOT NULL,
      verified_at timestamptz,
      completed_at timestamptz,
      created_at timestamptz NOT NULL,
      ip text,
      CHECK ((customer_id IS NULL) = (code_hash IS NULL)),
      CHECK (completed_at IS NULL OR verified_at IS NOT NULL)
    );
    CREATE INDEX portal_registrations_created ON portal_registrations (created_at);

    -- The audit trail's actor may be a customer (through their portal account) instead of a user.
    ALTER TABLE audit_log ADD COLUMN actor_portal_account_id uuid REFERENCES portal_accounts(id);
    ALTER TABLE audit_log ADD CONSTRAINT audit_log_one_actor CHECK (actor_user_id IS NULL OR actor_portal_account_id IS NULL);
    CREATE INDEX audit_log_portal_actor_idx ON audit_log (actor_portal_account_id, occurred_at DESC, id DESC) WHERE actor_portal_account_id IS NOT NULL;
  `);

  await knex('notification_template_keys').insert({
    key: 'portal-registration-code',
    title: 'Portal registration code',
    description: 'The one-time code a customer enters to register for the customer portal',
    variables: ['customerName', 'code', 'minutes'],
    sample: JSON.stringify({ customerName: 'Ada Lovelace', code: '123456', minutes: 15 }),
  });
  const now = new Date();
  await knex('notification_templates').insert([
    {
      key: 'portal-registration-code',
      channel: 'email',
      language: 'en',
      version: 1,
      subject: 'Your Policydesk registration code',
      body: 'Dear {{customerName}},\n\nYour code to register for the customer portal is {{code}}. It works once, for {{minutes}} minutes.\n\nIf you did not ask for it, ignore this message.\n\nPolicydesk Insurance',
      created_at: now,
    },
    {
      key: 'portal-registration-code',
      channel: 'sms',
      language: 'en',
      version: 1,
      subject: null,
      body: 'Policydesk: your portal registration code is {{code}} (valid {{minutes}} minutes, once). Did not ask? Ignore this.',
      created_at: now,
    },
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex('notification_templates').where({ key: 'portal-registration-code' }).delete();
  await knex('notification_template_keys').where({ key: 'portal-registration-code' }).delete();
  await knex.raw(`
    DROP INDEX audit_log_portal_actor_idx;
    ALTER TABLE audit_log DROP CONSTRAINT audit_log_one_actor;
    ALTER TABLE audit_log DROP COLUMN actor_portal_account_id;
    DROP TABLE portal_registrations;
    DROP TABLE portal_refresh_tokens;
    DROP TABLE portal_sessions;
    DROP TABLE portal_accounts;
  `);
}
