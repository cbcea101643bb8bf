import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

/** Other features add tabs below the customer page under this id (their `childRoutes`), e.g. quotes. */
export const CUSTOMER_ROUTE_ID = 'customer';

export const customersRoutes: FeatureRoute[] = [
  {
    path: 'customers',
    permission: 'customers:read',
    element: lazyPage(
      () => import('./pages/customers'),
      (m) => m.CustomersPage,
    ),
  },
  {
    path: 'customers/new',
    permission: 'customers:create',
    element: lazyPage(
      () => import('./pages/customer-new'),
      (m) => m.NewCustomerPage,
    ),
  },
  {
    path: 'customers/:id',
    id: CUSTOMER_ROUTE_ID,
    permission: 'customers:read',
    // The tabs' code is fetched with the page's, not after the record has loaded.
    element: lazyPage(
      () => Promise.all([import('./pages/customer-detail'), import('./pages/customer-tabs')]).then(([page]) => page),
      (m) => m.CustomerDetailPage,
    ),
    children: [
      {
        index: true,
        element: lazyPage(
          () => import('./pages/customer-tabs'),
          (m) => m.CustomerOverviewTab,
        ),
      },
      {
        path: 'details',
        element: lazyPage(
          () => import('./pages/customer-tabs'),
          (m) => m.CustomerDetailsTab,
        ),
      },
      {
        path: 'kyc',
        element: lazyPage(
          () => import('./pages/customer-tabs'),
          (m) => m.CustomerKycTab,
        ),
      },
      {
        path: 'ledger',
        permission: 'ledger:read',
        element: lazyPage(
          () => import('./pages/customer-tabs'),
          (m) => m.CustomerLedgerTab,
        ),
      },
      {
        path: 'history',
        permission: 'audit:read',
        element: lazyPage(
          () => import('./pages/customer-tabs'),
          (m) => m.CustomerHistoryTab,
        ),
      },
    ],
  },
];
