import type { Policy } from '@contracts/policies';
import { createContext, useContext } from 'react';
import type { ComponentType, ReactNode } from 'react';

// What a user can start from a policy's page, and what else the page shows about the policy, belong
// to the features that do it (claims: report a claim; the policy's claims). They declare their
// buttons (`policyActions`) and panels (`policyPanels`), and the app hands them to the policy page.

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

/** A panel another feature adds to the policy's page (e.g. its claims). */
export type PolicyPanel = ComponentType<PolicyActionProps>;

const PolicyPanelsContext = createContext<readonly PolicyPanel[]>([]);

export function PolicyPanelsProvider({ panels, children }: { panels: readonly PolicyPanel[]; children: ReactNode }) {
  return <PolicyPanelsContext.Provider value={panels}>{children}</PolicyPanelsContext.Provider>;
}

/** Every contributed panel for this policy. */
export function PolicyPanels(props: PolicyActionProps) {
  const panels = useContext(PolicyPanelsContext);
  return (
    <>
      {panels.map((Panel, index) => (
        <Panel key={index} {...props} />
      ))}
    </>
  );
}
