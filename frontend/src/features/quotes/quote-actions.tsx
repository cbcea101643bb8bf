import type { Quote } from '@contracts/products';
import type { ButtonProps } from '@mantine/core';
import { createContext, useContext } from 'react';
import type { ComponentType, ReactNode } from 'react';

// What a user can do with a saved quote belongs to the features that do it (orders: apply). They
// declare their buttons (`quoteActions`) and the app hands them to the quote screens.

export interface QuoteActionProps extends Pick<ButtonProps, 'size' | 'variant' | 'fullWidth'> {
  quote: Quote;
  /** Under the button, why it is disabled (on the quote's page; lists use the tooltip). */
  explain?: boolean;
}

export type QuoteAction = ComponentType<QuoteActionProps>;

const QuoteActionsContext = createContext<readonly QuoteAction[]>([]);

export function QuoteActionsProvider({ actions, children }: { actions: readonly QuoteAction[]; children: ReactNode }) {
  return <QuoteActionsContext.Provider value={actions}>{children}</QuoteActionsContext.Provider>;
}

/** Every contributed action's button for this quote. */
export function QuoteActions(props: QuoteActionProps) {
  const actions = useContext(QuoteActionsContext);
  return (
    <>
      {actions.map((Action, index) => (
        <Action key={index} {...props} />
      ))}
    </>
  );
}
