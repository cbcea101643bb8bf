import { createBrowserRouter } from 'react-router';
import { LoginPage } from './pages/login';
import { RouteErrorPage } from './pages/route-error';

// The login page (and the public survey page) are the only routes in the first load. Everything else (the console layout and the
// feature registry's pages, app/console-routes.tsx) is added by patchRoutesOnNavigation the first
// time a path is not matched — on start-up for any address but /login, or right after logging in.
// Once added, the console's own catch-all route answers unknown paths, so it is fetched only once.
let consoleRoutesLoaded: Promise<void> | undefined;

export const router = createBrowserRouter(
  [
    {
      id: 'root',
      errorElement: <RouteErrorPage />,
      children: [
        { path: '/login', element: <LoginPage /> },
        // The public survey behind a link sent to a customer (no login; the console's routes are not loaded).
        { path: '/survey/:token', lazy: () => import('@/features/service').then((m) => m.loadSurveyPage()) },
        // The customer portal: a realm of its own (its session, API client and layout); the console's routes are not loaded.
        { path: '/portal/*', lazy: () => import('@/features/portal').then((m) => m.loadPortalApp()) },
      ],
    },
  ],
  {
    patchRoutesOnNavigation({ path, patch }) {
      consoleRoutesLoaded ??= import('./console-routes').then(
        ({ consoleRoutes, preloadConsolePages }) => {
          patch('root', consoleRoutes);
          preloadConsolePages(path);
        },
        (error: unknown) => {
          // A failed fetch (a deploy replaced the chunk, the network dropped) is tried again next time.
          consoleRoutesLoaded = undefined;
          throw error;
        },
      );
      return consoleRoutesLoaded;
    },
  },
);
