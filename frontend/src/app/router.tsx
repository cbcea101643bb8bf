import { createBrowserRouter } from 'react-router';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { RequireAuth } from './RequireAuth';
import { ChangePasswordPage } from './routes/change-password';
import { HomePage } from './routes/home';
import { LoginPage } from './routes/login';
import { NotFoundPage } from './routes/not-found';
import { RouteErrorPage } from './routes/route-error';

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
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
