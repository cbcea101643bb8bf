import type { Customer } from '@contracts/customers';
import { createContext, useContext } from 'react';
import type { ComponentType, ReactNode } from 'react';

// What a user can start from a customer's header belongs to the features that do it (claims: report
// a claim). They declare their buttons (`customerActions`) and the app hands them to the header.

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
