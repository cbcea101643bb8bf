import { useBranchAgents } from '@/features/branches';

export interface AgentOption {
  value: string;
  label: string;
}

/** Choices for "Assigned agent" in branch `branchId`, plus the agent the customer already has. */
export function useAssignableAgents(branchId: string, current: AgentOption | null) {
  const agents = useBranchAgents(branchId);
  const options: AgentOption[] = (agents.data ?? []).map((agent) => ({ value: agent.id, label: agent.name }));
  if (current && !options.some((option) => option.value === current.value)) options.unshift(current);
  return { options, isLoading: agents.isLoading };
}
