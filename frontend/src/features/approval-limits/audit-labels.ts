import type { Role } from '@contracts/auth';
import { APPROVAL_KINDS } from '@contracts/identity';
import type { ApprovalKind } from '@contracts/identity';
import { ROLE_LABELS } from '@contracts/permissions';
import type { AuditLabels } from '@/features/audit';
import { isRole } from '@/lib/auth/is-role';
import { formatMoney } from '@/lib/money';
import { APPROVAL_KIND_LABELS } from './approval-kind-labels';

const isKind = (value: string): value is ApprovalKind => (APPROVAL_KINDS as readonly string[]).includes(value);

/** Approval limit changes are keyed `role/kind/currency` (see approval-limits.service). */
function approvalLimitKey(entityType: string | null, field: string): { role: Role; kind: ApprovalKind; currency: string } | null {
  if (entityType !== 'approval_limits') return null;
  const [role = '', kind = '', currency = ''] = field.split('/');
  return isRole(role) && isKind(kind) && currency ? { role, kind, currency } : null;
}

export const approvalLimitsAuditLabels: AuditLabels = {
  actions: { 'approval_limits.replace': 'Approval limits changed' },
  entities: { approval_limits: 'Approval limits' },
  fieldLabel: (entityType, field) => {
    const limit = approvalLimitKey(entityType, field);
    return limit ? `${ROLE_LABELS[limit.role]} · ${APPROVAL_KIND_LABELS[limit.kind]} (${limit.currency})` : undefined;
  },
  value: (entityType, field, value) => {
    const limit = approvalLimitKey(entityType, field);
    return limit && typeof value === 'number' ? formatMoney(value, limit.currency) : undefined;
  },
};
