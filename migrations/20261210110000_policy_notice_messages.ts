import type { Knex } from 'knex';

// Grace and lapse notices reach the customer (issue 17): the templates of the grace notice and the
// last warning before a lapse, and the renewal offer by text (it had only an email).
export async function up(knex: Knex): Promise<void> {
  const keys = [
    {
      key: 'grace-notice',
      description: 'Sent when a policy enters its grace period for an unpaid premium',
      variables: ['customerName', 'policyNumber', 'dueDate', 'graceEndsOn'],
      sample: { customerName: 'Ada Lovelace', policyNumber: 'P-000042', dueDate: '2027-03-01', graceEndsOn: '2027-03-31' },
    },
    {
      key: 'lapse-warning',
      description: 'Sent a week before a policy in grace lapses',
      variables: ['customerName', 'policyNumber', 'graceEndsOn', 'daysLeft'],
      sample: { customerName: 'Ada Lovelace', policyNumber: 'P-000042', graceEndsOn: '2027-03-31', daysLeft: 7 },
    },
  ];
  await knex('notification_template_keys').insert(keys.map((k) => ({ ...k, sample: JSON.stringify(k.sample) })));
  const now = new Date();
  const t = (key: string, channel: 'email' | 'sms', subject: string | null, body: string) => ({ key, channel, language: 'en', version: 1, subject, body, created_at: now });
  await knex('notification_templates').insert([
    t(
      'grace-notice',
      'email',
      'Your premium for {{policyNumber}} is unpaid',
      'Dear {{customerName}},\n\nThe premium of your policy {{policyNumber}} due on {{dueDate}} has not reached us. Your cover continues in a grace period until {{graceEndsOn}}; if the premium is not paid by then, the policy lapses. Please pay it, or call us if you need help.\n\nPolicydesk Insurance',
    ),
    t('grace-notice', 'sms', null, 'Policydesk: the premium of your policy {{policyNumber}} due {{dueDate}} is unpaid. Pay it by {{graceEndsOn}} to keep your cover.'),
    t(
      'lapse-warning',
      'email',
      'Your policy {{policyNumber}} lapses in {{daysLeft}} days',
      'Dear {{customerName}},\n\nThe premium of your policy {{policyNumber}} is still unpaid. Unless it is paid by {{graceEndsOn}} ({{daysLeft}} days), the policy lapses and you will no longer be covered. Call us if you need help.\n\nPolicydesk Insurance',
    ),
    t('lapse-warning', 'sms', null, 'Policydesk: your policy {{policyNumber}} lapses after {{graceEndsOn}} ({{daysLeft}} days) unless the premium is paid.'),
    t('renewal-offer', 'sms', null, 'Policydesk: your policy {{policyNumber}} renews on {{renewalDate}} for {{premium}}. Call us or reply to accept the offer.'),
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex('notification_templates').whereIn('key', ['grace-notice', 'lapse-warning']).delete();
  await knex('notification_templates').where({ key: 'renewal-offer', channel: 'sms' }).delete();
  await knex('notification_template_keys').whereIn('key', ['grace-notice', 'lapse-warning']).delete();
}
