import { Quote } from '@contracts/products';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { quoteKeys } from './quote-keys';

/** A saved quote: the frozen snapshot, and whether it has expired. */
export function getQuote(quoteId: string, signal?: AbortSignal): Promise<Quote> {
  return api.get(`/quotes/${quoteId}`, Quote, { signal });
}

export const quoteQueryOptions = (quoteId: string) =>
  queryOptions({
    queryKey: quoteKeys.detail(quoteId),
    queryFn: ({ signal }) => getQuote(quoteId, signal),
  });

export function useQuote(quoteId: string) {
  return useQuery(quoteQueryOptions(quoteId));
}
