import { DuplicateCandidate } from '@contracts/customers';
import { z } from 'zod';
import { ApiError } from '@/lib/api-error';

const Candidates = z.array(DuplicateCandidate);

/** The likely duplicates a 409 CUSTOMER_DUPLICATE names, or null for any other failure. */
export function duplicateCandidates(error: unknown): DuplicateCandidate[] | null {
  if (!(error instanceof ApiError) || error.code !== 'CUSTOMER_DUPLICATE') return null;
  const parsed = Candidates.safeParse(error.extensions.candidates);
  return parsed.success ? parsed.data : [];
}
