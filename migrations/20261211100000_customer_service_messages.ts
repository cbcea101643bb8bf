import type { Knex } from 'knex';

// The rest of the service messages of issue 17: a failed or returned payment, the reminder before an
// invoice falls due, the claim's acknowledgement and its decision, and the welcome when a new
// policy's onboarding starts — each by email and by text. Invoices remember when their reminder was
// queued, so the daily reminder run reads only those still to remind. Each kind of message gets a
// title, for the customer's timeline, which now lists the messages sent to the customer.
const KEYS = [
  {
    key: 'payment-failed',
    description: 'Sent when a payment is declined, fails at the gateway, or comes back (a bounced check, a returned direct debit)',
    variables: ['customerName', 'paymentNumber', 'amount', 'reason'],
    sample: { customerName: 'Ada Lovelace', paymentNumber: 'PAY-000042', amount: '120.00 USD', reason: 'The card was declined' },
  },
  {
    key: 'invoice-reminder',
    description: 'Sent a few days before an unpaid invoice falls due',
    variables: ['customerName', 'invoiceNumber', 'policyNumber', 'amount', 'dueDate'],
    sample: { customerName: 'Ada Lovelace', invoiceNumber: 'I-000042', policyNumber: 'P-000042', amount: '120.00 USD', dueDate: '2027-03-01' },
  },
  {
    key: 'claim-acknowledgement',
    description: 'Sent when a claim is submitted: its number and what happens next',
    variables: ['customerName', 'claimNumber', 'lossDate', 'decisionDays'],
    sample: { customerName: 'Ada Lovelace', claimNumber: 'CL-000123', lossDate: '2027-02-20', decisionDays: 10 },
  },
  {
    key: 'claim-approved',
    description: 'Sent when a claim is approved in full',
    variables: ['customerName', 'claimNumber', 'approvedAmount'],
    sample: { customerName: 'Ada Lovelace', claimNumber: 'CL-000123', approvedAmount: '2,400.00 USD' },
  },
  {
    key: 'claim-partially-approved',
    description: 'Sent when a claim is approved in part, with the reason',
    variables: ['customerName', 'claimNumber', 'approvedAmount', 'reason'],
    sample: { customerName: 'Ada Lovelace', claimNumber: 'CL-000123', approvedAmount: '1,800.00 USD', reason: 'The deductible of 600.00 USD applies' },
  },
  {
    key: 'claim-rejected',
    description: 'Sent when a claim is rejected, with the clause the decision rests on',
    variables: ['customerName', 'claimNumber', 'reason'],
    sample: { customerName: 'Ada Lovelace', claimNumber: 'CL-000123', reason: 'Section 4.2: wear and tear is excluded' },
  },
  {
    key: 'onboarding-welcome',
    description: "Sent when a new policy's onboarding starts: welcome, and who will call",
    variables: ['customerName', 'policyNumber', 'productName', 'startDate'],
    sample: { customerName: 'Ada Lovelace', policyNumber: 'P-000042', productName: 'Term Life 20', startDate: '2027-03-01' },
  },
];

