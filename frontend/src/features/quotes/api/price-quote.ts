import { Quote } from '@contracts/products';
import type { CreateQuoteBody } from '@contracts/products';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { quoteKeys } from './quote-keys';

/** POST /quotes without `save`: eligibility, requirements, premium and worksheet; nothing is kept. */
export function priceQuote(body: CreateQuoteBody, signal?: AbortSignal): Promise<Quote> {
  return api.post('/quotes', { ...body, save: false }, Quote, { signal });
}

export const quotePriceQueryOptions = (body: CreateQuoteBody) =>
  queryOptions({
    queryKey: quoteKeys.price(body),
    queryFn: ({ signal }) => priceQuote(body, signal),
    staleTime: 60_000,
  });

/**
 * The price of the option set being built; null while it is incomplete. While a new price is on its
 * way, the last one of the same product stays on screen (`isPlaceholderData`).
 */
export function useQuotePrice(body: CreateQuoteBody | null) {
  return useQuery({
    ...quotePriceQueryOptions(body ?? ({} as CreateQuoteBody)),
    enabled: body !== null,
    placeholderData: (previous) => (previous && body && previous.productId === body.productId ? previous : undefined),
  });
}
