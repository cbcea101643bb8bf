import { Branch } from '@contracts/identity';
import type { UpdateBranchBody } from '@contracts/identity';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { auditKeys } from '@/lib/audit-keys';
import { branchKeys } from './branch-keys';

export interface UpdateBranchInput {
  branch: Pick<Branch, 'id' | 'version'>;
  changes: UpdateBranchBody;
}

export function updateBranch({ branch, changes }: UpdateBranchInput): Promise<Branch> {
  return api.patch(`/branches/${branch.id}`, changes, Branch, { ifMatch: etag(branch.version) });
}

type Callbacks = Pick<UseMutationOptions<Branch, Error, UpdateBranchInput>, 'onSuccess' | 'onError'>;

/** Settled either way: a 412 means the list is stale, so it is refetched too. */
export function useUpdateBranch(callbacks: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBranch,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: branchKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
