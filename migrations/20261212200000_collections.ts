import type { Knex } from 'knex';

// Collections (issue 20): a dunning plan per product version (its steps as data, every saved version
// kept in an append-only history), the steps the dunning job ran — one row per (invoice, step key),
// append-only, so a step runs once per invoice whatever the number of workers — and promises to pay
// with their append-only history. Two message kinds for the steps: a reminder after the due date and
// the final notice before the grace period ends, each by email and by text.
const KEYS = [
  {
    key: 'dunning-reminder',
    title: 'Overdue premium reminder',
    description: 'Sent by a dunning step some days after an invoice fell due unpaid',
    variables: ['customerName', 'invoiceNumber', 'policyNumber', 'amount', 'dueDate', 'daysPastDue'],
    sample: { customerName: 'Ada Lovelace', invoiceNumber: 'I-000042', policyNumber: 'P-000042', amount: '120.00 USD', dueDate: '2027-03-01', daysPastDue: 10 },
  },
  {
    key: 'dunning-final-notice',
    title: 'Final notice before lapse',
    description: 'Sent by the last dunning step, before the grace period of an unpaid invoice ends',
    variables: ['customerName', 'invoiceNumber', 'policyNumber', 'amount', 'dueDate', 'daysPastDue'],
    sample: { customerName: 'Ada Lovelace', invoiceNumber: 'I-000042', policyNumber: 'P-000042', amount: '120.00 USD', dueDate: '2027-03-01', daysPastDue: 25 },
  },
];

const SIGNATURE = '\n\nPolicydesk Insurance';
const TEMPLATES: Array<[key: string, subject: string, email: string, sms: string]> = [
  [
    'dunning-reminder',
    'Your premium for {{policyNumber}} is overdue',
    'Dear {{customerName}},\n\nWe have not yet received {{amount}} for your policy {{policyNumber}} (invoice {{invoiceNumber}}), due on {{dueDate}} — {{daysPastDue}} days ago. Please pay it soon to keep your cover; if you have already paid, thank you, and please ignore this message. If paying is difficult just now, call us and we will agree a date with you.',
    'Policydesk: {{amount}} for your policy {{policyNumber}} (invoice {{invoiceNumber}}) was due on {{dueDate}}. Please pay soon, or call us to agree a date.',
  ],
  [
    'dunning-final-notice',
    'Final notice: your policy {{policyNumber}} is about to lapse',
    'Dear {{customerName}},\n\n{{amount}} for your policy {{policyNumber}} (invoice {{invoiceNumber}}) has been unpaid since {{dueDate}}. Unless we receive it before the grace period ends, your policy will lapse and you will no longer be covered. Please pay now, or call us today.',
    'Policydesk FINAL NOTICE: pay {{amount}} for policy {{policyNumber}} (invoice {{invoiceNumber}}, due {{dueDate}}) now or your cover will lapse. Call us if you need help.',
  ],
];

export async function up(knex: Knex): Promise<void> {
  await knex('notification_template_keys').insert(KEYS.map((k) => ({ ...k, sample: JSON.stringify(k.sample) })));
  const now = new Date();
  await knex('notification_templates').insert(
    TEMPLATES.flatMap(([key, subject, email, sms]) => [
      { key, channel: 'email', language: 'en', version: 1, subject, body: `${email}${SIGNATURE}`, created_at: now },
      { key, channel: 'sms', language: 'en', version: 1, subject: null, body: sms, created_at: now },
    ]),
  );
  await knex.raw(`
    CREATE TABLE collections_dunning_plans (
      product_version_id uuid PRIMARY KEY REFERENCES product_versions(id),
      steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array'),
      version integer NOT NULL CHECK (version >= 1),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      updated_by uuid NOT NULL REFERENCES users(id)
    );

    CREATE TABLE collections_dunning_plan_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      product_version_id uuid NOT NULL REFERENCES collections_dunning_plans(product_version_id),
      version integer NOT NULL,
      steps jsonb NOT NULL,
      changed_by uuid NOT NULL REFERENCES users(id),
      changed_at timestamptz NOT NULL,
      UNIQUE (product_version_id, version)
    );
    CREATE TRIGGER collections_dunning_plan_history_no_update_delete BEFORE UPDATE OR DELETE ON collections_dunning_plan_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER collections_dunning_plan_history_no_truncate BEFORE TRUNCATE ON collections_dunning_plan_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    -- One row per step an invoice went through: the unique key is what makes a step run once.
    CREATE TABLE collections_dunning_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      step_key text NOT NULL,
      action text NOT NULL CHECK (action IN ('reminder', 'call_task', 'final_notice')),
      plan_version integer NOT NULL,
      -- The business date the step ran on (one step per invoice per day).
      day date NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('message_queued', 'no_recipient', 'task_created')),
      channel text,
      message_id uuid,
      task_id uuid,
      created_at timestamptz NOT NULL,
      UNIQUE (invoice_id, step_key)
    );
    CREATE TRIGGER collections_dunning_runs_no_update_delete BEFORE UPDATE OR DELETE ON collections_dunning_runs FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER collections_dunning_runs_no_truncate BEFORE TRUNCATE ON collections_dunning_runs FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();

    CREATE TABLE collections_promises (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invoice_id uuid NOT NULL REFERENCES invoices(id),
      policy_id uuid NOT NULL,
      customer_id uuid NOT NULL,
      branch_id uuid NOT NULL REFERENCES branches(id),
      currency char(3) NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      open_amount_at_promise bigint NOT NULL CHECK (open_amount_at_promise >= amount),
      promised_for date NOT NULL,
      channel text NOT NULL,
      note text,
      status text NOT NULL CHECK (status IN ('open', 'kept', 'broken')),
      settled_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id)
    );
    -- At most one open promise per invoice; the job reads the open ones.
    CREATE UNIQUE INDEX collections_promises_one_open ON collections_promises (invoice_id) WHERE status = 'open';
    CREATE INDEX collections_promises_invoice ON collections_promises (invoice_id, created_at);

    CREATE TABLE collections_promise_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      promise_id uuid NOT NULL REFERENCES collections_promises(id),
      from_status text,
      to_status text NOT NULL,
      -- Null: the dunning job.
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL
    );
    CREATE TRIGGER collections_promise_history_no_update_delete BEFORE UPDATE OR DELETE ON collections_promise_history FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
    CREATE TRIGGER collections_promise_history_no_truncate BEFORE TRUNCATE ON collections_promise_history FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE collections_promise_history;
    DROP TABLE collections_promises;
    DROP TABLE collections_dunning_runs;
    DROP TABLE collections_dunning_plan_history;
    DROP TABLE collections_dunning_plans;
  `);
  const keys = KEYS.map((k) => k.key);
  await knex('notification_templates').whereIn('key', keys).delete();
  await knex('notification_template_keys').whereIn('key', keys).delete();
}
