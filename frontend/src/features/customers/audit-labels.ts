import { Customer, KycStatus } from '@contracts/customers';
import type { AuditLabels } from '@/features/audit';
import { CUSTOMER_STATUS_LABELS, KYC_STATUS_LABELS } from './customer-labels';

export const customersAuditLabels: AuditLabels = {
  actions: {
    'customer.create': 'Customer created',
    'customer.update': 'Customer changed',
    'customer.status_change': 'Customer status changed',
    'customer.kyc_status_change': 'KYC status changed',
    'customer.merge': 'Duplicate merged into this customer',
    'customer.merged_into': 'Customer merged into another record',
    'customer.sensitive_read': 'Personal data viewed',
    'kyc.submit': 'KYC document recorded',
    'kyc.verify': 'KYC document verified',
    'kyc.reject': 'KYC document rejected',
  },
  entities: { customer: 'Customer' },
  links: { customer: { path: (id) => `/customers/${id}`, permission: 'customers:read' } },
  // The audit trail records customers' columns.
  fields: {
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
  },
  value: (entityType, field, value) => {
    if (entityType !== 'customer') return undefined;
    const status = field === 'status' ? Customer.shape.status.safeParse(value) : null;
    if (status?.success) return CUSTOMER_STATUS_LABELS[status.data];
    const kyc = field === 'kycStatus' || field === 'kyc_status' ? KycStatus.safeParse(value) : null;
    if (kyc?.success) return KYC_STATUS_LABELS[kyc.data];
    return undefined;
  },
};
