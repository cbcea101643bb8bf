// The customers module's own problem codes (CustomersErrorCode, declared in its contract).
import type { FieldError } from '../../contracts/common';
import type { CustomersErrorCode, DuplicateCandidate } from '../../contracts/customers';
import type { DuplicateElsewhere } from './duplicates';
import { ConflictError, ValidationError, type ProblemExtras } from '../../platform/errors';

/** 409 with one of the customers module's codes. */
export const customersConflict = (code: CustomersErrorCode, detail: string, extras?: ProblemExtras) => new ConflictError(code, detail, extras);
/** 400 with one of the customers module's codes, and the fields at fault. */
const customersValidation = (code: CustomersErrorCode, errors: FieldError[], detail: string) => new ValidationError(errors, detail, code);

export const illegalStatusChange = (from: string, to: string) => customersConflict('ILLEGAL_STATUS_CHANGE', `A customer cannot go from ${from} to ${to}.`, { currentStatus: from });
export const customerMerged = (targetId: string) =>
  customersConflict('CUSTOMER_MERGED', 'This customer was merged into another record; change that one instead.', { mergedIntoId: targetId });
/** What an agent is told of likely duplicates in branches they do not work in: only that one exists. */
export const OTHER_BRANCH_DUPLICATE_NOTE = 'A likely duplicate exists in another branch; a manager can review it.';

/**
 * 409 CUSTOMER_DUPLICATE: the candidates the caller may see, and whether one exists elsewhere. The
 * ones elsewhere ride along (never sent) so the refusal can be audited after its rollback.
 */
export class LikelyDuplicateError extends ConflictError {
  constructor(
    candidates: DuplicateCandidate[],
    readonly elsewhere: DuplicateElsewhere[],
  ) {
    const seen = candidates.length
      ? `This looks like ${candidates.length === 1 ? 'an existing customer' : `${candidates.length} existing customers`}. Open the match, or confirm it is a different person.`
      : '';
    const other = elsewhere.length ? `${OTHER_BRANCH_DUPLICATE_NOTE}${seen ? '' : ' Confirm it is a different person to go ahead.'}` : '';
    super('CUSTOMER_DUPLICATE' satisfies CustomersErrorCode, [seen, other].filter(Boolean).join(' '), { candidates, inOtherBranch: elsewhere.length > 0 });
  }
}
export const invalidMerge = (detail: string) => customersConflict('INVALID_MERGE', detail);
export const searchTooBroad = () => customersValidation('SEARCH_TOO_BROAD', [{ path: 'q', message: 'Type at least 2 characters, or add a filter' }], 'The search is too broad.');
/** 409 for a KYC step that cannot happen (state, document type or expiry). */
export const kycConflict = (
  code: Extract<CustomersErrorCode, 'ILLEGAL_KYC_TRANSITION' | 'NOT_AN_IDENTITY_DOCUMENT' | 'DOCUMENT_EXPIRED'>,
  detail: string,
  extras?: ProblemExtras,
) => customersConflict(code, detail, extras);
