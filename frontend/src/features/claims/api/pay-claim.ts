import { ClaimPayment } from '@contracts/claims';
import type { PayClaimBody } from '@contracts/claims';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { useClaimMutation } from './use-claim-mutation';
import type { ClaimCallbacks } from './use-claim-mutation';

export interface PayClaimInput {
  claim: { id: string };
  /** One per payment meant (the form's lifetime): a double click or a retry pays once. */
  idempotencyKey: string;
  body: z.input<typeof PayClaimBody>;
}

/** Pays (part of) an approved claim; the final payment settles it. No If-Match: payments queue on the claim. */
export function payClaim({ claim, idempotencyKey, body }: PayClaimInput): Promise<ClaimPayment> {
  return api.post(`/claims/${claim.id}/payments`, body, ClaimPayment, { idempotencyKey });
}

export function usePayClaim(callbacks: ClaimCallbacks<ClaimPayment, PayClaimInput> = {}) {
  return useClaimMutation(payClaim, callbacks);
}
