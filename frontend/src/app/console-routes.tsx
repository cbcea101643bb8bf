// Every route but the login page: the console layout and the pages the feature registry declares.
// Loaded by the router on the first navigation that is not /login (see router.tsx), so the login page
// does not fetch the registry (its contracts, labels, tiles and routes) it has no use for.
import { Outlet } from 'react-router';
import type { RouteObject } from 'react-router';
import type { FeatureRoute } from '@/lib/feature';
import { lazyPage, preloadMatchedPages } from '@/lib/lazy-page';
import { FeatureProviders, features } from './features';
import { NotFoundPage } from './pages/not-found';
import { RouteErrorPage } from './pages/route-error';
import { RequireAuth } from './RequireAuth';
import { RequirePermission } from './RequirePermission';

/** Children other features add below a route with an id (e.g. the customer page's quote tabs). */
const childRoutes = new Map<string, FeatureRoute[]>();
for (const feature of features) {
  for (const [parentId, routes] of Object.entries(feature.childRoutes ?? {})) childRoutes.set(parentId, [...(childRoutes.get(parentId) ?? []), ...routes]);
}

/** A feature's page as a router route: wrapped in RequirePermission when it needs one. */
function toRouteObject(route: FeatureRoute): RouteObject {
  const element = route.permission ? <RequirePermission permission={route.permission}>{route.element}</RequirePermission> : route.element;
  if (route.index) return { index: true, element };
  const children = [...(route.children ?? []), ...(route.id ? (childRoutes.get(route.id) ?? []) : [])];
  return { path: route.path, element, ...(children.length > 0 && { children: children.map(toRouteObject) }) };
}

export const consoleRoutes: RouteObject[] = [
  {
    // The features' contributions (audit labels, customer sections, quote actions) for every page below.
    element: (
      <FeatureProviders>
        <Outlet />
      </FeatureProviders>
    ),
    children: [
      {
        path: '/change-password',
        element: (
          <RequireAuth>
            {lazyPage(
              () => import('./pages/change-password'),
              (m) => m.ChangePasswordPage,
            )}
          </RequireAuth>
        ),
      },
      {
        path: '/two-factor',
        element: (
          <RequireAuth>
            {lazyPage(
              () => import('./pages/two-factor'),
              (m) => m.TwoFactorPage,
            )}
          </RequireAuth>
        ),
      },
      {
        element: (
          <RequireAuth>
            {lazyPage(
              () => import('./layout/ConsoleLayout'),
              (m) => m.ConsoleLayout,
            )}
          </RequireAuth>
        ),
        children: [
          {
            // A failing page keeps the header and navigation around it.
            errorElement: <RouteErrorPage fullPage={false} />,
            children: [
              {
                index: true,
                element: lazyPage(
                  () => import('./pages/home'),
                  (m) => m.HomePage,
                ),
              },
              ...features.flatMap((feature) => (feature.routes ?? []).map(toRouteObject)),
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];

/**
 * Asks for the code of the layout and the page at `path` now, beside the session restore: otherwise
 * they are fetched one after the other once the session is back (the layout, then the page inside it).
 */
export function preloadConsolePages(path: string): void {
  void preloadMatchedPages(consoleRoutes, path);
}
