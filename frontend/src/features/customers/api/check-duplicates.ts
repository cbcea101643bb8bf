import { DuplicateList } from '@contracts/customers';
import type { DuplicateCandidate, DuplicateCheckBody } from '@contracts/customers';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { customerKeys } from './customer-keys';

/** Likely duplicates of a customer still being typed. */
export async function checkDuplicates(draft: DuplicateCheckBody, signal?: AbortSignal): Promise<DuplicateCandidate[]> {
  return (await api.post('/customers/duplicate-check', draft, DuplicateList, { signal })).items;
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
