import type { Knex } from 'knex';

// Notifications through a transactional outbox (issue 17): templates per key, channel and language
// (versioned, edited by admins), the outbox the business transactions write messages into and the
// worker sends from, and the local-mode sinks (SMTP and SMS) that keep every message sent.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- What a template key is for and the variables the code passes to it (placeholders are checked against these).
    CREATE TABLE notification_template_keys (
      key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9-]{1,62}$'),
      description text NOT NULL,
      variables text[] NOT NULL,
      -- Example values of the variables, for previews.
      sample jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(sample) = 'object')
    );

    -- Every version of every template is kept; the current one is the highest version.
    CREATE TABLE notification_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL REFERENCES notification_template_keys(key),
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
      version integer NOT NULL CHECK (version >= 1),
      subject text CHECK ((channel = 'email') = (subject IS NOT NULL)),
      body text NOT NULL,
      created_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id),
      UNIQUE (key, channel, language, version)
    );

    CREATE TABLE notification_outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      template_key text NOT NULL REFERENCES notification_template_keys(key),
      template_version integer NOT NULL,
      language text NOT NULL,
      recipient text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
      idempotency_key text NOT NULL UNIQUE,
      customer_id uuid REFERENCES customers(id),
      purpose text NOT NULL CHECK (purpose IN ('service', 'marketing')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz NOT NULL,
      -- The lease of the worker sending it: past this, the row is due again (the worker died).
      sending_until timestamptz,
      provider_message_id text,
      last_error text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      sent_at timestamptz,
      FOREIGN KEY (template_key, channel, language, template_version) REFERENCES notification_templates (key, channel, language, version),
      CHECK ((status = 'sending') = (sending_until IS NOT NULL)),
      CHECK ((status = 'sent') = (sent_at IS NOT NULL))
    );
    -- The worker's claim: what is due, oldest first.
    CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status IN ('pending', 'failed');
    CREATE INDEX notification_outbox_leased ON notification_outbox (sending_until) WHERE status = 'sending';
    CREATE INDEX notification_outbox_list ON notification_outbox (created_at DESC, id DESC);
    CREATE INDEX notification_outbox_status ON notification_outbox (status, created_at DESC, id DESC);
    CREATE INDEX notification_outbox_customer ON notification_outbox (customer_id, created_at DESC) WHERE customer_id IS NOT NULL;

    -- Local mode: every email the embedded SMTP server received and every SMS the SMS sink took.
    CREATE TABLE notification_sink_messages (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      sender text,
      recipient text NOT NULL,
      subject text,
      text text,
      html text,
      message_id text NOT NULL,
      raw text,
      received_at timestamptz NOT NULL
    );
    CREATE INDEX notification_sink_messages_recipient ON notification_sink_messages (recipient, id DESC);
  `);

  const keys = [
    {
      key: 'payment-receipt',
      description: 'Sent when a payment is received',
      variables: ['customerName', 'paymentNumber', 'amount', 'receivedOn'],
      sample: { customerName: 'Ada Lovelace', paymentNumber: 'PAY-000123', amount: '$120.00', receivedOn: '2027-03-01' },
    },
    {
      key: 'lapse-notice',
      description: 'Sent when a policy lapses for non-payment',
      variables: ['customerName', 'policyNumber', 'lapsedOn'],
      sample: { customerName: 'Ada Lovelace', policyNumber: 'P-000042', lapsedOn: '2027-04-01' },
    },
    {
      key: 'renewal-offer',
      description: 'Offers the renewal of a policy',
      variables: ['customerName', 'policyNumber', 'renewalDate', 'premium'],
      sample: { customerName: 'Ada Lovelace', policyNumber: 'P-000042', renewalDate: '2027-06-01', premium: '$1,320.00' },
    },
  ];
  await knex('notification_template_keys').insert(keys.map((k) => ({ ...k, sample: JSON.stringify(k.sample) })));
  const now = new Date();
  const t = (key: string, channel: 'email' | 'sms', language: string, subject: string | null, body: string) => ({
    key,
    channel,
    language,
    version: 1,
    subject,
    body,
    created_at: now,
  });
  await knex('notification_templates').insert([
    t(
      'payment-receipt',
      'email',
      'en',
      'Payment {{paymentNumber}} received',
      'Dear {{customerName}},\n\nWe received your payment {{paymentNumber}} of {{amount}} on {{receivedOn}}. Thank you.\n\nPolicydesk Insurance',
    ),
    t('payment-receipt', 'sms', 'en', null, 'Policydesk: we received your payment {{paymentNumber}} of {{amount}} on {{receivedOn}}. Thank you.'),
    t(
      'payment-receipt',
      'email',
      'es',
      'Pago {{paymentNumber}} recibido',
      'Estimado/a {{customerName}}:\n\nHemos recibido su pago {{paymentNumber}} de {{amount}} el {{receivedOn}}. Gracias.\n\nPolicydesk Insurance',
    ),
    t(
      'lapse-notice',
      'email',
      'en',
      'Your policy {{policyNumber}} has lapsed',
      'Dear {{customerName}},\n\nYour policy {{policyNumber}} lapsed on {{lapsedOn}} because the premium was not paid. Call us to reinstate it.\n\nPolicydesk Insurance',
    ),
    t('lapse-notice', 'sms', 'en', null, 'Policydesk: your policy {{policyNumber}} lapsed on {{lapsedOn}}. Call us to reinstate it.'),
    t(
      'renewal-offer',
      'email',
      'en',
      'Renew your policy {{policyNumber}}',
      'Dear {{customerName}},\n\nYour policy {{policyNumber}} renews on {{renewalDate}} for {{premium}}. Reply or call us to accept the offer.\n\nPolicydesk Insurance',
    ),
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE notification_sink_messages, notification_outbox, notification_templates, notification_template_keys');
}
