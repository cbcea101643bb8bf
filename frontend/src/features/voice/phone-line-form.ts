// The edit form of a phone line: an admin changes what callers hear (name, greeting, prompts), the
// business-hours calendar, the menu (key → queue, with the words read out), the urgent key, what
// happens after hours, whether it answers, and the monitoring thresholds. The number and branch are
// sent back as they are (PUT replaces). Keys unique, the urgent key not a menu key, the calendar
// existing: the server checks them and answers field errors (`menu.1.digit`), shown at the field.
import type { PhoneLine, PhoneLineThresholds, UpdatePhoneLineBody, VoiceAfterHours, VoiceQueue } from '@contracts/voice';

/** The keys of a phone's keypad, as the menu may use them. */
export const MENU_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;

export interface MenuRowValues {
  digit: string;
  queue: VoiceQueue;
  label: string;
}

/** A threshold field: empty when not watched. */
type Limit = number | '';

export interface PhoneLineFormValues {
  name: string;
  greeting: string;
  calendarId: string;
  menu: MenuRowValues[];
  urgentEnabled: boolean;
  urgentDigit: string;
  urgentLabel: string;
  voicemailPrompt: string;
  afterHours: VoiceAfterHours;
  active: boolean;
  windowMinutes: number | '';
  maxCalls: Limit;
  minAnsweredWithin20sPercent: Limit;
  maxAbandoned: Limit;
  maxMissed: Limit;
  maxWebhookP95Ms: Limit;
  maxWebhookErrorPercent: Limit;
}

const limit = (v: number | null): Limit => (v === null ? '' : v);
const orNull = (v: Limit): number | null => (v === '' ? null : Number(v));

export function phoneLineInitialValues(line: PhoneLine): PhoneLineFormValues {
  const t = line.thresholds;
  return {
    name: line.name,
    greeting: line.greeting,
    calendarId: line.calendarId,
    menu: line.menu.map((m) => ({ ...m })),
    urgentEnabled: line.urgent !== null,
    urgentDigit: line.urgent?.digit ?? '9',
    urgentLabel: line.urgent?.label ?? '',
    voicemailPrompt: line.voicemailPrompt,
    afterHours: line.afterHours,
    active: line.active,
    windowMinutes: t.windowMinutes,
    maxCalls: limit(t.maxCalls),
    minAnsweredWithin20sPercent: limit(t.minAnsweredWithin20sPercent),
    maxAbandoned: limit(t.maxAbandoned),
    maxMissed: limit(t.maxMissed),
    maxWebhookP95Ms: limit(t.maxWebhookP95Ms),
    maxWebhookErrorPercent: limit(t.maxWebhookErrorPercent),
  };
}

export function thresholdsOf(values: PhoneLineFormValues): PhoneLineThresholds {
  return {
    windowMinutes: values.windowMinutes === '' ? 60 : Number(values.windowMinutes),
    maxCalls: orNull(values.maxCalls),
    minAnsweredWithin20sPercent: orNull(values.minAnsweredWithin20sPercent),
    maxAbandoned: orNull(values.maxAbandoned),
    maxMissed: orNull(values.maxMissed),
    maxWebhookP95Ms: orNull(values.maxWebhookP95Ms),
    maxWebhookErrorPercent: orNull(values.maxWebhookErrorPercent),
  };
}

/** The PUT body: the line's number and branch as they are, everything else from the form (trimmed). */
export function phoneLineUpdateBody(line: PhoneLine, values: PhoneLineFormValues): UpdatePhoneLineBody {
  return {
    number: line.number,
    name: values.name.trim(),
    greeting: values.greeting.trim(),
    calendarId: values.calendarId,
    branchId: line.branchId,
    menu: values.menu.map((m) => ({ digit: m.digit, queue: m.queue, label: m.label.trim() })),
    urgent: values.urgentEnabled ? { digit: values.urgentDigit, label: values.urgentLabel.trim() } : null,
    afterHours: values.afterHours,
    voicemailPrompt: values.voicemailPrompt.trim(),
    active: values.active,
    thresholds: thresholdsOf(values),
  };
}

const PLAIN_FIELDS = ['name', 'greeting', 'calendarId', 'voicemailPrompt', 'afterHours', 'active'];

/**
 * The form field of a server field error's path: `menu.1.digit` stays, `urgent.digit` is `urgentDigit`,
 * `thresholds.maxCalls` is `maxCalls`; undefined for a path the form does not show (the number).
 */
export function formFieldOf(path: string): string | undefined {
  if (PLAIN_FIELDS.includes(path) || /^menu\.\d+\.(digit|queue|label)$/.test(path) || path === 'menu') return path;
  if (path === 'urgent.digit' || path === 'urgent') return 'urgentDigit';
  if (path === 'urgent.label') return 'urgentLabel';
  if (path.startsWith('thresholds.')) return path.slice('thresholds.'.length);
  return undefined;
}

/** A key not used yet by the menu or the urgent key (for a new menu row). */
export function freeKey(values: Pick<PhoneLineFormValues, 'menu' | 'urgentEnabled' | 'urgentDigit'>): string {
  const used = new Set([...values.menu.map((m) => m.digit), ...(values.urgentEnabled ? [values.urgentDigit] : [])]);
  return MENU_KEYS.find((k) => !used.has(k)) ?? '1';
}

export const QUEUE_NAMES: Record<VoiceQueue, string> = { claims: 'Claims', payments: 'Payments', policy_changes: 'Policy changes', agent: 'Agent' };

/** "1 Claims · 2 Payments · 9 urgent" as the menu reads, keys in order. */
export function menuSummary(line: Pick<PhoneLine, 'menu' | 'urgent'>): string {
  const options = [...line.menu].sort((a, b) => a.digit.localeCompare(b.digit)).map((m) => `${m.digit} ${QUEUE_NAMES[m.queue]}`);
  return [...options, ...(line.urgent ? [`${line.urgent.digit} urgent`] : [])].join(' · ');
}
