import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { stepProblem } from '../submit-problems';

const problem = (code: string, more: { errors?: { path: string; message: string }[]; extensions?: Record<string, unknown> } = {}) =>
  new ApiError({ status: 409, code, title: `title of ${code}`, detail: `detail of ${code}`, requestId: 'req-1', ...more });

describe('stepProblem', () => {
  const machineZone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Pacific/Honolulu';
  });
  afterEach(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
  });

  it('lists each field error of an incomplete application and hands them to the form', () => {
    const errors = [
      { path: 'beneficiaries', message: 'Name a primary beneficiary' },
      { path: 'paymentMethod', message: 'Add a payment method' },
    ];
    expect(stepProblem(problem('ORDER_INCOMPLETE', { errors }))).toEqual({
      title: 'The application is not complete yet',
      detail: 'Fill in what is marked below, save, then submit again.',
      items: ['Name a primary beneficiary', 'Add a payment method'],
      fieldErrors: errors,
      missingDocuments: [],
      quoteExpired: false,
      requestId: 'req-1',
    });
  });

  it('names the missing documents, marks those rejected, and gives their codes to the checklist', () => {
    const missing = [{ code: 'ID', name: 'Proof of identity', status: 'missing' }, { code: 'APS', name: 'Physician statement', status: 'rejected' }, { code: 'BANK' }];
    const result = stepProblem(problem('DOCUMENTS_MISSING', { extensions: { missing } }));
    expect(result.items).toEqual(['Proof of identity', 'Physician statement (the last one was rejected: upload a new one)', 'BANK']);
    expect(result.missingDocuments).toEqual(['ID', 'APS', 'BANK']);
  });

  it('skips what is not a document in a malformed `missing` list', () => {
    const result = stepProblem(problem('DOCUMENTS_MISSING', { extensions: { missing: [null, 'ID', { name: 'no code' }, { code: 7 }, { code: 'OK' }] } }));
    expect(result.missingDocuments).toEqual(['OK']);
    expect(stepProblem(problem('DOCUMENTS_MISSING', { extensions: { missing: 'ID' } })).missingDocuments).toEqual([]);
  });

  it('says until when an expired quote was valid, as the business date it is in every time zone', () => {
    const result = stepProblem(problem('QUOTE_EXPIRED', { extensions: { validUntil: '2026-01-01' } }));
    expect(result.quoteExpired).toBe(true);
    expect(result.detail).toContain('valid until 1 Jan 2026.');
    expect(stepProblem(problem('QUOTE_EXPIRED')).detail).toContain('valid until an earlier date.');
  });

  it('lists the reasons the customer is no longer eligible', () => {
    const reasons = [{ code: 'AGE', message: 'Too old for the 30-year term' }, { code: 'X' }];
    expect(stepProblem(problem('NOT_ELIGIBLE', { extensions: { reasons } })).items).toEqual(['Too old for the 30-year term']);
  });

  it('names the status an application moved on to, in lower case, or says it is in another one', () => {
    expect(stepProblem(problem('ILLEGAL_TRANSITION', { extensions: { currentStatus: 'in_underwriting' } })).detail).toMatch(/^It is now in underwriting;/);
    expect(stepProblem(problem('ORDER_NOT_EDITABLE', { extensions: { currentStatus: 'submitted' } })).detail).toMatch(/^It is now submitted;/);
    expect(stepProblem(problem('ORDER_NOT_EDITABLE', { extensions: { currentStatus: 'archived' } })).detail).toMatch(/^It is now in another status;/);
  });

  it('explains a version conflict as someone else’s change', () => {
    expect(stepProblem(problem('VERSION_MISMATCH'))).toMatchObject({ title: 'Changed by someone else', requestId: 'req-1' });
  });

  it('shows other API errors as the server worded them, and anything else as an unexpected error', () => {
    expect(stepProblem(problem('FORBIDDEN'))).toEqual({
      title: 'title of FORBIDDEN',
      detail: 'detail of FORBIDDEN',
      requestId: 'req-1',
      items: [],
      fieldErrors: null,
      missingDocuments: [],
      quoteExpired: false,
    });
    expect(stepProblem(new TypeError('Failed to fetch'))).toMatchObject({ title: 'Something went wrong', detail: 'Failed to fetch', requestId: undefined });
    expect(stepProblem('boom')).toMatchObject({ detail: 'An unexpected error occurred.' });
  });
});
