import type { Permission } from '@contracts/permissions';
import type { TimelineItem, TimelineKind } from '@contracts/service';
import { CASE_STATUS_LABELS, CHANNEL_LABELS } from './service-labels';

// How the customer timeline reads: one line per item — what it is, the record it opens, the status
// change, the channel or how a message went, who and when. The status labels and record pages of applications, policies
// and claims belong to their features; the panel passes them in (`TimelineRecords`).

/** The filter's choices, in the API's kind order; "all" asks for every kind. */
export const TIMELINE_FILTERS: readonly { value: TimelineKind | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'interaction', label: 'Contacts' },
  { value: 'task', label: 'Tasks' },
  { value: 'case', label: 'Cases' },
  { value: 'order', label: 'Applications' },
  { value: 'policy', label: 'Policies' },
  { value: 'claim', label: 'Claims' },
  { value: 'message', label: 'Messages' },
];

/** What the item is, as a word before its title. */
export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  interaction: 'Contact',
  task: 'Task',
  case: 'Case',
  order: 'Application',
  policy: 'Policy',
  claim: 'Claim',
  message: 'Message',
};

const TASK_STATUS_LABELS: Record<string, string> = { open: 'Open', done: 'Done' };
/** How a message to the customer went (the outbox's statuses). */
const MESSAGE_STATUS_LABELS: Record<string, string> = { pending: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Not sent yet, retrying', dead: 'Could not be delivered' };

/** Each record type's page (and the permission to open it) and status wording; types without a page have no `path`. */
export type TimelineRecords = Partial<Record<TimelineKind, { path?: (id: string) => string; permission?: Permission; statusLabel?: (status: string) => string }>>;

export interface TimelineEntryView {
  key: string;
  kind: TimelineKind;
  kindLabel: string;
  title: string;
  /** The record's page, when it has one. */
  link: { to: string; permission: Permission } | null;
  /** "Submitted → In review", "Created as Draft"; the channel of a contact; the status of a task or case. */
  summary: string;
  /** The reason given for a status change. */
  reason: string | null;
  /** Who did it; null for a scheduled job. */
  by: string | null;
  at: string;
}

const humanize = (status: string) => {
  const words = status.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function timelineEntryView(item: TimelineItem, records: TimelineRecords): TimelineEntryView {
  const record = records[item.record.type];
  const status = (value: string) => record?.statusLabel?.(value) ?? humanize(value);
  const link = record?.path && record.permission ? { to: record.path(item.record.id), permission: record.permission } : null;
  const base = { key: `${item.kind}:${item.id}`, kind: item.kind, kindLabel: TIMELINE_KIND_LABELS[item.kind], link, by: item.by?.name ?? null, at: item.at };
  if (item.statusChange) {
    const { from, to, reason } = item.statusChange;
    return {
      ...base,
      title: item.record.number ?? item.title,
      summary: from ? `${status(from)} → ${status(to)}` : `Created as ${status(to)}`,
      reason: reason?.trim() ? reason : null,
    };
  }
  const summary =
    item.kind === 'interaction'
      ? (CHANNEL_LABELS[item.detail as keyof typeof CHANNEL_LABELS] ?? humanize(item.detail))
      : item.kind === 'case'
        ? (CASE_STATUS_LABELS[item.detail as keyof typeof CASE_STATUS_LABELS] ?? humanize(item.detail))
        : item.kind === 'task'
          ? (TASK_STATUS_LABELS[item.detail] ?? humanize(item.detail))
          : item.kind === 'message'
            ? (MESSAGE_STATUS_LABELS[item.detail] ?? humanize(item.detail))
            : status(item.detail);
  return { ...base, title: item.title, summary, reason: null };
}

/** The kinds to ask the API for: none (every kind) for "all". */
export const timelineKinds = (filter: TimelineKind | 'all'): TimelineKind[] => (filter === 'all' ? [] : [filter]);
