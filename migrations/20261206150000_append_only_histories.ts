import type { Knex } from 'knex';

// Status histories and exam events are a record of what happened, like the audit trail: make them
// append-only the same way (a row trigger refusing UPDATE and DELETE, a statement trigger refusing
// TRUNCATE). The start-up grant step reads that TRUNCATE trigger and gives the app's runtime role only
// SELECT and INSERT on these tables, as on audit_log and the ledger (platform/database-roles.ts).
const TABLES = ['customer_status_history', 'order_status_history', 'order_exam_events', 'policy_status_history', 'invoice_status_history', 'payment_status_history'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
  `);
  for (const table of TABLES) {
    await knex.raw(`
      CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
      CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
    `);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of TABLES) {
    await knex.raw(`
      DROP TRIGGER ${table}_no_truncate ON ${table};
      DROP TRIGGER ${table}_no_update_delete ON ${table};
    `);
  }
  await knex.raw('DROP FUNCTION history_is_append_only()');
}
