import type { Policy } from '@contracts/policies';
import { createContext, useContext } from 'react';
import type { ComponentType, ReactNode } from 'react';

// What a user can start from a policy's page belongs to the features that do it (claims: report a
// claim). They declare their buttons (`policyActions`) and the app hands them to the policy header.

export interface PolicyActionProps {
  policy: Policy;
}

export type PolicyAction = ComponentType<PolicyActionProps>;

const PolicyActionsContext = createContext<readonly PolicyAction[]>([]);

export function PolicyActionsProvider({ actions, children }: { actions: readonly PolicyAction[]; children: ReactNode }) {
  return <PolicyActionsContext.Provider value={actions}>{children}</PolicyActionsContext.Provider>;
}

/** Every contributed action's button for this policy. */
export function PolicyActions(props: PolicyActionProps) {
  const actions = useContext(PolicyActionsContext);
  return (
    <>
      {actions.map((Action, index) => (
        <Action key={index} {...props} />
      ))}
    </>
  );
}
