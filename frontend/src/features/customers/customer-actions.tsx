import type { Customer } from '@contracts/customers';
import { createContext, useContext } from 'react';
import type { ComponentType, ReactNode } from 'react';

// What a user can start from a customer's header, and what else the customer's overview shows,
// belong to the features that do it (claims: report a claim; the service desk: the timeline). They
// declare their buttons (`customerActions`) and panels (`customerPanels`), and the app hands them to
// the customer page.

export interface CustomerActionProps {
  customer: Customer;
}

export type CustomerAction = ComponentType<CustomerActionProps>;

const CustomerActionsContext = createContext<readonly CustomerAction[]>([]);

export function CustomerActionsProvider({ actions, children }: { actions: readonly CustomerAction[]; children: ReactNode }) {
  return <CustomerActionsContext.Provider value={actions}>{children}</CustomerActionsContext.Provider>;
}

/** Every contributed action's button for this customer. */
export function CustomerActions(props: CustomerActionProps) {
  const actions = useContext(CustomerActionsContext);
  return (
    <>
      {actions.map((Action, index) => (
        <Action key={index} {...props} />
      ))}
    </>
  );
}

/** A panel another feature adds to the customer's overview (e.g. the service desk's timeline). */
export type CustomerPanel = ComponentType<CustomerActionProps>;

const CustomerPanelsContext = createContext<readonly CustomerPanel[]>([]);

export function CustomerPanelsProvider({ panels, children }: { panels: readonly CustomerPanel[]; children: ReactNode }) {
  return <CustomerPanelsContext.Provider value={panels}>{children}</CustomerPanelsContext.Provider>;
}

/** Every contributed panel for this customer. */
export function CustomerPanels(props: CustomerActionProps) {
  const panels = useContext(CustomerPanelsContext);
  return (
    <>
      {panels.map((Panel, index) => (
        <Panel key={index} {...props} />
      ))}
    </>
  );
}
