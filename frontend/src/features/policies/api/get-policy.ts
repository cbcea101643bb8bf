import { Policy } from '@contracts/policies';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { policyKeys } from './policy-keys';

/** A policy with its status history. */
export function getPolicy(id: string, signal?: AbortSignal): Promise<Policy> {
  return api.get(`/policies/${id}`, Policy, { signal });
}

export const policyQueryOptions = (id: string) => queryOptions({ queryKey: policyKeys.detail(id), queryFn: ({ signal }) => getPolicy(id, signal) });

export function usePolicy(id: string) {
  return useQuery(policyQueryOptions(id));
}
