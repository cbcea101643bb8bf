import type { AuditLabels } from '@/features/audit';

export const voiceAuditLabels: AuditLabels = {
  actions: { 'phone_line.create': 'Phone line configured', 'phone_line.update': 'Phone line changed' },
  entities: { phone_line: 'Phone line' },
  fields: { greeting: 'Greeting', voicemailPrompt: 'Voicemail prompt', afterHours: 'After hours', menu: 'Menu', urgent: 'Urgent key', calendarId: 'Calendar' },
};
