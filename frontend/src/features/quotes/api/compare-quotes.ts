import { QuoteComparison } from '@contracts/products';
import type { CompareQuotesBody } from '@contracts/products';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { quoteKeys } from './quote-keys';

/** The same person against 2–4 option sets: eligibility, premium at every frequency, what differs. */
export function compareQuotes(body: CompareQuotesBody, signal?: AbortSignal): Promise<QuoteComparison> {
  return api.post('/quotes/compare', body, QuoteComparison, { signal });
}

export const quoteComparisonQueryOptions = (body: CompareQuotesBody) =>
  queryOptions({
    queryKey: quoteKeys.comparison(body),
    queryFn: ({ signal }) => compareQuotes(body, signal),
    staleTime: 60_000,
  });

/** Null while there are fewer than two options to compare. */
export function useQuoteComparison(body: CompareQuotesBody | null) {
  return useQuery({ ...quoteComparisonQueryOptions(body ?? ({} as CompareQuotesBody)), enabled: body !== null });
}
