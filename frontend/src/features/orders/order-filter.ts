import { ORDER_SORTS, OrderListQuery } from '@contracts/orders';
import { readSort } from '@/lib/list-sort';
import type { OrderCriteria } from './api/order-keys';

/** The list's order when none is asked for (the API's default). */
export const ORDER_DEFAULT_SORT = '-createdAt';

/** The applications list's filters and sort from its address; a value the API would refuse is dropped. */
export function readOrderFilter(params: URLSearchParams): OrderCriteria {
  const shape = OrderListQuery.shape;
  const value = (key: string) => params.get(key) || undefined;
  const criteria: OrderCriteria = {
    status: shape.status.safeParse(value('status')).data,
    productId: shape.productId.safeParse(value('productId')).data,
    agentId: shape.agentId.safeParse(value('agentId')).data,
    branchId: shape.branchId.safeParse(value('branchId')).data,
    customerId: shape.customerId.safeParse(value('customerId')).data,
    createdFrom: shape.createdFrom.safeParse(value('createdFrom')).data,
    createdTo: shape.createdTo.safeParse(value('createdTo')).data,
    sort: readSort(value('sort') ?? null, ORDER_SORTS, ORDER_DEFAULT_SORT),
  };
  if (criteria.sort === ORDER_DEFAULT_SORT) delete criteria.sort;
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined));
}
