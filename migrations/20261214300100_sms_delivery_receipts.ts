import type { Knex } from 'knex';

// SMS delivery receipts (issue 17): the messaging providers' status callbacks (Telnyx, Twilio) come
// in through the voice webhooks' signed inbox and are stored once by (provider, provider's message
// id, status); the outbox message moves on from `sent` to `delivered` or `undelivered`, only ever
// forward (delivery_rank), so a reordered or repeated receipt changes nothing.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    DO $$
    DECLARE c record;
    BEGIN
      FOR c IN SELECT conname FROM pg_constraint
                WHERE conrelid = 'notification_outbox'::regclass AND contype = 'c'
                  AND (pg_get_constraintdef(oid) LIKE '%sent_at IS NOT NULL%' OR pg_get_constraintdef(oid) LIKE '%''dead''%')
      LOOP
        EXECUTE format('ALTER TABLE notification_outbox DROP CONSTRAINT %I', c.conname);
      END LOOP;
    END $$;
    ALTER TABLE notification_outbox
      ADD COLUMN delivery_rank smallint NOT NULL DEFAULT 0,
      ADD COLUMN delivered_at timestamptz,
      ADD CONSTRAINT notification_outbox_status_check CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'dead')),
      ADD CONSTRAINT notification_outbox_sent_at_check CHECK ((status IN ('sent', 'delivered', 'undelivered')) = (sent_at IS NOT NULL)),
      ADD CONSTRAINT notification_outbox_delivered_check CHECK ((status = 'delivered') = (delivered_at IS NOT NULL));
    CREATE INDEX notification_outbox_provider_message ON notification_outbox (provider_message_id) WHERE provider_message_id IS NOT NULL;

    CREATE TABLE notification_delivery_receipts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      provider text NOT NULL CHECK (provider IN ('telnyx', 'twilio')),
      provider_message_id text NOT NULL,
      status text NOT NULL,
      rank smallint NOT NULL,
      error text,
      params jsonb NOT NULL,
      received_at timestamptz NOT NULL,
      UNIQUE (provider, provider_message_id, status)
    );
    -- The worker looks for receipts that overtook the recording of a message's sending.
    CREATE INDEX notification_delivery_receipts_message ON notification_delivery_receipts (provider_message_id, rank DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE notification_delivery_receipts;
    DROP INDEX notification_outbox_provider_message;
    UPDATE notification_outbox SET status = 'sent', delivered_at = NULL WHERE status IN ('delivered', 'undelivered');
    ALTER TABLE notification_outbox
      DROP CONSTRAINT notification_outbox_delivered_check,
      DROP CONSTRAINT notification_outbox_sent_at_check,
      DROP CONSTRAINT notification_outbox_status_check,
      DROP COLUMN delivered_at,
      DROP COLUMN delivery_rank,
      ADD CONSTRAINT notification_outbox_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead')),
      ADD CONSTRAINT notification_outbox_sent_at_check CHECK ((status = 'sent') = (sent_at IS NOT NULL));
  `);
}
