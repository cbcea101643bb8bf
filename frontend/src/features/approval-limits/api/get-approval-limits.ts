import { ApprovalLimitSet } from '@contracts/identity';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { approvalLimitKeys } from './approval-limit-keys';

/** The whole table; `revision` is its ETag for the next replace. */
export function getApprovalLimits(signal?: AbortSignal): Promise<ApprovalLimitSet> {
  return api.get('/approval-limits', ApprovalLimitSet, { signal });
}

export const approvalLimitsQueryOptions = () =>
  queryOptions({
    queryKey: approvalLimitKeys.set(),
    queryFn: ({ signal }) => getApprovalLimits(signal),
  });

export function useApprovalLimits() {
  return useQuery(approvalLimitsQueryOptions());
}
