import { DocumentMeta } from '@contracts/documents';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { orderKeys } from './order-keys';

export interface UploadDocumentInput {
  orderId: string;
  /** The checklist item it is, e.g. PROOF_OF_IDENTITY. */
  code: string;
  file: File;
}

/**
 * multipart POST /orders/{id}/documents (`file`, `code`). 415 UNSUPPORTED_FILE_TYPE (not a PDF, PNG,
 * JPEG or TIFF by its bytes), 413 PAYLOAD_TOO_LARGE (over 10 MB), 409 ORDER_CLOSED.
 */
export function uploadDocument({ orderId, code, file }: UploadDocumentInput): Promise<DocumentMeta> {
  const form = new FormData();
  form.append('code', code);
  form.append('file', file, file.name);
  return api.upload(`/orders/${orderId}/documents`, form, DocumentMeta);
}

export function useUploadDocument(callbacks: Pick<UseMutationOptions<DocumentMeta, Error, UploadDocumentInput>, 'onSuccess' | 'onError'> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadDocument,
    ...callbacks,
    // The checklist is part of the order.
    onSettled: (_doc, _error, { orderId }) => queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) }),
  });
}
