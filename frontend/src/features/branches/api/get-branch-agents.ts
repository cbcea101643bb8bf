import { AssignableAgentList } from '@contracts/identity';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { branchKeys } from './branch-keys';

export type AssignableAgent = AssignableAgentList['items'][number];

/** Who may be assigned customers in a branch: its active agents, senior agents and managers. */
export async function getBranchAgents(branchId: string, signal?: AbortSignal): Promise<AssignableAgent[]> {
  return (await api.get(`/branches/${branchId}/agents`, AssignableAgentList, { signal })).items;
}

export const branchAgentsQueryOptions = (branchId: string) =>
  queryOptions({
    queryKey: branchKeys.agents(branchId),
    queryFn: ({ signal }) => getBranchAgents(branchId, signal),
    staleTime: 60_000,
  });

export function useBranchAgents(branchId: string) {
  return useQuery({ ...branchAgentsQueryOptions(branchId), enabled: branchId !== '' });
}
