import { Product } from '@contracts/products';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { productKeys } from './product-keys';

/** The product with the version in force today and, for catalog managers, its draft. */
export function getProduct(id: string, signal?: AbortSignal): Promise<Product> {
  return api.get(`/products/${id}`, Product, { signal });
}

export const productQueryOptions = (id: string) =>
  queryOptions({
    queryKey: productKeys.detail(id),
    queryFn: ({ signal }) => getProduct(id, signal),
  });

export function useProduct(id: string) {
  return useQuery(productQueryOptions(id));
}
