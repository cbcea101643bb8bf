import type { Role } from '@contracts/auth';
import { Customer, KycStatus } from '@contracts/customers';
import { APPROVAL_KINDS } from '@contracts/identity';
import type { ApprovalKind } from '@contracts/identity';
import { ROLE_LABELS } from '@contracts/permissions';
import { APPROVAL_KIND_LABELS } from '@/features/approval-limits/approval-kind-labels';
import { CUSTOMER_STATUS_LABELS, KYC_STATUS_LABELS } from '@/features/customers/customer-labels';
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
  // Customers: the audit trail records their columns.
  customer_number: 'Customer number',
  first_name: 'First name',
  last_name: 'Last name',
  date_of_birth: 'Date of birth',
  gender: 'Gender',
  phone: 'Phone',
  address_line1: 'Address',
  address_line2: 'Address line 2',
  city: 'City',
  region: 'Region',
  postal_code: 'Postal code',
  country: 'Country',
  nationalId: 'National id',
  occupation: 'Occupation',
  occupation_class: 'Occupation class',
  smoker: 'Smoker',
  preferred_channel: 'Preferred channel',
  consent_marketing: 'Marketing consent',
  consent_marketing_at: 'Marketing consent changed',
  consent_data_processing: 'Data processing consent',
  consent_data_processing_at: 'Data processing consent changed',
  branch_id: 'Branch',
  assigned_agent_id: 'Assigned agent',
  status: 'Status',
  status_reason: 'Status reason',
  kyc_status: 'KYC status',
  kycStatus: 'KYC status',
  risk_score: 'Risk score',
  risk_level: 'Risk level',
  documentType: 'Document',
  documentNumber: 'Document number',
  issuingCountry: 'Issuing country',
  expiryDate: 'Expires on',
  expiresOn: 'Valid until',
  result: 'Result',
  // Applications
  insured: 'Insured person',
  beneficiaries: 'Beneficiaries',
  declarations: 'Declarations',
  payment_method: 'Payment method',
  requested_start_date: 'Requested start date',
  note: 'Note',
};

/** An application's structured fields in a few words: the audit trail never shows raw JSON. */
function orderValue(field: string, value: unknown): string | undefined {
  if (field === 'insured') {
    if (value === null || value === undefined) return 'The policyholder';
    const v = value as { firstName?: string; lastName?: string };
    return `${v.firstName ?? ''} ${v.lastName ?? ''}`.trim() || 'Someone else';
  }
  if (field === 'beneficiaries' && Array.isArray(value)) {
    if (value.length === 0) return 'None';
    return value.map((b: { name?: string; tier?: string; share?: number }) => `${b.name ?? '?'} (${b.tier ?? ''} ${b.share ?? ''} %)`).join(', ');
  }
  if (field === 'declarations' && value && typeof value === 'object') {
    const answers = Object.values(value as Record<string, { answer?: unknown }>);
    const yes = answers.filter((a) => a?.answer === true).length;
    return `${answers.length} ${answers.length === 1 ? 'answer' : 'answers'}${yes ? `, ${yes} “yes”` : ''}`;
  }
  if (field === 'payment_method' && value && typeof value === 'object') {
    const v = value as { type?: string; brand?: string; last4?: string };
    return `${v.type === 'bank_account' ? 'Bank account' : (v.brand ?? 'Card')} •••• ${v.last4 ?? ''}`;
  }
  return undefined;
}

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
  if (entityType === 'order') {
    const text = orderValue(field, value);
    if (text !== undefined) return text;
  }
  if (value === null || value === undefined) return '—';
  const limit = entityType === 'approval_limits' ? approvalLimitKey(field) : null;
  if (limit && typeof value === 'number') return formatMoney(value, limit.currency);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'role' && isRole(value)) return ROLE_LABELS[value];
  if (entityType === 'customer') {
    const status = field === 'status' ? Customer.shape.status.safeParse(value) : null;
    if (status?.success) return CUSTOMER_STATUS_LABELS[status.data];
    const kyc = field === 'kycStatus' || field === 'kyc_status' ? KycStatus.safeParse(value) : null;
    if (kyc?.success) return KYC_STATUS_LABELS[kyc.data];
  }
  if ((field === 'branchId' || field === 'branch_id') && typeof value === 'string') {
    return context.branchNames.get(value) ?? value;
  }
  if (field === 'managedBranchIds' && Array.isArray(value)) {
    return value.length === 0 ? 'None' : value.map((id) => context.branchNames.get(String(id)) ?? String(id)).join(', ');
  }
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  return JSON.stringify(value);
}
