import type { DuplicateCandidate } from '../../contracts/customers';
import { ConflictError } from '../../platform/errors';

export const illegalStatusChange = (from: string, to: string) =>
  new ConflictError('ILLEGAL_STATUS_CHANGE', `A customer cannot go from ${from} to ${to}.`, { currentStatus: from });
export const customerMerged = (targetId: string) =>
  new ConflictError('CUSTOMER_MERGED', 'This customer was merged into another record; change that one instead.', { mergedIntoId: targetId });
export const likelyDuplicate = (candidates: DuplicateCandidate[]) =>
  new ConflictError('CUSTOMER_DUPLICATE', `This looks like ${candidates.length === 1 ? 'an existing customer' : `${candidates.length} existing customers`}. Open the match, or confirm it is a different person.`, { candidates });
export const invalidMerge = (detail: string) => new ConflictError('INVALID_MERGE', detail);
