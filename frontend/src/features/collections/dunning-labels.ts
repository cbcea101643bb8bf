import type { DunningAction } from '@contracts/collections';

export const ACTION_LABELS: Record<DunningAction, string> = { reminder: 'Reminder', call_task: 'Call task', final_notice: 'Final notice' };

/** `preferred`: the customer's own choice (a text when they prefer texts, else an email). */
export const CHANNEL_LABELS = { preferred: 'Customer’s choice', email: 'Email', sms: 'Text message' } as const;
