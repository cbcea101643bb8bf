import { OrderWeekFigures } from '@contracts/orders';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { orderKeys } from './order-keys';

/** This week's applications in the user's branches: first submitted, decided, policies issued. */
export function getWeekFigures(signal?: AbortSignal): Promise<OrderWeekFigures> {
  return api.get('/orders/week-figures', OrderWeekFigures, { signal });
}

// Under the lists' key: a submission or decision refreshes the figures with the lists.
export const weekFiguresQueryOptions = () => queryOptions({ queryKey: [...orderKeys.lists(), 'week-figures'], queryFn: ({ signal }) => getWeekFigures(signal) });

export function useWeekFigures<T>(select: (figures: OrderWeekFigures) => T) {
  return useQuery({ ...weekFiguresQueryOptions(), select });
}
