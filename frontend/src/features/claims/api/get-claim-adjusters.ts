import { UserPage } from '@contracts/identity';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { claimKeys } from './claim-keys';

/** The active claims adjusters of a branch, to assign a claim to by name (reading users needs users:read: managers). */
export const claimAdjustersQueryOptions = (branchId: string) =>
  queryOptions({
    queryKey: claimKeys.adjusters(branchId),
    queryFn: ({ signal }) => api.get(`/users${queryString({ role: 'claims_adjuster', branchId, active: 'true', limit: 100 })}`, UserPage, { signal }),
  });

export function useClaimAdjusters(branchId: string, enabled: boolean) {
  return useQuery({ ...claimAdjustersQueryOptions(branchId), enabled });
}
