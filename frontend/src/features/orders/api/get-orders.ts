import { countedPageOf } from '@contracts/common';
import type { CountedPage } from '@contracts/common';
import { OrderSummary } from '@contracts/orders';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { orderKeys } from './order-keys';
import type { OrderCriteria } from './order-keys';

const OrderPage = countedPageOf(OrderSummary);
const PAGE_SIZE = 25;

/** Applications in the user's branches, newest first or as sorted (keyset pages), with the list's count. */
export function getOrders(criteria: OrderCriteria, page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<CountedPage<OrderSummary>> {
  return api.get(`/orders${queryString({ ...criteria, ...page })}`, OrderPage, { signal });
}

export const ordersQueryOptions = (criteria: OrderCriteria) =>
  infiniteQueryOptions({
    queryKey: orderKeys.list(criteria),
    queryFn: ({ pageParam, signal }) => getOrders(criteria, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export function useOrders(criteria: OrderCriteria) {
  return useInfiniteQuery({ ...ordersQueryOptions(criteria), placeholderData: keepPreviousData });
}
