import { createBrowserRouter } from 'react-router';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { RequireAuth } from './RequireAuth';
import { RequirePermission } from './RequirePermission';
import { ApprovalLimitsPage } from './routes/approval-limits';
import { AuditPage } from './routes/audit';
import { BranchesPage } from './routes/branches';
import { ChangePasswordPage } from './routes/change-password';
import { CustomerDetailPage } from './routes/customer-detail';
import { NewCustomerPage } from './routes/customer-new';
import { CompareQuotesTab, CustomerQuotesTab, CustomerQuoteTab, NewQuoteTab, QuoteRedirectPage } from './routes/customer-quotes';
import { CustomerDetailsTab, CustomerHistoryTab, CustomerKycTab, CustomerOverviewTab } from './routes/customer-tabs';
import { CustomersPage } from './routes/customers';
import { HomePage } from './routes/home';
import { LoginPage } from './routes/login';
import { ExamsPage } from './routes/exams';
import { NotFoundPage } from './routes/not-found';
import { OrderDetailPage } from './routes/order-detail';
import { OrdersPage } from './routes/orders';
import { PoliciesPage } from './routes/policies';
import { PolicyDetailPage } from './routes/policy-detail';
import { ProductDetailPage } from './routes/product-detail';
import { ProductDraftPage } from './routes/product-draft';
import { NewProductPage } from './routes/product-new';
import { ProductsPage } from './routes/products';
import { RouteErrorPage } from './routes/route-error';
import { UnderwritingPage } from './routes/underwriting';
import { UserDetailPage } from './routes/user-detail';
import { UsersPage } from './routes/users';

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
