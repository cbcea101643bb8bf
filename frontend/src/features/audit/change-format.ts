import { formatDateTime } from '@/lib/format-date';
import type { AuditVocabulary } from './audit-labels';

/** What turns ids in the trail into names people recognise. */
export interface ChangeContext {
  /** Every feature's labels (see audit-labels.ts). */
  labels: AuditVocabulary;
  branchNames: ReadonlyMap<string, string>;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function changeLabel(entityType: string | null, field: string, context: ChangeContext): string {
  for (const label of context.labels.fieldLabels) {
    const text = label(entityType, field);
    if (text !== undefined) return text;
  }
  return context.labels.fields[field] ?? field;
}

export function changeValue(entityType: string | null, field: string, value: unknown, context: ChangeContext): string {
  // The features' own words first: they may name an empty value too (an application's insured person).
  for (const format of context.labels.values) {
    const text = format(entityType, field, value, context);
    if (text !== undefined) return text;
  }
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if ((field === 'branchId' || field === 'branch_id') && typeof value === 'string') {
    return context.branchNames.get(value) ?? value;
  }
  if (field === 'managedBranchIds' && Array.isArray(value)) {
    return value.length === 0 ? 'None' : value.map((id) => context.branchNames.get(String(id)) ?? String(id)).join(', ');
  }
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  return JSON.stringify(value);
}
