import { createBrowserRouter } from 'react-router';
import { LoginPage } from './pages/login';
import { RouteErrorPage } from './pages/route-error';

// The login page is the only route in the first load. Everything else (the console layout and the
// feature registry's pages, app/console-routes.tsx) is added by patchRoutesOnNavigation the first
// time a path is not matched — on start-up for any address but /login, or right after logging in.
// Once added, the console's own catch-all route answers unknown paths, so it is fetched only once.
let consoleRoutesLoaded: Promise<void> | undefined;

export const router = createBrowserRouter(
  [
    {
      id: 'root',
      errorElement: <RouteErrorPage />,
      children: [{ path: '/login', element: <LoginPage /> }],
    },
  ],
  {
    patchRoutesOnNavigation({ patch }) {
      consoleRoutesLoaded ??= import('./console-routes').then(
        ({ consoleRoutes }) => patch('root', consoleRoutes),
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
