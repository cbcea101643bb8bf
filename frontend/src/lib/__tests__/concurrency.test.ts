import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-error';
import { etag, isVersionConflict } from '../concurrency';

const apiError = (status: number, code: string) => new ApiError({ status, code, title: 't', detail: 'd' });

describe('etag', () => {
  it('quotes the version, as the server sends it in ETag', () => {
    expect(etag(7)).toBe('"7"');
    expect(etag(0)).toBe('"0"');
  });
});

describe('isVersionConflict', () => {
  it('is true for the API error VERSION_MISMATCH (412: someone saved after this screen read it)', () => {
    expect(isVersionConflict(apiError(412, 'VERSION_MISMATCH'))).toBe(true);
  });

  it('matches on the code, not the status: another 412 or 409 is not a version conflict', () => {
    expect(isVersionConflict(apiError(412, 'PRECONDITION_REQUIRED'))).toBe(false);
    expect(isVersionConflict(apiError(409, 'CUSTOMER_DUPLICATE'))).toBe(false);
  });

  it('is false for anything that is not an ApiError, even with the same code', () => {
    expect(isVersionConflict(Object.assign(new Error('x'), { code: 'VERSION_MISMATCH' }))).toBe(false);
    expect(isVersionConflict({ code: 'VERSION_MISMATCH' })).toBe(false);
    expect(isVersionConflict(undefined)).toBe(false);
  });
});
