import { ProductVersion } from '@contracts/products';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { auditKeys } from '@/lib/audit-keys';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { productKeys } from './product-keys';

export interface PublishVersionInput {
  draft: Pick<ProductVersion, 'id' | 'productId' | 'version'>;
  /** YYYY-MM-DD, today or later. */
  effectiveFrom: string;
}

/**
 * Validates the saved draft and freezes it. 400 VERSION_INVALID lists every problem with its path
 * (`definition.factorTables.0.rows.1.from`, `effectiveFrom`).
 */
export function publishVersion({ draft, effectiveFrom }: PublishVersionInput): Promise<ProductVersion> {
  return api.post(`/product-versions/${draft.id}/publish`, { effectiveFrom }, ProductVersion, {
    ifMatch: etag(draft.version),
  });
}

type Callbacks = Pick<UseMutationOptions<ProductVersion, Error, PublishVersionInput>, 'onSuccess' | 'onError'>;

export function usePublishVersion(callbacks: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishVersion,
    ...callbacks,
    // The product may have become active, and the catalog lists it with its status.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: productKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
