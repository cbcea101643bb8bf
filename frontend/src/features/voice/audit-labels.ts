import type { AuditLabels } from '@/features/audit';

export const voiceAuditLabels: AuditLabels = {
  actions: {
    'phone_line.create': 'Phone line configured',
    'phone_line.update': 'Phone line changed',
    'agent_availability.update': 'Phone queues changed',
    'ringing_call.take': 'Call taken',
    'ringing_call.miss': 'Call missed',
  },
  entities: { phone_line: 'Phone line', ringing_call: 'Incoming call' },
  fields: {
    greeting: 'Greeting',
    voicemailPrompt: 'Voicemail prompt',
    afterHours: 'After hours',
    menu: 'Menu',
    urgent: 'Urgent key',
    calendarId: 'Calendar',
    queues: 'Queues',
  },
};
