import type { FeatureRoute } from '@/lib/feature';
import { CompareQuotesTab, CustomerQuotesTab, CustomerQuoteTab, NewQuoteTab, QuoteRedirectPage } from './pages/customer-quotes';

export const quotesRoutes: FeatureRoute[] = [{ path: 'quotes/:id', permission: 'quotes:read', element: <QuoteRedirectPage /> }];

/** The Quotes tab of the customer page and the pages below it. */
export const customerQuoteRoutes: FeatureRoute[] = [
  { path: 'quotes', permission: 'quotes:read', element: <CustomerQuotesTab /> },
  { path: 'quotes/new', permission: 'quotes:create', element: <NewQuoteTab /> },
  { path: 'quotes/compare', permission: 'quotes:create', element: <CompareQuotesTab /> },
  { path: 'quotes/:quoteId', permission: 'quotes:read', element: <CustomerQuoteTab /> },
];
