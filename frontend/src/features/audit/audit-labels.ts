import type { Permission } from '@contracts/permissions';
import type { ChangeContext } from './change-format';

// Readable names for what the audit trail records. Each feature contributes the names of its own
// actions, record types and fields (its `auditLabels`); the app merges them in the order of its feature
// list (app/features.ts). Anything unknown is shown as recorded.

/** What one feature adds to the audit trail's vocabulary. */
export interface AuditLabels {
  /** Action → what happened, e.g. 'customer.create' → 'Customer created'. */
  actions?: Record<string, string>;
  /** Record type → its name, e.g. 'order' → 'Application'. */
  entities?: Record<string, string>;
  /** Record type → the page a record of it opens, and the permission that page needs. */
  links?: Record<string, RecordLink>;
  /** Changed field → its name, whatever the record type. */
  fields?: Record<string, string>;
  /** A field whose name depends on its record (approval limits are keyed `role/kind/currency`); undefined: not this feature's. */
  fieldLabel?: (entityType: string | null, field: string) => string | undefined;
  /** A value in words (statuses, structured fields); undefined: shown the usual way. */
  value?: (entityType: string | null, field: string, value: unknown, context: ChangeContext) => string | undefined;
}

/** Where an audited record's page is. */
export interface RecordLink {
  path: (id: string) => string;
  permission: Permission;
}

/** Every feature's labels together. */
export interface AuditVocabulary {
  actions: Record<string, string>;
  entities: Record<string, string>;
  links: Record<string, RecordLink>;
  fields: Record<string, string>;
  fieldLabels: NonNullable<AuditLabels['fieldLabel']>[];
  values: NonNullable<AuditLabels['value']>[];
}

export function mergeAuditLabels(contributions: readonly AuditLabels[]): AuditVocabulary {
  return {
    actions: Object.assign({}, ...contributions.map((c) => c.actions)),
    entities: Object.assign({}, ...contributions.map((c) => c.entities)),
    links: Object.assign({}, ...contributions.map((c) => c.links)),
    fields: Object.assign({}, ...contributions.map((c) => c.fields)),
    fieldLabels: contributions.flatMap((c) => (c.fieldLabel ? [c.fieldLabel] : [])),
    values: contributions.flatMap((c) => (c.value ? [c.value] : [])),
  };
}

/** The audit feature's own action. */
export const auditAuditLabels: AuditLabels = {
  actions: { 'audit.export': 'Audit trail exported' },
};

export function actionLabel(labels: AuditVocabulary, action: string): string {
  return labels.actions[action] ?? action;
}

export function entityLabel(labels: AuditVocabulary, entityType: string): string {
  return labels.entities[entityType] ?? entityType;
}

/** Select options, with a value from the URL that is not (yet) in the list kept selectable. */
export function labelOptions(labels: Record<string, string>, current?: string): { value: string; label: string }[] {
  const options = Object.entries(labels).map(([value, label]) => ({ value, label }));
  return current && !(current in labels) ? [...options, { value: current, label: current }] : options;
}
