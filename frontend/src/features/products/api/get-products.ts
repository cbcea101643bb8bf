import { ProductList } from '@contracts/products';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import type { CatalogFilter } from '../catalog-filter';
import { productKeys } from './product-keys';

export type ProductSummary = z.infer<typeof ProductList>['items'][number];

/** The whole catalog in one answer (it is small), ordered by name. The text search is the page's own. */
export function getProducts(filter: CatalogFilter, signal?: AbortSignal): Promise<ProductSummary[]> {
  const query = queryString({ category: filter.category, status: filter.status });
  return api.get(`/products${query}`, ProductList, { signal }).then((list) => list.items);
}

export const productsQueryOptions = (filter: CatalogFilter) => {
  const apiFilter: CatalogFilter = { category: filter.category, status: filter.status };
  return queryOptions({
    queryKey: productKeys.list(apiFilter),
    queryFn: ({ signal }) => getProducts(apiFilter, signal),
    placeholderData: keepPreviousData,
  });
};

/** Agents see products on sale; catalog managers also drafts and retired products. */
export function useProducts(filter: CatalogFilter) {
  return useQuery(productsQueryOptions(filter));
}
