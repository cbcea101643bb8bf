import type { Knex } from 'knex';

// Interactions (issue 14): every contact with a customer — or an unknown contact, by phone or email,
// linked to a customer later — on every channel, as a record of what happened (no updates).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE service_interactions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel text NOT NULL CHECK (channel IN ('phone_inbound', 'phone_outbound', 'email', 'chat', 'sms', 'letter', 'in_person')),
      direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      customer_id uuid REFERENCES customers(id),
      contact_phone text,
      contact_email text,
      subject text NOT NULL,
      notes text,
      outcome text,
      duration_seconds integer CHECK (duration_seconds >= 0),
      agent_id uuid NOT NULL REFERENCES users(id),
      branch_id uuid NOT NULL REFERENCES branches(id),
      occurred_at timestamptz NOT NULL,
      links jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(links) = 'array'),
      resolved_on_first_contact boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      CHECK (customer_id IS NOT NULL OR contact_phone IS NOT NULL OR contact_email IS NOT NULL),
      CHECK (channel NOT LIKE 'phone_%' OR direction = CASE channel WHEN 'phone_inbound' THEN 'inbound' ELSE 'outbound' END)
    );
    -- The customer's interactions and timeline, newest first; the last contact per customer.
    CREATE INDEX service_interactions_customer ON service_interactions (customer_id, occurred_at DESC, id DESC) WHERE customer_id IS NOT NULL;
    CREATE INDEX service_interactions_agent ON service_interactions (agent_id, occurred_at DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE service_interactions');
}
