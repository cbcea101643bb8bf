import type { DuplicateCheckBody } from '@contracts/customers';
import type { CustomerCriteria } from '../customer-filter';

// Everything about one customer sits under detail(id), so a change refreshes it all in one call.
export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (criteria: CustomerCriteria) => [...customerKeys.lists(), criteria] as const,
  details: () => [...customerKeys.all, 'detail'] as const,
  detail: (id: string) => [...customerKeys.details(), id] as const,
  record: (id: string) => [...customerKeys.detail(id), 'record'] as const,
  overview: (id: string) => [...customerKeys.detail(id), 'overview'] as const,
  duplicates: (id: string) => [...customerKeys.detail(id), 'duplicates'] as const,
  kyc: (id: string) => [...customerKeys.detail(id), 'kyc'] as const,
  duplicateCheck: (draft: DuplicateCheckBody) => [...customerKeys.all, 'duplicate-check', draft] as const,
};
