import { pageOf } from '@contracts/common';
import type { Page } from '@contracts/common';
import { Quote } from '@contracts/products';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { quoteKeys } from './quote-keys';

const QuotePage = pageOf(Quote);
const PAGE_SIZE = 20;

/** A customer's saved quotes, newest first (keyset pages). */
export function getCustomerQuotes(customerId: string, page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<Page<Quote>> {
  return api.get(`/customers/${customerId}/quotes${queryString(page)}`, QuotePage, { signal });
}

export const customerQuotesQueryOptions = (customerId: string) =>
  infiniteQueryOptions({
    queryKey: quoteKeys.customer(customerId),
    queryFn: ({ pageParam, signal }) => getCustomerQuotes(customerId, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export function useCustomerQuotes(customerId: string) {
  return useInfiniteQuery(customerQuotesQueryOptions(customerId));
}
