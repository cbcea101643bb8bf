import { CoverageCheck } from '@contracts/claims';
import type { CoverageCheckBody } from '@contracts/claims';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { claimKeys } from './claim-keys';

/** The coverage check of a loss on a policy, recording nothing (POST, but a read: safe to repeat). */
export function checkCoverage(body: CoverageCheckBody, signal?: AbortSignal): Promise<CoverageCheck> {
  return api.post('/claims/coverage-check', body, CoverageCheck, { signal });
}

export const coverageCheckQueryOptions = (body: CoverageCheckBody | null) =>
  queryOptions({
    queryKey: claimKeys.coverageCheck(body),
    queryFn: ({ signal }) => checkCoverage(body!, signal),
    enabled: body !== null,
    retry: false,
  });

/** Re-checked as the notice is typed; pass the (debounced) body, or null while it is not complete enough. */
export function useCoverageCheck(body: CoverageCheckBody | null) {
  return useQuery({ ...coverageCheckQueryOptions(body), placeholderData: keepPreviousData });
}
