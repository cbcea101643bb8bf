import { SubmitKycVerificationBody } from '@contracts/customers';
import type { KycVerification } from '@contracts/customers';
import { z } from 'zod';

/** The "record a document" form; "" for an optional value left out. */
export interface KycDocumentFormValues {
  documentType: KycVerification['documentType'];
  documentNumber: string;
  issuingCountry: string;
  expiryDate: string;
  notes: string;
}

export const KYC_DOCUMENT_FIELDS = ['documentType', 'documentNumber', 'issuingCountry', 'expiryDate', 'notes'] as const;

export function kycDocumentBody(values: KycDocumentFormValues): z.input<typeof SubmitKycVerificationBody> {
  return {
    documentType: values.documentType,
    documentNumber: values.documentNumber,
    issuingCountry: values.issuingCountry,
    expiryDate: values.expiryDate.trim() || undefined,
    notes: values.notes.trim() || undefined,
  };
}

/** Validates what the form would send with the API's own SubmitKycVerificationBody. */
export const KycDocumentFormSchema = z.preprocess((values: KycDocumentFormValues) => kycDocumentBody(values), SubmitKycVerificationBody);
