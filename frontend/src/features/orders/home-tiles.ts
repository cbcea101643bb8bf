import { PAGE_LIMIT_MAX } from '@contracts/common';
import { useQuery } from '@tanstack/react-query';
import type { HomeTile } from '@/lib/feature';
import { countOfPage } from '@/lib/list-count';
import { queryString } from '@/lib/query-string';
import { getOrders } from './api/get-orders';
import { useWeekFigures } from './api/get-week-figures';
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

const exact = (count: number) => ({ count, more: false });
const useSubmittedThisWeek = () => useWeekFigures((f) => exact(f.submitted));
const useDecidedThisWeek = () => useWeekFigures((f) => exact(f.decided));
const usePoliciesIssuedThisWeek = () => useWeekFigures((f) => exact(f.policiesIssued));
const MANAGERS = ['manager', 'admin'] as const;

/** An agent's applications to act on; a manager's week in the branch. */
export const ordersHomeTiles: HomeTile[] = [
  {
    id: 'orders-info-requested',
    label: 'Applications waiting for information',
    to: `${ORDERS_PATH}${queryString(WAITING_FOR_INFO)}`,
    permission: 'orders:create',
    useCount: useWaitingForInfoCount,
    urgent: true,
  },
  { id: 'week-submitted', label: 'Submitted this week', to: ORDERS_PATH, permission: 'orders:read', roles: MANAGERS, useCount: useSubmittedThisWeek },
  { id: 'week-decided', label: 'Decided this week', to: ORDERS_PATH, permission: 'orders:read', roles: MANAGERS, useCount: useDecidedThisWeek },
  { id: 'week-policies', label: 'Policies issued this week', to: '/policies', permission: 'policies:read', roles: MANAGERS, useCount: usePoliciesIssuedThisWeek },
  { id: 'orders-drafts', label: 'Applications not yet submitted', to: `${ORDERS_PATH}${queryString(DRAFTS)}`, permission: 'orders:create', useCount: useDraftCount },
];
