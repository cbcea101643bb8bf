import type { Knex } from 'knex';

// A queued message can be withdrawn before it is sent (issue 11: an invoice voided after its reminder
// or dunning message was queued — a text held by quiet hours, a retry waiting — must not reach the
// customer afterwards). `withdrawn` is final, like `sent` and `dead`; the reason goes in last_error.
// The statuses before it include the SMS receipts' `delivered` and `undelivered` (20261214300100).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_status_check;
    ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'dead', 'withdrawn'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE notification_outbox SET status = 'dead' WHERE status = 'withdrawn';
    ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_status_check;
    ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'dead'));
  `);
}
