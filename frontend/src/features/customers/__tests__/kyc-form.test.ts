import { describe, expect, it } from 'vitest';
import { kycDocumentBody, KycDocumentFormSchema } from '../kyc-form';
import type { KycDocumentFormValues } from '../kyc-form';

const values: KycDocumentFormValues = { documentType: 'passport', documentNumber: 'X1234567', issuingCountry: 'gb', expiryDate: '', notes: '  ' };

describe('the KYC document form', () => {
  it('sends a blank expiry date and blank notes as absent, typed ones trimmed', () => {
    expect(kycDocumentBody(values)).toEqual({ documentType: 'passport', documentNumber: 'X1234567', issuingCountry: 'gb', expiryDate: undefined, notes: undefined });
    expect(kycDocumentBody({ ...values, expiryDate: ' 2030-12-31 ', notes: ' seen in branch ' })).toMatchObject({ expiryDate: '2030-12-31', notes: 'seen in branch' });
  });

  it('validates with the API’s rules: country upper-cased, at least 4 characters of number, dates as YYYY-MM-DD', () => {
    const ok = KycDocumentFormSchema.safeParse(values);
    expect(ok.success && ok.data.issuingCountry).toBe('GB');
    const bad = KycDocumentFormSchema.safeParse({ ...values, documentNumber: 'X12', issuingCountry: 'GBR', expiryDate: '31/12/2030' });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['documentNumber', 'Use at least 4 characters'],
      ['issuingCountry', 'Use a two-letter ISO country code'],
      ['expiryDate', 'Use the format YYYY-MM-DD'],
    ]);
  });
});
