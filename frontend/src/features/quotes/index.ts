import { CUSTOMER_ROUTE_ID } from '@/features/customers';
import { customerQuoteRoutes, quotesRoutes } from './routes';

/** Quotes: the customer's saved quotes, the builder, the frozen quote and the comparison basket. */
export const quotesFeature = {
  routes: quotesRoutes,
  childRoutes: { [CUSTOMER_ROUTE_ID]: customerQuoteRoutes },
};

export { QuoteActionsProvider } from './quote-actions';
export type { QuoteAction, QuoteActionProps } from './quote-actions';
export { offeredProductQueryOptions } from './api/get-offered-product';
export { useOfferedProducts } from './api/get-offered-products';
export { productVersionQueryOptions, useProductVersion } from './api/get-product-version';
export { useQuote } from './api/get-quote';
export { WorksheetTable } from './components/WorksheetTable';
export { EXAM_LABELS, FREQUENCY_LABELS, genderLabel } from './quote-labels';
export { formatSum } from './quote-money';
export { customerQuotePath, newQuotePath } from './quote-paths';
