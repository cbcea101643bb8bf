import { ClaimPayments } from '@contracts/claims';
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

/** Pays (part of) an approved claim and answers its payments; the final payment settles it. No If-Match: payments queue on the claim. */
export function payClaim({ claim, idempotencyKey, body }: PayClaimInput): Promise<z.infer<typeof ClaimPayments>> {
  return api.post(`/claims/${claim.id}/payments`, body, ClaimPayments, { idempotencyKey });
}

export function usePayClaim(callbacks: ClaimCallbacks<z.infer<typeof ClaimPayments>, PayClaimInput> = {}) {
  return useClaimMutation(payClaim, callbacks);
}
