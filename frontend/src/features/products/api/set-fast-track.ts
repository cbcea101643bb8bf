import { Product } from '@contracts/products';
import type { SetFastTrackBody } from '@contracts/products';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { auditKeys } from '@/lib/audit-keys';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { productKeys } from './product-keys';

export interface SetFastTrackInput extends SetFastTrackBody {
  product: Pick<Product, 'id' | 'version'>;
}

/** Switches the product's fast-track claims off (suspended) or back on, with the reason. If-Match carries the product's version. */
export function setFastTrack({ product, ...body }: SetFastTrackInput): Promise<Product> {
  return api.put(`/products/${product.id}/fast-track`, body, Product, { ifMatch: etag(product.version) });
}

type Callbacks = Pick<UseMutationOptions<Product, Error, SetFastTrackInput>, 'onSuccess' | 'onError'>;

export function useSetFastTrack(callbacks: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setFastTrack,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: productKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
