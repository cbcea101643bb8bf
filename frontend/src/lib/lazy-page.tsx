import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

// Code splitting by route: a page's code (and what only it uses) is fetched the first time the
// page is opened, so the login page and the shell load only what they need. The loader appears
// only when a page's code is still on its way (a fraction of a second on a first visit).

/** A route element whose component is loaded on first use: `lazyPage(() => import('./pages/x'), (m) => m.XPage)`. */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ReactNode {
  const Page = lazy(() => load().then((m) => ({ default: pick(m) })));
  return (
    <Suspense fallback={<PageCodeLoader />}>
      <Page />
    </Suspense>
  );
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
