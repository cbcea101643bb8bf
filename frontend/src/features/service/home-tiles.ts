import type { MyWork } from '@contracts/service';
import { useQuery } from '@tanstack/react-query';
import type { HomeTile } from '@/lib/feature';
import { myWorkQueryOptions } from './api/get-my-work';
import { MY_WORK_PATH } from './service-paths';

/** A figure of My work's own counts (exact: the API counts them in full), from the same query as the page. */
function useMyWorkCount(pick: (counts: MyWork['counts']) => number) {
  return useQuery({ ...myWorkQueryOptions(), select: (work) => ({ count: pick(work.counts), more: false }) });
}
const useOpenWork = () => useMyWorkCount((c) => c.open);
const useOverdueWork = () => useMyWorkCount((c) => c.overdue);

/** The user's own tasks, cases, claims and requests for information: what is open, and what is past its due time. */
export const serviceHomeTiles: HomeTile[] = [
  { id: 'my-work-overdue', label: 'Overdue items in My work', to: MY_WORK_PATH, permission: 'tasks:read', useCount: useOverdueWork, urgent: true },
  { id: 'my-work-open', label: 'Open items in My work', to: MY_WORK_PATH, permission: 'tasks:read', useCount: useOpenWork },
];
