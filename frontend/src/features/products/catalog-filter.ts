import { PRODUCT_CATEGORIES } from '@contracts/products';
import { queryString } from '@/lib/query-string';
import type { ProductCategory, ProductStatus } from './product-labels';

const STATUSES: readonly ProductStatus[] = ['draft', 'active', 'retired'];

/** The catalog page's filters; category and status go to the API, the text is matched on the page. */
export interface CatalogFilter {
  category?: ProductCategory;
  /** Catalog managers only: agents always see the products on sale. */
  status?: ProductStatus;
  q?: string;
}

const isCategory = (value: string | null): value is ProductCategory => (PRODUCT_CATEGORIES as readonly (string | null)[]).includes(value);
const isStatus = (value: string | null): value is ProductStatus => (STATUSES as readonly (string | null)[]).includes(value);

/** Kept in the URL, so "back" from a product returns to the same list. */
export function readCatalogFilter(params: URLSearchParams): CatalogFilter {
  const filter: CatalogFilter = {};
  const category = params.get('category');
  const status = params.get('status');
  const q = params.get('q');
  if (isCategory(category)) filter.category = category;
  if (isStatus(status)) filter.status = status;
  if (q) filter.q = q;
  return filter;
}

export function catalogFilterParams(filter: CatalogFilter): string {
  return queryString({ ...filter });
}

interface Searchable {
  name: string;
  code: string;
  description: string;
}

/** Every word typed appears in the name, code or description (any case). */
export function matchesSearch(product: Searchable, q: string | undefined): boolean {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${product.name} ${product.code} ${product.description}`.toLowerCase();
  return words.every((word) => text.includes(word));
}

/** The products of each category, in the contract's category order; empty categories left out. */
export function groupByCategory<P extends { category: ProductCategory }>(products: readonly P[]) {
  return PRODUCT_CATEGORIES.map((category) => ({
    category,
    products: products.filter((product) => product.category === category),
  })).filter((group) => group.products.length > 0);
}
