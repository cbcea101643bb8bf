import type { Role } from '@contracts/auth';
import { APPROVAL_KINDS } from '@contracts/identity';
import type { ApprovalKind } from '@contracts/identity';
import { ROLE_LABELS } from '@contracts/permissions';
import { APPROVAL_KIND_LABELS } from '@/features/approval-limits/approval-kind-labels';
import { isRole } from '@/lib/auth/is-role';
import { formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';

/** What turns ids in the trail into names people recognise. */
export interface ChangeContext {
  branchNames: ReadonlyMap<string, string>;
}

const FIELD_LABELS: Record<string, string> = {
  email: 'Email',
  name: 'Name',
  code: 'Code',
  role: 'Role',
  branchId: 'Branch',
  managedBranchIds: 'Managed branches',
  active: 'Active',
  mustChangePassword: 'Must change password',
  lockedUntil: 'Locked until',
  passwordHash: 'Password',
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const isKind = (value: string): value is ApprovalKind => (APPROVAL_KINDS as readonly string[]).includes(value);

/** Approval limit changes are keyed `role/kind/currency` (see approval-limits.service). */
function approvalLimitKey(field: string): { role: Role; kind: ApprovalKind; currency: string } | null {
  const [role = '', kind = '', currency = ''] = field.split('/');
  return isRole(role) && isKind(kind) && currency ? { role, kind, currency } : null;
}

export function changeLabel(entityType: string | null, field: string): string {
  const limit = entityType === 'approval_limits' ? approvalLimitKey(field) : null;
  if (limit) return `${ROLE_LABELS[limit.role]} · ${APPROVAL_KIND_LABELS[limit.kind]} (${limit.currency})`;
  return FIELD_LABELS[field] ?? field;
}

export function changeValue(entityType: string | null, field: string, value: unknown, context: ChangeContext): string {
  if (value === null || value === undefined) return '—';
  const limit = entityType === 'approval_limits' ? approvalLimitKey(field) : null;
  if (limit && typeof value === 'number') return formatMoney(value, limit.currency);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'role' && isRole(value)) return ROLE_LABELS[value];
  if (field === 'branchId' && typeof value === 'string') return context.branchNames.get(value) ?? value;
  if (field === 'managedBranchIds' && Array.isArray(value)) {
    return value.length === 0 ? 'None' : value.map((id) => context.branchNames.get(String(id)) ?? String(id)).join(', ');
  }
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  return JSON.stringify(value);
}
