import type { Customer, DuplicateCandidate, KycStatus, KycVerification } from '@contracts/customers';

export type CustomerStatusValue = Customer['status'];
export type RiskLevel = NonNullable<Customer['riskLevel']>;

export const CUSTOMER_STATUS_LABELS: Record<CustomerStatusValue, string> = {
  prospect: 'Prospect',
  active: 'Active',
  inactive: 'Inactive',
  deceased: 'Deceased',
  merged: 'Merged',
};

export const KYC_STATUS_LABELS: Record<KycStatus, string> = {
  not_started: 'Not started',
  pending: 'Pending',
  verified: 'Verified',
  rejected: 'Rejected',
  expired: 'Expired',
};

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const GENDER_LABELS: Record<Customer['gender'], string> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  unspecified: 'Not stated',
};

export const CHANNEL_LABELS: Record<Customer['preferredChannel'], string> = {
  phone: 'Phone',
  email: 'Email',
  sms: 'SMS',
  mail: 'Mail',
};

/** The classes of the risk formula: the higher, the more dangerous the work. */
export const OCCUPATION_CLASS_LABELS: Record<number, string> = {
  1: '1 — office work, retired, student',
  2: '2 — light manual or customer-facing',
  3: '3 — manual or field work',
  4: '4 — hazardous work',
};

export const DOCUMENT_TYPE_LABELS: Record<KycVerification['documentType'], string> = {
  passport: 'Passport',
  driving_licence: 'Driving licence',
  national_id_card: 'National id card',
  residence_permit: 'Residence permit',
  utility_bill: 'Utility bill (address only)',
};

export const VERIFICATION_RESULT_LABELS: Record<KycVerification['result'], string> = {
  pending: 'Waiting for a check',
  verified: 'Verified',
  rejected: 'Rejected',
};

export const DUPLICATE_REASON_LABELS: Record<DuplicateCandidate['reasons'][number], string> = {
  national_id: 'same national id',
  email: 'same email',
  phone: 'same phone',
  name_and_birth_date: 'similar name, same date of birth',
};

/** Select choices from a label map, in the map's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}
