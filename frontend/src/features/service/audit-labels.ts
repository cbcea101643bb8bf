import type { AuditLabels } from '@/features/audit';

export const serviceAuditLabels: AuditLabels = {
  actions: {
    'service_calendar.update': 'Business-hours calendar changed',
    'task.create': 'Task created',
    'task.update': 'Task changed',
    'task.complete': 'Task done',
    'interaction.create': 'Interaction logged',
    'case.create': 'Case opened',
    'case.update': 'Case changed',
    'case.open': 'Case taken up',
    'case.pend': 'Case set pending',
    'case.resolve': 'Case resolved',
    'case.close': 'Case closed',
    'case.reopen': 'Case reopened',
    'case.reply': 'Reply logged on a case',
    'case.escalate': 'Case escalated',
    'case.merge': 'Cases merged',
    'survey.answer': 'Survey answered',
    'sla_policy.update': 'SLA policy changed',
    'escalation_rule.update': 'Escalation rule changed',
  },
  entities: { service_calendar: 'Calendar', task: 'Task', interaction: 'Interaction', case: 'Case', sla_policy: 'SLA policy', escalation_rule: 'Escalation rule', survey: 'Survey' },
};
