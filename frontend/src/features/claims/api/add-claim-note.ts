import { ClaimNote } from '@contracts/claims';
import { api } from '@/lib/api-client';
import { useClaimMutation } from './use-claim-mutation';
import type { ClaimCallbacks } from './use-claim-mutation';

export interface AddClaimNoteInput {
  claim: { id: string };
  body: string;
}

/** An internal investigation note (append-only; never shown to the customer). */
export function addClaimNote({ claim, body }: AddClaimNoteInput): Promise<ClaimNote> {
  return api.post(`/claims/${claim.id}/notes`, { body }, ClaimNote);
}

export function useAddClaimNote(callbacks: ClaimCallbacks<ClaimNote, AddClaimNoteInput> = {}) {
  return useClaimMutation(addClaimNote, callbacks);
}
