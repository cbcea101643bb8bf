import { DuplicateCandidate } from '@contracts/customers';
import type { DuplicateList } from '@contracts/customers';
import { z } from 'zod';
import { ApiError } from '@/lib/api-error';

const Candidates = z.array(DuplicateCandidate);

/** What a 409 CUSTOMER_DUPLICATE says: the likely duplicates in the user's branches, and whether one exists in another; null for any other failure. */
export function duplicateCandidates(error: unknown): DuplicateList | null {
  if (!(error instanceof ApiError) || error.code !== 'CUSTOMER_DUPLICATE') return null;
  const parsed = Candidates.safeParse(error.extensions.candidates);
  return { items: parsed.success ? parsed.data : [], inOtherBranch: error.extensions.inOtherBranch === true };
}