const SIGNATURE = '\n\nPolicydesk Insurance';
const TEMPLATES: Array<[key: string, subject: string, email: string, sms: string]> = [
  [
    'payment-failed',
    'Your payment {{paymentNumber}} did not go through',
    'Dear {{customerName}},\n\nYour payment {{paymentNumber}} of {{amount}} did not reach us: {{reason}}. Your premium is still unpaid; please pay it another way, or call us and we will help.',
    'Policydesk: your payment {{paymentNumber}} of {{amount}} did not go through ({{reason}}). Please pay another way or call us.',
  ],
  [
    'invoice-reminder',
    'Your premium for {{policyNumber}} is due on {{dueDate}}',
    'Dear {{customerName}},\n\nA reminder: invoice {{invoiceNumber}} for your policy {{policyNumber}}, {{amount}}, is due on {{dueDate}}. If you have already paid it, thank you, and please ignore this message.',
    'Policydesk: {{amount}} for your policy {{policyNumber}} (invoice {{invoiceNumber}}) is due on {{dueDate}}. Already paid? Thank you.',
  ],
  [
    'claim-acknowledgement',
    'We have your claim {{claimNumber}}',
    'Dear {{customerName}},\n\nWe have registered your claim {{claimNumber}} for the loss of {{lossDate}}. An adjuster will look at it and contact you if anything is needed; we aim to decide within {{decisionDays}} business days. Please quote {{claimNumber}} whenever you contact us.',
    'Policydesk: we have registered your claim {{claimNumber}} (loss of {{lossDate}}). We aim to decide within {{decisionDays}} business days.',
  ],
  [
    'claim-approved',
    'Your claim {{claimNumber}} is approved',
    'Dear {{customerName}},\n\nYour claim {{claimNumber}} is approved for {{approvedAmount}}. We will let you know when the payment is on its way.',
    'Policydesk: your claim {{claimNumber}} is approved for {{approvedAmount}}.',
  ],
  [
    'claim-partially-approved',
    'A decision on your claim {{claimNumber}}',
    'Dear {{customerName}},\n\nYour claim {{claimNumber}} is approved in part, for {{approvedAmount}}: {{reason}}. If you disagree, reply to this message or call us and we will explain how to ask for a review.',
    'Policydesk: your claim {{claimNumber}} is approved in part, for {{approvedAmount}}. We have emailed or will call to explain why.',
  ],
  [
    'claim-rejected',
    'A decision on your claim {{claimNumber}}',
    'Dear {{customerName}},\n\nWe are sorry: we cannot pay your claim {{claimNumber}}. {{reason}}. If you disagree, reply to this message or call us and we will explain how to ask for a review.',
    'Policydesk: we cannot pay your claim {{claimNumber}}. Please call us if you would like the reasons explained or a review.',
  ],
  [
    'onboarding-welcome',
    'Welcome to Policydesk: your {{productName}} policy {{policyNumber}}',
    'Dear {{customerName}},\n\nWelcome, and thank you for choosing us. Your {{productName}} policy {{policyNumber}} starts on {{startDate}}. Your agent will call you in the next few days to go through it with you; keep {{policyNumber}} to hand whenever you contact us.',
    'Policydesk: welcome! Your {{productName}} policy {{policyNumber}} starts on {{startDate}}. Your agent will call you soon.',
  ],
];

/** What each kind of message is called where it is listed (the customer's timeline). */
const TITLES: Record<string, string> = {
  'payment-receipt': 'Payment receipt',
  'lapse-notice': 'Lapse notice',
  'renewal-offer': 'Renewal offer',
  'survey-csat': 'Satisfaction survey',
  'survey-nps': 'Recommendation survey (NPS)',
  'grace-notice': 'Grace period notice',
  'lapse-warning': 'Lapse warning',
  'claim-information-request': 'Request for information on a claim',
  'payment-failed': 'Payment failed',
  'invoice-reminder': 'Invoice reminder',
  'claim-acknowledgement': 'Claim acknowledgement',
  'claim-approved': 'Claim approved',
  'claim-partially-approved': 'Claim approved in part',
  'claim-rejected': 'Claim rejected',
  'onboarding-welcome': 'Welcome',
};

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE notification_template_keys ADD COLUMN title text CHECK (length(title) BETWEEN 1 AND 100)`);
  await knex('notification_template_keys').insert(KEYS.map((k) => ({ ...k, sample: JSON.stringify(k.sample) })));
  const now = new Date();
  await knex('notification_templates').insert(
    TEMPLATES.flatMap(([key, subject, email, sms]) => [
      { key, channel: 'email', language: 'en', version: 1, subject, body: `${email}${SIGNATURE}`, created_at: now },
      { key, channel: 'sms', language: 'en', version: 1, subject: null, body: sms, created_at: now },
    ]),
  );
  for (const [key, title] of Object.entries(TITLES)) await knex('notification_template_keys').where({ key }).update({ title });
  // Every key has its title from now on (a key made later by a migration gives one).
  await knex.raw(`UPDATE notification_template_keys SET title = initcap(replace(key, '-', ' ')) WHERE title IS NULL`);
  await knex.raw(`ALTER TABLE notification_template_keys ALTER COLUMN title SET NOT NULL`);
  await knex.raw(`ALTER TABLE invoices ADD COLUMN reminder_queued_at timestamptz`);
  // The reminder run reads the unpaid invoices due soon that have not been reminded.
  await knex.raw(`CREATE INDEX invoices_to_remind ON invoices (due_date) WHERE reminder_queued_at IS NULL AND status IN ('open', 'partially_paid')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX invoices_to_remind`);
  await knex.raw(`ALTER TABLE invoices DROP COLUMN reminder_queued_at`);
  const keys = KEYS.map((k) => k.key);
  await knex('notification_templates').whereIn('key', keys).delete();
  await knex('notification_template_keys').whereIn('key', keys).delete();
  await knex.raw(`ALTER TABLE notification_template_keys DROP COLUMN title`);
}
