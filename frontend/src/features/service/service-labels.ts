import type { CHANNELS, PRIORITIES } from '@contracts/service';

export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  phone_inbound: 'Phone (inbound)',
  phone_outbound: 'Phone (outbound)',
  email: 'Email',
  chat: 'Chat',
  sms: 'SMS',
  letter: 'Letter',
  in_person: 'In person',
};

export const PRIORITY_LABELS: Record<(typeof PRIORITIES)[number], string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };
