import { Product } from '@contracts/products';
import type { CreateProductBody } from '@contracts/products';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { auditKeys } from '@/lib/audit-keys';
import { api } from '@/lib/api-client';
import { productKeys } from './product-keys';

/** The product starts as a draft with version 1 as its draft version; 409 PRODUCT_EXISTS names `code`. */
export function createProduct(body: CreateProductBody): Promise<Product> {
  return api.post('/products', body, Product);
}

type Callbacks = Pick<UseMutationOptions<Product, Error, CreateProductBody>, 'onSuccess' | 'onError'>;

export function useCreateProduct(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProduct,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: productKeys.lists() }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
