import { Order } from '@contracts/orders';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { orderKeys } from './order-keys';

/** An application with its checklist, exams and status history. */
export function getOrder(id: string, signal?: AbortSignal): Promise<Order> {
  return api.get(`/orders/${id}`, Order, { signal });
}

export const orderQueryOptions = (id: string) =>
  queryOptions({
    queryKey: orderKeys.detail(id),
    queryFn: ({ signal }) => getOrder(id, signal),
  });

export function useOrder(id: string) {
  return useQuery(orderQueryOptions(id));
}
