import { PriceBreakdown } from '@contracts/orders';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { orderKeys } from '@/features/orders';
import { api } from '@/lib/api-client';

/** The premium and worksheet with an extra premium, before approving with it (changes nothing). */
export function getRatingPreview(orderId: string, extraPremiumPercent: number, signal?: AbortSignal): Promise<PriceBreakdown> {
  return api.post(`/orders/${orderId}/rating-preview`, { extraPremiumPercent }, PriceBreakdown, { signal });
}

export const ratingPreviewQueryOptions = (orderId: string, extraPremiumPercent: number) =>
  queryOptions({
    queryKey: orderKeys.ratingPreview(orderId, extraPremiumPercent),
    queryFn: ({ signal }) => getRatingPreview(orderId, extraPremiumPercent, signal),
    // The quote is frozen: the same percentage always prices the same.
    staleTime: Infinity,
  });

/** Null while no valid percentage is typed; the last preview stays while the next one comes. */
export function useRatingPreview(orderId: string, extraPremiumPercent: number | null) {
  return useQuery({
    ...ratingPreviewQueryOptions(orderId, extraPremiumPercent ?? 0),
    enabled: extraPremiumPercent !== null,
    placeholderData: keepPreviousData,
  });
}
