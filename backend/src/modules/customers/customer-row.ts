// Turning a validated customer into its stored row (derived search columns, protected national id).
// Shared by the service, the demo seed and the volume seeder so all three store customers alike.
import type { CreateCustomerBody } from '../../contracts/customers';
import type { FieldCrypto } from '../../platform/field-crypto';
import { maskTail } from '../../platform/masking';
import type { NewCustomerRow } from './customers.repository';
import { digitsOnly, nameWords, normalizeNationalId, searchName } from './personal-data';

/** Encryption context of the national id column (binds ciphertexts to it). */
export const NATIONAL_ID = 'customers.national_id';

export function protectNationalId(crypto: FieldCrypto, value: string | null | undefined) {
  if (!value) return { national_id_ciphertext: null, national_id_key_id: null, national_id_index: null, national_id_masked: null };
  const encrypted = crypto.encrypt(value, NATIONAL_ID);
  return {
    national_id_ciphertext: encrypted.ciphertext,
    national_id_key_id: encrypted.keyId,
    national_id_index: crypto.blindIndex(normalizeNationalId(value), NATIONAL_ID),
    national_id_masked: maskTail(value),
  };
}

export type CustomerRecordInput = Omit<CreateCustomerBody, 'phone' | 'confirmNotDuplicate'>;

/** `phone` must already be E.164 (or null). */
export function buildCustomerRow(input: CustomerRecordInput, phone: string | null, crypto: FieldCrypto, meta: { now: Date; createdBy: string | null }): NewCustomerRow {
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    search_name: searchName(input.firstName, input.lastName),
    name_words: nameWords(input.firstName, input.lastName),
    date_of_birth: input.dateOfBirth,
    gender: input.gender,
    email: input.email ?? null,
    phone,
    phone_digits: phone ? digitsOnly(phone) : null,
    address_line1: input.address.line1,
    address_line2: input.address.line2 ?? null,
    city: input.address.city,
    region: input.address.region ?? null,
    postal_code: input.address.postalCode,
    country: input.address.country,
    ...protectNationalId(crypto, input.nationalId),
    occupation: input.occupation ?? null,
    occupation_class: input.occupationClass,
    smoker: input.smoker,
    preferred_channel: input.preferredChannel,
    consent_marketing: input.consents.marketing,
    consent_marketing_at: meta.now,
    consent_data_processing: input.consents.dataProcessing,
    consent_data_processing_at: meta.now,
    branch_id: input.branchId,
    assigned_agent_id: input.assignedAgentId ?? null,
    status: 'prospect',
    created_at: meta.now,
    updated_at: meta.now,
    created_by: meta.createdBy,
  };
}
