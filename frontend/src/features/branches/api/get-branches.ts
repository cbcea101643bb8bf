import { BranchList } from '@contracts/identity';
import type { Branch } from '@contracts/identity';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { branchKeys } from './branch-keys';

/** Every branch, active or not, ordered by name. */
export async function getBranches(signal?: AbortSignal): Promise<Branch[]> {
  return (await api.get('/branches', BranchList, { signal })).items;
}

export const branchesQueryOptions = () =>
  queryOptions({
    queryKey: branchKeys.list(),
    queryFn: ({ signal }) => getBranches(signal),
    // Branches open and close rarely; many screens only need their names.
    staleTime: 5 * 60_000,
  });

export function useBranches({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...branchesQueryOptions(), enabled });
}
