import { MantineProvider } from '@mantine/core';
import { createElement, Fragment } from 'react';
import { renderToString } from 'react-dom/server';
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { lazyPage, preloadElement, preloadMatchedPages } from '../lazy-page';

const Page = () => null;
const loader = () => vi.fn(() => Promise.resolve({ Page }));
const Wrapper = ({ children }: { children: ReactNode }) => createElement(Fragment, null, children);

describe('preloadElement', () => {
  it('fetches a lazy page’s code before it renders, once, also through a wrapper (a permission check)', async () => {
    const load = loader();
    const element = lazyPage(load, (m) => m.Page);
    expect(load).not.toHaveBeenCalled();
    await preloadElement(createElement(Wrapper, null, element));
    await preloadElement(element);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('leaves an element without lazy code alone', async () => {
    await expect(preloadElement(createElement(Wrapper, null, createElement(Page)))).resolves.toBeUndefined();
    await expect(preloadElement(null)).resolves.toBeUndefined();
  });
});

describe('preloadMatchedPages', () => {
  it('fetches the code of the routes an address matches (the layout and the page), not the others', async () => {
    const layout = loader();
    const customer = loader();
    const products = loader();
    const routes: RouteObject[] = [
      {
        element: createElement(
          Wrapper,
          null,
          lazyPage(layout, (m) => m.Page),
        ),
        children: [
          { path: 'customers/:id', element: lazyPage(customer, (m) => m.Page) },
          { path: 'products', element: lazyPage(products, (m) => m.Page) },
        ],
      },
    ];
    await preloadMatchedPages(routes, '/customers/42');
    expect(layout).toHaveBeenCalledTimes(1);
    expect(customer).toHaveBeenCalledTimes(1);
    expect(products).not.toHaveBeenCalled();
  });
});

describe('a preloaded lazy page', () => {
  it('renders at once instead of showing the loader first', async () => {
    const Ready = () => createElement('p', null, 'page drawn');
    const element = lazyPage(
      () => Promise.resolve({ Ready }),
      (m) => m.Ready,
    );
    await preloadElement(element);
    const html = renderToString(createElement(MantineProvider, null, element));
    expect(html).toContain('page drawn');
    expect(html).not.toContain('Loading the page');
  });
});
