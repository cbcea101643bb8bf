import type { Order } from '@contracts/orders';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient, UseMutationOptions } from '@tanstack/react-query';
import { customerKeys } from '@/features/customers';
import { ApiError } from '@/lib/api-error';
import { orderKeys } from './order-keys';

export type OrderCallbacks<I> = Pick<UseMutationOptions<Order, Error, I>, 'onSuccess' | 'onError'>;

/** After any change to an application: its page shows the answer, lists and the customer's overview refetch. */
export function applyOrderChange(queryClient: QueryClient, order: Order): void {
  queryClient.setQueryData(orderKeys.detail(order.id), order);
  void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: orderKeys.queues() });
  void queryClient.invalidateQueries({ queryKey: ['exams'] });
  void queryClient.invalidateQueries({ queryKey: customerKeys.overview(order.customer.id) });
  if (order.policyId) void queryClient.invalidateQueries({ queryKey: ['policies'] });
}

/**
 * A write that answers the whole order. When the server says the screen is out of date (412 stale
 * version, 409 state changed), the order is read again so the page shows where it really stands.
 */
export function useOrderMutation<I extends { order: Pick<Order, 'id'> }>(mutationFn: (input: I) => Promise<Order>, callbacks: OrderCallbacks<I> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    ...callbacks,
    onSuccess: (order, input, ...rest) => {
      applyOrderChange(queryClient, order);
      return callbacks.onSuccess?.(order, input, ...rest);
    },
    onError: (error, input, ...rest) => {
      if (
        error instanceof ApiError &&
        (error.status === 412 ||
          error.code === 'ILLEGAL_TRANSITION' ||
          error.code === 'ORDER_NOT_EDITABLE' ||
          error.code === 'ORDER_CLOSED' ||
          error.code === 'ORDER_NOT_IN_REVIEW')
      ) {
        void queryClient.invalidateQueries({ queryKey: orderKeys.detail(input.order.id) });
      }
      return callbacks.onError?.(error, input, ...rest);
    },
  });
}
