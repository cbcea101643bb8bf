import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const productsRoutes: FeatureRoute[] = [
  {
    path: 'products',
    permission: 'products:read',
    element: lazyPage(
      () => import('./pages/products'),
      (m) => m.ProductsPage,
    ),
  },
  {
    path: 'products/new',
    permission: 'products:manage',
    element: lazyPage(
      () => import('./pages/product-new'),
      (m) => m.NewProductPage,
    ),
  },
  {
    path: 'products/:id',
    permission: 'products:read',
    element: lazyPage(
      () => import('./pages/product-detail'),
      (m) => m.ProductDetailPage,
    ),
  },
  {
    path: 'products/:id/draft',
    permission: 'products:manage',
    element: lazyPage(
      () => import('./pages/product-draft'),
      (m) => m.ProductDraftPage,
    ),
  },
];
