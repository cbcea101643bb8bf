import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const quotesRoutes: FeatureRoute[] = [
  {
    path: 'quotes/:id',
    permission: 'quotes:read',
    element: lazyPage(
      () => import('./pages/customer-quotes'),
      (m) => m.QuoteRedirectPage,
    ),
  },
];

/** The Quotes tab of the customer page and the pages below it. */
export const customerQuoteRoutes: FeatureRoute[] = [
  {
    path: 'quotes',
    permission: 'quotes:read',
    element: lazyPage(
      () => import('./pages/customer-quotes'),
      (m) => m.CustomerQuotesTab,
    ),
  },
  {
    path: 'quotes/new',
    permission: 'quotes:create',
    element: lazyPage(
      () => import('./pages/customer-quotes'),
      (m) => m.NewQuoteTab,
    ),
  },
  {
    path: 'quotes/compare',
    permission: 'quotes:create',
    element: lazyPage(
      () => import('./pages/customer-quotes'),
      (m) => m.CompareQuotesTab,
    ),
  },
  {
    path: 'quotes/:quoteId',
    permission: 'quotes:read',
    element: lazyPage(
      () => import('./pages/customer-quotes'),
      (m) => m.CustomerQuoteTab,
    ),
  },
];
