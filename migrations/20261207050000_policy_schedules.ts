import type { Knex } from 'knex';

// The policy schedule: the PDF a policyholder receives, made at issue (version 1) and again at every
// issued policy transaction (version 2, 3, …). The file is a document (documents table, bytes under
// DOCUMENTS_DIR by SHA-256); this table says which document is which version of which policy's
// schedule. Every version is kept: append-only like the status histories (the start-up grant step
// gives the runtime role only SELECT and INSERT on it, from its TRUNCATE trigger).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE policy_schedules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_id uuid NOT NULL REFERENCES policies(id),
      version integer NOT NULL CHECK (version >= 1),
      document_id uuid NOT NULL UNIQUE REFERENCES documents(id),
      sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      -- Why this version exists ("Issued from order O-000123", later the policy transaction) and the
      -- date its terms take effect from.
      reason text NOT NULL,
      effective_date date NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (policy_id, version)
    );
    CREATE TRIGGER policy_schedules_no_update_delete BEFORE UPDATE OR DELETE ON policy_schedules FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER policy_schedules_no_truncate BEFORE TRUNCATE ON policy_schedules FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE policy_schedules');
}
