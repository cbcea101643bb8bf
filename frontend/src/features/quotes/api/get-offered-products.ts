import { ProductList } from '@contracts/products';
import type { z } from 'zod';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { quoteKeys } from './quote-keys';

export type OfferedProduct = z.infer<typeof ProductList>['items'][number];

/** The products an agent can quote: the active ones (GET /products answers agents nothing else), by name. */
export function getOfferedProducts(signal?: AbortSignal): Promise<OfferedProduct[]> {
  return api.get('/products', ProductList, { signal }).then((list) => list.items.filter((p) => p.status === 'active'));
}

export const offeredProductsQueryOptions = () =>
  queryOptions({
    queryKey: quoteKeys.offeredProducts(),
    queryFn: ({ signal }) => getOfferedProducts(signal),
    // The catalog changes when a version is published, not during a call.
    staleTime: 5 * 60_000,
  });

export function useOfferedProducts() {
  return useQuery(offeredProductsQueryOptions());
}
