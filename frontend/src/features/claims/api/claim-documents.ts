import { Claim } from '@contracts/claims';
import { DocumentMeta } from '@contracts/documents';
import { api } from '@/lib/api-client';
import { useClaimMutation } from './use-claim-mutation';

export interface UploadClaimDocumentInput {
  claim: { id: string };
  /** The checklist item it is, e.g. POLICE_REPORT. */
  code: string;
  file: File;
}

/** multipart POST /claims/{id}/documents (`file`, `code`): 415 not a PDF, PNG, JPEG or TIFF by its bytes, 413 over 10 MB, 409 CLAIM_CLOSED. */
export function uploadClaimDocument({ claim, code, file }: UploadClaimDocumentInput): Promise<DocumentMeta> {
  const form = new FormData();
  form.append('code', code);
  form.append('file', file, file.name);
  return api.upload(`/claims/${claim.id}/documents`, form, DocumentMeta);
}

export interface ReviewClaimDocumentInput {
  claim: { id: string };
  documentId: string;
  /** Present: rejected, saying why; absent: verified. */
  reason?: string;
}

/** An adjuster verifies or rejects an uploaded document (409 DOCUMENT_ALREADY_REVIEWED, CLAIM_CLOSED). */
export function reviewClaimDocument({ claim, documentId, reason }: ReviewClaimDocumentInput): Promise<Claim> {
  return reason === undefined
    ? api.post(`/claims/${claim.id}/documents/${documentId}/verify`, undefined, Claim)
    : api.post(`/claims/${claim.id}/documents/${documentId}/reject`, { reason }, Claim);
}

/** The checklist is part of the claim: each write reads the claim again. */
export function useClaimDocumentActions() {
  return { upload: useClaimMutation(uploadClaimDocument), review: useClaimMutation(reviewClaimDocument) };
}
