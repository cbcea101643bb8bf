import type { Knex } from 'knex';

// Claims (issue 13, investigation): requests for information to the claimant. A request asks in
// words (optionally about one of the claim's required documents) by a due date; it is open until
// the adjuster marks it received or cancels it, with a note — then it never changes again (a
// trigger). Each status change is a row of its append-only history. The request goes to the claimant
// through the notifications outbox (template `claim-information-request`); how it went out is kept
// on the request (no channel: no address on file — the adjuster phones).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE claim_information_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      claim_id uuid NOT NULL REFERENCES claims(id),
      items text NOT NULL CHECK (length(items) BETWEEN 1 AND 2000),
      document_code text CHECK (document_code IN ('DEATH_CERTIFICATE', 'MEDICAL_RECORDS', 'POLICE_REPORT', 'REPAIR_ESTIMATE', 'INVOICES', 'PHOTOS')),
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'received', 'cancelled')),
      sent_via text CHECK (sent_via IN ('email', 'sms')),
      sent_to text CHECK (sent_to IN ('reporter', 'policyholder')),
      recipient text CHECK (length(recipient) <= 320),
      requested_by uuid NOT NULL REFERENCES users(id),
      requested_at timestamptz NOT NULL,
      closed_by uuid REFERENCES users(id),
      closed_at timestamptz,
      close_note text CHECK (length(close_note) <= 1000),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL,
      CHECK ((status = 'open') = (closed_at IS NULL)),
      CHECK ((status = 'open') = (closed_by IS NULL)),
      CHECK (status <> 'cancelled' OR close_note IS NOT NULL),
      CHECK ((sent_via IS NULL) = (sent_to IS NULL) AND (sent_via IS NULL) = (recipient IS NULL))
    );
    CREATE INDEX claim_information_requests_claim ON claim_information_requests (claim_id, seq);
    -- My work: the open requests, by due date.
    CREATE INDEX claim_information_requests_open ON claim_information_requests (due_on) WHERE status = 'open';

    -- A received or cancelled request is closed for good: it never reopens nor changes.
    CREATE FUNCTION claim_information_request_closed_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR OLD.status <> 'open' THEN
        RAISE EXCEPTION 'claim_information_requests: a received or cancelled request is closed and cannot change' USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER claim_information_requests_closed_once BEFORE UPDATE OR DELETE ON claim_information_requests
      FOR EACH ROW EXECUTE FUNCTION claim_information_request_closed_once();

    CREATE TABLE claim_information_request_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES claim_information_requests(id),
      from_status text,
      to_status text NOT NULL,
      reason text,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE INDEX claim_information_request_history_request ON claim_information_request_history (request_id, id);
    CREATE TRIGGER claim_information_request_history_no_update_delete BEFORE UPDATE OR DELETE ON claim_information_request_history
      FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER claim_information_request_history_no_truncate BEFORE TRUNCATE ON claim_information_request_history
      FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
  await knex('notification_template_keys').insert({
    key: 'claim-information-request',
    description: 'Asks the claimant for information or a document the claim needs, by a due date',
    variables: ['customerName', 'claimNumber', 'items', 'dueOn'],
    sample: JSON.stringify({ customerName: 'Ada Lovelace', claimNumber: 'CL-000123', items: 'The police report of the theft', dueOn: '2027-03-15' }),
  });
  const now = new Date();
  await knex('notification_templates').insert([
    {
      key: 'claim-information-request',
      channel: 'email',
      language: 'en',
      version: 1,
      subject: 'Your claim {{claimNumber}}: we need some information',
      body: 'Dear {{customerName}},\n\nTo go on with your claim {{claimNumber}} we need the following from you:\n\n{{items}}\n\nPlease send it by {{dueOn}} — reply to this message, or call us quoting {{claimNumber}}.\n\nPolicydesk Insurance',
      created_at: now,
    },
    {
      key: 'claim-information-request',
      channel: 'sms',
      language: 'en',
      version: 1,
      subject: null,
      body: 'Policydesk: for your claim {{claimNumber}} we need: {{items}} Please send it by {{dueOn}}, or call us quoting {{claimNumber}}.',
      created_at: now,
    },
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex('notification_templates').where({ key: 'claim-information-request' }).delete();
  await knex('notification_template_keys').where({ key: 'claim-information-request' }).delete();
  await knex.raw(`
    DROP TABLE claim_information_request_history;
    DROP TABLE claim_information_requests;
    DROP FUNCTION claim_information_request_closed_once();
  `);
}
