// The edit form of a phone line: what an admin changes here (name, greeting, prompts, after hours,
// the urgent key's words, active), with the rest of the line sent back as it is (PUT replaces).
import type { PhoneLine, UpdatePhoneLineBody, VoiceAfterHours, VoiceQueue } from '@contracts/voice';

export interface PhoneLineFormValues {
  name: string;
  greeting: string;
  voicemailPrompt: string;
  afterHours: VoiceAfterHours;
  urgentLabel: string;
  active: boolean;
}

export function phoneLineInitialValues(line: PhoneLine): PhoneLineFormValues {
  return {
    name: line.name,
    greeting: line.greeting,
    voicemailPrompt: line.voicemailPrompt,
    afterHours: line.afterHours,
    urgentLabel: line.urgent?.label ?? '',
    active: line.active,
  };
}

/** The PUT body: the line as it is, with the form's values (trimmed); the urgent key keeps its digit. */
export function phoneLineUpdateBody(line: PhoneLine, values: PhoneLineFormValues): UpdatePhoneLineBody {
  const urgentLabel = values.urgentLabel.trim();
  return {
    number: line.number,
    name: values.name.trim(),
    greeting: values.greeting.trim(),
    calendarId: line.calendarId,
    branchId: line.branchId,
    menu: line.menu,
    urgent: line.urgent ? { digit: line.urgent.digit, label: urgentLabel || line.urgent.label } : null,
    afterHours: values.afterHours,
    voicemailPrompt: values.voicemailPrompt.trim(),
    active: values.active,
  };
}

export const QUEUE_NAMES: Record<VoiceQueue, string> = { claims: 'Claims', payments: 'Payments', policy_changes: 'Policy changes', agent: 'Agent' };

/** "1 Claims · 2 Payments · 9 urgent" as the menu reads, keys in order. */
export function menuSummary(line: Pick<PhoneLine, 'menu' | 'urgent'>): string {
  const options = [...line.menu].sort((a, b) => a.digit.localeCompare(b.digit)).map((m) => `${m.digit} ${QUEUE_NAMES[m.queue]}`);
  return [...options, ...(line.urgent ? [`${line.urgent.digit} urgent`] : [])].join(' · ');
}
