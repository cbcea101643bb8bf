import { ProductVersion } from '@contracts/products';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { auditKeys } from '@/lib/audit-keys';
import { api } from '@/lib/api-client';
import { productKeys } from './product-keys';

/** A new draft copied from the version in force; 409 DRAFT_EXISTS when someone started one already. */
export function createDraftVersion(productId: string): Promise<ProductVersion> {
  return api.post(`/products/${productId}/versions`, undefined, ProductVersion);
}

type Callbacks = Pick<UseMutationOptions<ProductVersion, Error, string>, 'onSuccess' | 'onError'>;

export function useCreateDraftVersion(callbacks: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDraftVersion,
    ...callbacks,
    onSettled: (_draft, _error, productId) =>
      Promise.all([queryClient.invalidateQueries({ queryKey: productKeys.detail(productId) }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
