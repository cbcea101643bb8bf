import type { UnderwritingQueueItem } from '@contracts/orders';
import { useQuery } from '@tanstack/react-query';
import type { HomeTile } from '@/lib/feature';
import { countWhere } from '@/lib/list-count';
import { QUEUE_LIMIT, underwritingQueueQueryOptions } from './api/get-underwriting-queue';
import { UNDERWRITING_PATH } from './underwriting-paths';

/** Waiting this long (business days since submission) is old in the queue. */
export const OLD_IN_QUEUE_DAYS = 5;

/** The whole queue is read once (it is capped at the lists' limit) and counted by priority and age. */
function useQueueCount(matches: (item: UnderwritingQueueItem) => boolean) {
  return useQuery({ ...underwritingQueueQueryOptions({}), select: (items) => countWhere(items, QUEUE_LIMIT, matches) });
}

const useDecisionCount = () => useQueueCount(() => true);
const useHighPriorityCount = () => useQueueCount((item) => item.priority === 'high');
const useNotTakenCount = () => useQueueCount((item) => item.status === 'submitted');
const useOldCount = () => useQueueCount((item) => item.ageBusinessDays >= OLD_IN_QUEUE_DAYS);

/** The underwriter's (and manager's) queue: what waits for a decision, by priority and age. */
export const underwritingHomeTiles: HomeTile[] = [
  { id: 'queue-all', label: 'Applications awaiting a decision', to: UNDERWRITING_PATH, permission: 'orders:underwrite', useCount: useDecisionCount },
  { id: 'queue-high', label: 'High priority (referrals, large sums)', to: UNDERWRITING_PATH, permission: 'orders:underwrite', useCount: useHighPriorityCount, urgent: true },
  { id: 'queue-not-taken', label: 'Not yet taken for review', to: `${UNDERWRITING_PATH}?status=submitted`, permission: 'orders:underwrite', useCount: useNotTakenCount },
  {
    id: 'queue-old',
    label: `Waiting ${OLD_IN_QUEUE_DAYS} business days or more`,
    to: UNDERWRITING_PATH,
    permission: 'orders:underwrite',
    useCount: useOldCount,
    urgent: true,
  },
];
