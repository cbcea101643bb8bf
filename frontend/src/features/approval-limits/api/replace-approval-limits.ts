import { ApprovalLimitSet } from '@contracts/identity';
import type { ReplaceApprovalLimitsBody } from '@contracts/identity';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { auditKeys } from '@/lib/audit-keys';
import { approvalLimitKeys } from './approval-limit-keys';

export interface ReplaceApprovalLimitsInput {
  /** The revision the editor started from: If-Match. */
  revision: number;
  body: ReplaceApprovalLimitsBody;
}

/** Replaces the whole table in one go; a stale revision answers 412. */
export function replaceApprovalLimits({ revision, body }: ReplaceApprovalLimitsInput): Promise<ApprovalLimitSet> {
  return api.put('/approval-limits', body, ApprovalLimitSet, { ifMatch: etag(revision) });
}

type Callbacks = Pick<UseMutationOptions<ApprovalLimitSet, Error, ReplaceApprovalLimitsInput>, 'onSuccess' | 'onError'>;

export function useReplaceApprovalLimits(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replaceApprovalLimits,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: approvalLimitKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
