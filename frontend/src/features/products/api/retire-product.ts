import { Product } from '@contracts/products';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { auditKeys } from '@/lib/audit-keys';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { productKeys } from './product-keys';

/** Stops selling the product; it cannot be undone. If-Match carries the product's own version. */
export function retireProduct(product: Pick<Product, 'id' | 'version'>): Promise<Product> {
  return api.post(`/products/${product.id}/retire`, undefined, Product, { ifMatch: etag(product.version) });
}

type Callbacks = Pick<UseMutationOptions<Product, Error, Pick<Product, 'id' | 'version'>>, 'onSuccess'>;

export function useRetireProduct(callbacks: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retireProduct,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: productKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
