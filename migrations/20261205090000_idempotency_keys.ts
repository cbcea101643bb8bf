import type { Knex } from 'knex';

// Idempotency-Key records of money POSTs (platform/idempotency.ts): one row per (operation, caller,
// key), written in the same transaction as the effect, holding the request's hash and the first
// response to replay. Kept at least 24 hours; the hourly job `system.purge-idempotency-keys` deletes
// rows past `expires_at`.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE idempotency_keys (
      -- What the key protects, e.g. 'payments.create': the same key on another operation is another key.
      operation text NOT NULL CHECK (operation ~ '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+$'),
      -- Who sent it (a staff user's id today; the portal's customers will carry their own realm prefix).
      actor_id text NOT NULL CHECK (length(actor_id) BETWEEN 1 AND 200),
      key text NOT NULL CHECK (key ~ '^[ -~]{1,255}$'),
      -- SHA-256 (hex) of method, path, query and canonical body.
      request_hash char(64) NOT NULL,
      response_status smallint NOT NULL CHECK (response_status BETWEEN 200 AND 599),
      -- json (not jsonb) keeps the body's text as sent, so a replay is byte for byte the first answer.
      response_body json NOT NULL,
      response_location text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
      PRIMARY KEY (operation, actor_id, key)
    );
    CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE idempotency_keys');
}
