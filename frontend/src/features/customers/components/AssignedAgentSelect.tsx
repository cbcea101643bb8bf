import { Select } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useAssignableAgents } from '../use-assignable-agents';
import type { AgentOption } from '../use-assignable-agents';

interface AssignedAgentSelectProps {
  branchId: string;
  /** The agent the customer has now, kept selectable. */
  current: AgentOption | null;
  input: GetInputPropsReturnType;
}

export function AssignedAgentSelect({ branchId, current, input }: AssignedAgentSelectProps) {
  const { options, isLoading } = useAssignableAgents(branchId, current);
  const { value, onChange, ...rest } = input;
  return (
    <Select
      label="Assigned agent"
      placeholder={isLoading ? 'Loading agents…' : 'Nobody'}
      data={options}
      clearable
      searchable
      nothingFoundMessage="No agent of this branch"
      {...rest}
      // The form holds "" for nobody; the select clears to null.
      value={typeof value === 'string' && value !== '' ? value : null}
      onChange={(next) => onChange(next ?? '')}
    />
  );
}
