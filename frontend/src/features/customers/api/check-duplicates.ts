import { DuplicateList } from '@contracts/customers';
import type { DuplicateCheckBody } from '@contracts/customers';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { customerKeys } from './customer-keys';

/** Likely duplicates of a customer still being typed: those in the user's branches, and whether one exists in another. */
export function checkDuplicates(draft: DuplicateCheckBody, signal?: AbortSignal): Promise<DuplicateList> {
  return api.post('/customers/duplicate-check', draft, DuplicateList, { signal });
}

export const duplicateCheckQueryOptions = (draft: DuplicateCheckBody) =>
  queryOptions({
    queryKey: customerKeys.duplicateCheck(draft),
    queryFn: ({ signal }) => checkDuplicates(draft, signal),
    // The warning stays put while the next keystrokes are checked.
    placeholderData: keepPreviousData,
  });

/** `draft` null: nothing typed yet that could identify a person. */
export function useDuplicateCheck(draft: DuplicateCheckBody | null) {
  return useQuery({ ...duplicateCheckQueryOptions(draft ?? {}), enabled: draft !== null });
}
