import { Center, Loader } from '@mantine/core';
import { isValidElement, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { matchRoutes, type RouteObject } from 'react-router';

// Code splitting by route: a page's code (and what only it uses) is fetched the first time the
// page is opened, so the login page and the shell load only what they need. The loader appears
// only when a page's code is still on its way (a fraction of a second on a first visit).

/** A route element whose component is loaded on first use: `lazyPage(() => import('./pages/x'), (m) => m.XPage)`. */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ReactNode {
  // One fetch, shared by a preload (while the session is restored) and the first render.
  let loading: Promise<M> | undefined;
  let loaded: { module: M } | undefined;
  const once = () =>
    (loading ??= load().then(
      (module) => ((loaded = { module }), module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  // Code already here (preloaded) renders at once: React takes a thenable that answers synchronously
  // without suspending, so no loader is committed and then held for React's fallback throttle (300 ms).
  const Page = lazy(() => (loaded ? resolvedNow({ default: pick(loaded.module) }) : once().then((m) => ({ default: pick(m) }))));
  const element = (
    <Suspense fallback={<PageCodeLoader />}>
      <Page />
    </Suspense>
  );
  preloads.set(element, once);
  return element;
}

/** A thenable that calls back at once (a Promise would call back on a later microtask). */
function resolvedNow<T>(value: T): Promise<T> {
  const thenable = { status: 'fulfilled', value, then: (resolve: (value: T) => unknown) => void resolve(value) };
  return thenable as unknown as Promise<T>;
}

/** Each lazyPage element's code fetch, so a route's code can be asked for before it renders. */
const preloads = new WeakMap<object, () => Promise<unknown>>();

/**
 * Fetches the code of the lazy pages in `node` (looking through wrappers such as a permission check)
 * without rendering them. Resolves once fetched; a failed fetch is left for the render to report.
 */
export async function preloadElement(node: ReactNode): Promise<void> {
  if (!isValidElement(node)) return;
  const preload = preloads.get(node);
  if (preload) {
    await preload().catch(() => undefined);
    return;
  }
  const { children } = node.props as { children?: ReactNode };
  await Promise.all((Array.isArray(children) ? children : [children]).map((child: ReactNode) => preloadElement(child)));
}

/**
 * Fetches the code of every route `pathname` matches (the console layout and the page) at once: on a
 * full page load they are asked for while the session is restored, not one after another after it.
 */
export async function preloadMatchedPages(routes: RouteObject[], pathname: string): Promise<void> {
  await Promise.all((matchRoutes(routes, pathname) ?? []).map((match) => preloadElement(match.route.element)));
}

/**
 * A component other features render (e.g. a quote action) whose code is loaded on first use, so a
 * feature's registry entry does not pull it into the first load. Renders nothing while loading.
 */
export function lazyComponent<P extends object, M>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>): ComponentType<P> {
  const Component = lazy(() => load().then((m) => ({ default: pick(m) })));
  return function LazyComponent(props: P) {
    return (
      <Suspense fallback={null}>
        <Component {...props} />
      </Suspense>
    );
  };
}

function PageCodeLoader() {
  return (
    <Center py="xl" role="status" aria-live="polite" aria-label="Loading the page">
      <Loader size="sm" />
    </Center>
  );
}
