import { ConflictError } from '../../platform/errors';

export const illegalStatusChange = (from: string, to: string) =>
  new ConflictError('ILLEGAL_STATUS_CHANGE', `A customer cannot go from ${from} to ${to}.`, { currentStatus: from });
export const customerMerged = (targetId: string) =>
  new ConflictError('CUSTOMER_MERGED', 'This customer was merged into another record; change that one instead.', { mergedIntoId: targetId });
