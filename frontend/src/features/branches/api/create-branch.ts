import { Branch } from '@contracts/identity';
import type { CreateBranchBody } from '@contracts/identity';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';
import { branchKeys } from './branch-keys';

export function createBranch(body: CreateBranchBody): Promise<Branch> {
  return api.post('/branches', body, Branch);
}

type Callbacks = Pick<UseMutationOptions<Branch, Error, CreateBranchBody>, 'onSuccess' | 'onError'>;

/** The form shows failures next to its fields, so it passes its own onError instead of the toast. */
export function useCreateBranch(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBranch,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: branchKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
