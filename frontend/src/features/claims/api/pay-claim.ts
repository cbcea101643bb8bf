import { ClaimPayments } from '@contracts/claims';
import type { PayBeneficiariesBody, PayClaimBody } from '@contracts/claims';
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

export interface PayBeneficiariesInput {
  claim: { id: string };
  idempotencyKey: string;
  body: z.input<typeof PayBeneficiariesBody>;
}

/** Pays a death claim to the policy's beneficiaries by their shares (one payment each); answers the claim's payments. */
export function payBeneficiaries({ claim, idempotencyKey, body }: PayBeneficiariesInput): Promise<z.infer<typeof ClaimPayments>> {
  return api.post(`/claims/${claim.id}/beneficiary-payments`, body, ClaimPayments, { idempotencyKey });
}

export function usePayBeneficiaries(callbacks: ClaimCallbacks<z.infer<typeof ClaimPayments>, PayBeneficiariesInput> = {}) {
  return useClaimMutation(payBeneficiaries, callbacks);
}
