import type { Knex } from 'knex';

// An underwriter may waive one of an application's required documents, saying why (approval needs
// every required document verified or waived). One waiver per order and document, never changed:
// the row is its own history (who, when, why), and the audit trail records it too.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE order_document_waivers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL REFERENCES orders(id),
      code text NOT NULL,
      reason text NOT NULL CHECK (length(btrim(reason)) >= 3),
      waived_by uuid NOT NULL REFERENCES users(id),
      waived_at timestamptz NOT NULL,
      UNIQUE (order_id, code)
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE order_document_waivers');
}
