import { Product } from '@contracts/products';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { quoteKeys } from './quote-keys';

/** One product with the version in force today (`currentVersion.definition`: coverages, terms, frequencies…). */
export function getOfferedProduct(productId: string, signal?: AbortSignal): Promise<Product> {
  return api.get(`/products/${productId}`, Product, { signal });
}

export const offeredProductQueryOptions = (productId: string) =>
  queryOptions({
    queryKey: quoteKeys.offeredProduct(productId),
    queryFn: ({ signal }) => getOfferedProduct(productId, signal),
    staleTime: 5 * 60_000,
  });

export function useOfferedProduct(productId: string | null) {
  return useQuery({ ...offeredProductQueryOptions(productId ?? ''), enabled: productId !== null });
}
