import { PAGE_LIMIT_MAX } from '@contracts/common';
import { useQuery } from '@tanstack/react-query';
import type { HomeTile } from '@/lib/feature';
import { countOfPage } from '@/lib/list-count';
import { queryString } from '@/lib/query-string';
import { getOrders } from './api/get-orders';
import { orderKeys } from './api/order-keys';
import type { OrderCriteria } from './api/order-keys';
import { ORDERS_PATH } from './order-paths';

/** How many applications in the user's branches match: one capped page (under the lists' key, so a change refreshes it). */
export function useOrderCount(criteria: OrderCriteria) {
  return useQuery({
    queryKey: [...orderKeys.lists(), 'count', criteria],
    queryFn: async ({ signal }) => countOfPage(await getOrders(criteria, { limit: PAGE_LIMIT_MAX }, signal)),
  });
}

const WAITING_FOR_INFO: OrderCriteria = { status: 'info_requested' };
const DRAFTS: OrderCriteria = { status: 'draft' };
const useWaitingForInfoCount = () => useOrderCount(WAITING_FOR_INFO);
const useDraftCount = () => useOrderCount(DRAFTS);

/** An agent's applications to act on. */
export const ordersHomeTiles: HomeTile[] = [
  {
    id: 'orders-info-requested',
    label: 'Applications waiting for information',
    to: `${ORDERS_PATH}${queryString(WAITING_FOR_INFO)}`,
    permission: 'orders:create',
    useCount: useWaitingForInfoCount,
    urgent: true,
  },
  { id: 'orders-drafts', label: 'Applications not yet submitted', to: `${ORDERS_PATH}${queryString(DRAFTS)}`, permission: 'orders:create', useCount: useDraftCount },
];
