import type { Knex } from 'knex';

// Uploaded documents: metadata here, bytes on disk (content-addressed by SHA-256 under
// DOCUMENTS_DIR). A document belongs to one record (an order now, claims later) and is seen by
// whoever may see that record.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_type text NOT NULL,
      owner_id uuid NOT NULL,
      branch_id uuid NOT NULL REFERENCES branches(id),
      -- What the document is for, e.g. the product's required-document code.
      code text NOT NULL,
      filename text NOT NULL,
      content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/tiff')),
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      sha256 char(64) NOT NULL,
      status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'verified', 'rejected')),
      rejection_reason text,
      uploaded_by uuid NOT NULL REFERENCES users(id),
      uploaded_at timestamptz NOT NULL,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
    );
    CREATE INDEX documents_owner ON documents (owner_type, owner_id, code, uploaded_at DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE documents');
}
