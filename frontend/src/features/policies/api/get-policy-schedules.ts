import { PolicyScheduleList } from '@contracts/policy-schedules';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { policyKeys } from './policy-keys';

/** Under the policy's detail key: whatever refreshes the policy refreshes its schedules. */
export const policyScheduleKeys = {
  list: (policyId: string) => [...policyKeys.detail(policyId), 'schedules'] as const,
};

/** The versions of the policy's schedule (PDF), newest first. */
export function getPolicySchedules(policyId: string, signal?: AbortSignal): Promise<PolicyScheduleList> {
  return api.get(`/policies/${policyId}/schedules`, PolicyScheduleList, { signal });
}

export const policySchedulesQueryOptions = (policyId: string) =>
  queryOptions({ queryKey: policyScheduleKeys.list(policyId), queryFn: ({ signal }) => getPolicySchedules(policyId, signal) });

export function usePolicySchedules(policyId: string) {
  return useQuery(policySchedulesQueryOptions(policyId));
}
