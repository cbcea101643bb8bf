import type { FeatureRoute } from '@/lib/feature';
import { CustomerDetailPage } from './pages/customer-detail';
import { NewCustomerPage } from './pages/customer-new';
import { CustomerDetailsTab, CustomerHistoryTab, CustomerKycTab, CustomerLedgerTab, CustomerOverviewTab } from './pages/customer-tabs';
import { CustomersPage } from './pages/customers';

/** Other features add tabs below the customer page under this id (their `childRoutes`), e.g. quotes. */
export const CUSTOMER_ROUTE_ID = 'customer';

export const customersRoutes: FeatureRoute[] = [
  { path: 'customers', permission: 'customers:read', element: <CustomersPage /> },
  { path: 'customers/new', permission: 'customers:create', element: <NewCustomerPage /> },
  {
    path: 'customers/:id',
    id: CUSTOMER_ROUTE_ID,
    permission: 'customers:read',
    element: <CustomerDetailPage />,
    children: [
      { index: true, element: <CustomerOverviewTab /> },
      { path: 'details', element: <CustomerDetailsTab /> },
      { path: 'kyc', element: <CustomerKycTab /> },
      { path: 'ledger', permission: 'ledger:read', element: <CustomerLedgerTab /> },
      { path: 'history', permission: 'audit:read', element: <CustomerHistoryTab /> },
    ],
  },
];
