import { createBrowserRouter } from 'react-router';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { RequireAuth } from './RequireAuth';
import { RequirePermission } from './RequirePermission';
import { ApprovalLimitsPage } from '@/features/approval-limits/pages/approval-limits';
import { AuditPage } from '@/features/audit/pages/audit';
import { BranchesPage } from '@/features/branches/pages/branches';
import { ChangePasswordPage } from './pages/change-password';
import { CustomerDetailPage } from '@/features/customers/pages/customer-detail';
import { NewCustomerPage } from '@/features/customers/pages/customer-new';
import { CompareQuotesTab, CustomerQuotesTab, CustomerQuoteTab, NewQuoteTab, QuoteRedirectPage } from '@/features/quotes/pages/customer-quotes';
import { CustomerDetailsTab, CustomerHistoryTab, CustomerKycTab, CustomerOverviewTab } from '@/features/customers/pages/customer-tabs';
import { CustomersPage } from '@/features/customers/pages/customers';
import { HomePage } from './pages/home';
import { LoginPage } from './pages/login';
import { ExamsPage } from '@/features/exams/pages/exams';
import { NotFoundPage } from './pages/not-found';
import { OrderDetailPage } from '@/features/orders/pages/order-detail';
import { OrdersPage } from '@/features/orders/pages/orders';
import { PoliciesPage } from '@/features/policies/pages/policies';
import { PolicyDetailPage } from '@/features/policies/pages/policy-detail';
import { ProductDetailPage } from '@/features/products/pages/product-detail';
import { ProductDraftPage } from '@/features/products/pages/product-draft';
import { NewProductPage } from '@/features/products/pages/product-new';
import { ProductsPage } from '@/features/products/pages/products';
import { RouteErrorPage } from './pages/route-error';
import { UnderwritingPage } from '@/features/underwriting/pages/underwriting';
import { UserDetailPage } from '@/features/users/pages/user-detail';
import { UsersPage } from '@/features/users/pages/users';

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/change-password',
        element: (
          <RequireAuth>
            <ChangePasswordPage />
          </RequireAuth>
        ),
      },
      {
        element: (
          <RequireAuth>
            <ConsoleLayout />
          </RequireAuth>
        ),
        children: [
          {
            // A failing page keeps the header and navigation around it.
            errorElement: <RouteErrorPage fullPage={false} />,
            children: [
              { index: true, element: <HomePage /> },
              {
                path: 'customers',
                element: (
                  <RequirePermission permission="customers:read">
                    <CustomersPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'customers/new',
                element: (
                  <RequirePermission permission="customers:create">
                    <NewCustomerPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'customers/:id',
                element: (
                  <RequirePermission permission="customers:read">
                    <CustomerDetailPage />
                  </RequirePermission>
                ),
                children: [
                  { index: true, element: <CustomerOverviewTab /> },
                  { path: 'details', element: <CustomerDetailsTab /> },
                  { path: 'kyc', element: <CustomerKycTab /> },
                  {
                    path: 'quotes',
                    element: (
                      <RequirePermission permission="quotes:read">
                        <CustomerQuotesTab />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'quotes/new',
                    element: (
                      <RequirePermission permission="quotes:create">
                        <NewQuoteTab />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'quotes/compare',
                    element: (
                      <RequirePermission permission="quotes:create">
                        <CompareQuotesTab />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'quotes/:quoteId',
                    element: (
                      <RequirePermission permission="quotes:read">
                        <CustomerQuoteTab />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'history',
                    element: (
                      <RequirePermission permission="audit:read">
                        <CustomerHistoryTab />
                      </RequirePermission>
                    ),
                  },
                ],
              },
              {
                path: 'quotes/:id',
                element: (
                  <RequirePermission permission="quotes:read">
                    <QuoteRedirectPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'products',
                element: (
                  <RequirePermission permission="products:read">
                    <ProductsPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'products/new',
                element: (
                  <RequirePermission permission="products:manage">
                    <NewProductPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'products/:id',
                element: (
                  <RequirePermission permission="products:read">
                    <ProductDetailPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'products/:id/draft',
                element: (
                  <RequirePermission permission="products:manage">
                    <ProductDraftPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'orders',
                element: (
                  <RequirePermission permission="orders:read">
                    <OrdersPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'orders/:id',
                element: (
                  <RequirePermission permission="orders:read">
                    <OrderDetailPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'underwriting',
                element: (
                  <RequirePermission permission="orders:underwrite">
                    <UnderwritingPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'exams',
                element: (
                  <RequirePermission permission="exams:manage">
                    <ExamsPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'policies',
                element: (
                  <RequirePermission permission="policies:read">
                    <PoliciesPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'policies/:id',
                element: (
                  <RequirePermission permission="policies:read">
                    <PolicyDetailPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'users',
                element: (
                  <RequirePermission permission="users:read">
                    <UsersPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'users/:id',
                element: (
                  <RequirePermission permission="users:read">
                    <UserDetailPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'branches',
                element: (
                  <RequirePermission permission="branches:read">
                    <BranchesPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'approval-limits',
                element: (
                  <RequirePermission permission="approval-limits:read">
                    <ApprovalLimitsPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'audit',
                element: (
                  <RequirePermission permission="audit:read">
                    <AuditPage />
                  </RequirePermission>
                ),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
