import { ProductVersion } from '@contracts/products';
import type { ProductDefinition } from '@contracts/products';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { auditKeys } from '@/lib/audit-keys';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { productKeys } from './product-keys';

export interface UpdateDraftInput {
  /** The draft as last read or saved by this screen: its version goes into If-Match. */
  draft: Pick<ProductVersion, 'id' | 'productId' | 'version'>;
  definition: ProductDefinition;
}

/** 412 when someone else saved the draft since; 409 VERSION_PUBLISHED once it is published. */
export function updateDraft({ draft, definition }: UpdateDraftInput): Promise<ProductVersion> {
  return api.patch(`/product-versions/${draft.id}`, { definition }, ProductVersion, { ifMatch: etag(draft.version) });
}

type Callbacks = Pick<UseMutationOptions<ProductVersion, Error, UpdateDraftInput>, 'onSuccess' | 'onError'>;

/** The editor shows failures itself (conflicts, field errors), so it passes its own onError. */
export function useUpdateDraft(callbacks: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDraft,
    ...callbacks,
    onSettled: (_saved, _error, { draft }) =>
      Promise.all([queryClient.invalidateQueries({ queryKey: productKeys.detail(draft.productId) }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
