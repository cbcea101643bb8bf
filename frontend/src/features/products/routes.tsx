import type { FeatureRoute } from '@/lib/feature';
import { ProductDetailPage } from './pages/product-detail';
import { ProductDraftPage } from './pages/product-draft';
import { NewProductPage } from './pages/product-new';
import { ProductsPage } from './pages/products';

export const productsRoutes: FeatureRoute[] = [
  { path: 'products', permission: 'products:read', element: <ProductsPage /> },
  { path: 'products/new', permission: 'products:manage', element: <NewProductPage /> },
  { path: 'products/:id', permission: 'products:read', element: <ProductDetailPage /> },
  { path: 'products/:id/draft', permission: 'products:manage', element: <ProductDraftPage /> },
];
