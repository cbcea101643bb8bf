import type { Knex } from 'knex';

// Reports (issue 18): export jobs. A user asks for a report in a format; a pg-boss job writes the
// file under DATA_DIR/exports and records its size and SHA-256; the file is kept 7 days and only the
// requester downloads it. `run_token` and `heartbeat_at` are the running job's lease: a second run of
// the same job finds the lease fresh and does nothing, a run whose worker crashed (heartbeat stale)
// is taken over, and the loser's writes match no row.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE report_exports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      report_key text NOT NULL CHECK (length(report_key) BETWEEN 3 AND 100),
      report_title text NOT NULL,
      params jsonb NOT NULL,
      format text NOT NULL CHECK (format IN ('csv', 'xlsx', 'pdf')),
      personal_data boolean NOT NULL,
      requested_by uuid NOT NULL REFERENCES users(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      rows_written integer NOT NULL DEFAULT 0 CHECK (rows_written >= 0),
      attempts integer NOT NULL DEFAULT 0,
      run_token uuid,
      heartbeat_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      file_name text,
      file_path text,
      size_bytes bigint CHECK (size_bytes >= 0),
      sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      expires_at timestamptz NOT NULL,
      file_deleted_at timestamptz,
      error_code text,
      error text CHECK (length(error) <= 1000),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((status = 'done') = (file_path IS NOT NULL AND sha256 IS NOT NULL AND size_bytes IS NOT NULL AND finished_at IS NOT NULL)),
      CHECK ((status = 'failed') = (error_code IS NOT NULL)),
      CHECK ((status = 'running') = (run_token IS NOT NULL))
    );
    -- The requester's exports, newest first.
    CREATE INDEX report_exports_requester ON report_exports (requested_by, seq DESC);
    -- The daily clean-up: files past their expiry not yet deleted.
    CREATE INDEX report_exports_expiring ON report_exports (expires_at) WHERE file_path IS NOT NULL AND file_deleted_at IS NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE report_exports');
}
