import type { Knex } from 'knex';

// Survey links go out through the notifications outbox (issue 14): the templates of the CSAT and NPS
// invitations, and on each survey the channel its link was sent by (null: the customer has neither an
// email address nor a phone number on file, or the case has no customer — the agent passes it on).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE service_surveys ADD COLUMN sent_via text CHECK (sent_via IN ('email', 'sms'))`);
  const keys = [
    {
      key: 'survey-csat',
      description: 'Asks how a resolved case was handled (CSAT), with the survey link',
      variables: ['customerName', 'caseNumber', 'link', 'expiresOn'],
      sample: { customerName: 'Ada Lovelace', caseNumber: 'CS-000123', link: 'https://service.example.com/survey/abc', expiresOn: '2027-03-15' },
    },
    {
      key: 'survey-nps',
      description: 'Asks, around a policy anniversary, how likely the customer is to recommend us (NPS), with the survey link',
      variables: ['customerName', 'policyNumber', 'link', 'expiresOn'],
      sample: { customerName: 'Ada Lovelace', policyNumber: 'P-000042', link: 'https://service.example.com/survey/abc', expiresOn: '2027-03-15' },
    },
  ];
  await knex('notification_template_keys').insert(keys.map((k) => ({ ...k, sample: JSON.stringify(k.sample) })));
  const now = new Date();
  const t = (key: string, channel: 'email' | 'sms', subject: string | null, body: string) => ({ key, channel, language: 'en', version: 1, subject, body, created_at: now });
  await knex('notification_templates').insert([
    t(
      'survey-csat',
      'email',
      'How did we do? ({{caseNumber}})',
      'Dear {{customerName}},\n\nWe have resolved your request {{caseNumber}}. Would you tell us how we handled it? It takes one question:\n\n{{link}}\n\nThe link works once, until {{expiresOn}}.\n\nPolicydesk Insurance',
    ),
    t('survey-csat', 'sms', null, 'Policydesk: how did we handle your request {{caseNumber}}? One question: {{link}} (until {{expiresOn}})'),
    t(
      'survey-nps',
      'email',
      'Would you recommend us?',
      'Dear {{customerName}},\n\nYour policy {{policyNumber}} has its anniversary. How likely are you to recommend us to a friend or colleague? One question:\n\n{{link}}\n\nThe link works once, until {{expiresOn}}.\n\nPolicydesk Insurance',
    ),
    t('survey-nps', 'sms', null, 'Policydesk: would you recommend us? One question about your policy {{policyNumber}}: {{link}} (until {{expiresOn}})'),
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex('notification_templates').whereIn('key', ['survey-csat', 'survey-nps']).delete();
  await knex('notification_template_keys').whereIn('key', ['survey-csat', 'survey-nps']).delete();
  await knex.raw('ALTER TABLE service_surveys DROP COLUMN sent_via');
}
