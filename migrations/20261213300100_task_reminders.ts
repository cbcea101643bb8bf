import type { Knex } from 'knex';

// Task reminders (issue 14): a reminder time on a follow-up task, at or before it is due; the
// every-minute job emails the assignee once when it comes (reminded_at) through the outbox.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE service_tasks ADD COLUMN remind_at timestamptz, ADD COLUMN reminded_at timestamptz,
      ADD CONSTRAINT service_tasks_remind_before_due CHECK (remind_at IS NULL OR remind_at <= due_at);
    -- The job: open tasks whose reminder has not gone yet, by reminder time.
    CREATE INDEX service_tasks_reminders_due ON service_tasks (remind_at) WHERE status = 'open' AND remind_at IS NOT NULL AND reminded_at IS NULL;
    ALTER TABLE service_task_history DROP CONSTRAINT service_task_history_event_check;
    ALTER TABLE service_task_history ADD CONSTRAINT service_task_history_event_check
      CHECK (event IN ('created', 'reassigned', 'due_changed', 'priority_changed', 'completed', 'reminder_changed', 'reminded'));
  `);
  await knex('notification_template_keys').insert({
    key: 'task-reminder',
    title: 'Task reminder',
    description: 'Sent to the agent a follow-up task is assigned to, at the reminder time the task was given',
    variables: ['agentName', 'taskTitle', 'dueAt', 'taskUrl'],
    sample: JSON.stringify({ agentName: 'Alex Agent', taskTitle: 'Call Mrs Okafor back', dueAt: '1 Mar 2027, 12:00', taskUrl: 'https://policydesk.example/my-work' }),
  });
  await knex('notification_templates').insert({
    key: 'task-reminder',
    channel: 'email',
    language: 'en',
    version: 1,
    subject: 'Reminder: {{taskTitle}}',
    body: 'Hello {{agentName}},\n\nA reminder of your task "{{taskTitle}}", due {{dueAt}}.\n\nMy work: {{taskUrl}}',
    created_at: new Date(),
  });
}

export async function down(knex: Knex): Promise<void> {
  // Reminders already sent keep their template (the outbox refers to it), and the history's reminder
  // rows are append-only: the narrower event list is added NOT VALID, so rolling back works on a
  // database that has used reminders, checking only rows written from then on.
  await knex.raw(`
    DELETE FROM notification_templates t WHERE t.key = 'task-reminder' AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.template_key = t.key);
    DELETE FROM notification_template_keys k WHERE k.key = 'task-reminder' AND NOT EXISTS (SELECT 1 FROM notification_templates t WHERE t.key = k.key);
    ALTER TABLE service_task_history DROP CONSTRAINT service_task_history_event_check;
    ALTER TABLE service_task_history ADD CONSTRAINT service_task_history_event_check
      CHECK (event IN ('created', 'reassigned', 'due_changed', 'priority_changed', 'completed')) NOT VALID;
    DROP INDEX service_tasks_reminders_due;
    ALTER TABLE service_tasks DROP CONSTRAINT service_tasks_remind_before_due, DROP COLUMN remind_at, DROP COLUMN reminded_at;
  `);
}
