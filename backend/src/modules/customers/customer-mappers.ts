// A customer row as the API shows it (full record, search summary) and as the audit trail keeps it.
import type { Customer, CustomerSummary } from '../../contracts/customers';
import type { CustomerRow } from './customers.repository';

export function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id,
    customerNumber: r.customer_number,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.date_of_birth,
    gender: r.gender,
    email: r.email,
    phone: r.phone,
    address: {
      line1: r.address_line1,
      ...(r.address_line2 ? { line2: r.address_line2 } : {}),
      city: r.city,
      ...(r.region ? { region: r.region } : {}),
      postalCode: r.postal_code,
      country: r.country,
    },
    nationalIdMasked: r.national_id_masked,
    occupation: r.occupation,
    occupationClass: r.occupation_class,
    smoker: r.smoker,
    preferredChannel: r.preferred_channel,
    consents: {
      marketing: { given: r.consent_marketing, changedAt: r.consent_marketing_at?.toISOString() ?? null },
      dataProcessing: { given: r.consent_data_processing, changedAt: r.consent_data_processing_at?.toISOString() ?? null },
    },
    branchId: r.branch_id,
    assignedAgentId: r.assigned_agent_id,
    assignedAgentName: r.assigned_agent_name ?? null,
    status: r.status,
    statusReason: r.status_reason,
    mergedIntoId: r.merged_into_id,
    kycStatus: r.kyc_status,
    riskScore: r.risk_score,
    riskLevel: r.risk_level,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export const toSummary = (r: CustomerRow): CustomerSummary => ({
  id: r.id,
  customerNumber: r.customer_number,
  firstName: r.first_name,
  lastName: r.last_name,
  dateOfBirth: r.date_of_birth,
  email: r.email,
  phone: r.phone,
  city: r.city,
  postalCode: r.postal_code,
  status: r.status,
  kycStatus: r.kyc_status,
  branchId: r.branch_id,
});

/** What the audit trail keeps of a customer: everything but the national id, which shows as changed. */
export function auditView(r: CustomerRow) {
  const {
    national_id_ciphertext,
    national_id_key_id,
    national_id_index,
    national_id_masked,
    search_name,
    name_words,
    phone_digits,
    assigned_agent_name,
    version,
    created_at,
    updated_at,
    created_by,
    ...rest
  } = r;
  void [national_id_key_id, national_id_index, national_id_masked, search_name, name_words, phone_digits, assigned_agent_name, version, created_at, updated_at, created_by];
  return { ...rest, nationalId: national_id_ciphertext ? `set (${national_id_masked})` : null };
}
