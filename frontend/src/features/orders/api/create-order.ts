import { Order } from '@contracts/orders';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { applyOrderChange } from './use-order-mutation';

/**
 * POST /orders { quoteId }: a draft application for the quote's customer. 409 QUOTE_EXPIRED,
 * QUOTE_WITHOUT_CUSTOMER, or ORDER_EXISTS (with the `orderId` of the live application).
 */
export function createOrder(quoteId: string): Promise<Order> {
  return api.post('/orders', { quoteId }, Order);
}

export function useCreateOrder(callbacks: Pick<UseMutationOptions<Order, Error, string>, 'onSuccess' | 'onError'> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrder,
    ...callbacks,
    onSuccess: (order, quoteId, ...rest) => {
      applyOrderChange(queryClient, order);
      return callbacks.onSuccess?.(order, quoteId, ...rest);
    },
  });
}
