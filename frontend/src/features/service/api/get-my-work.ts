import { MyWork } from '@contracts/service';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { serviceKeys } from './service-keys';

/** The user's open tasks, soonest due first, flagged overdue or at risk. */
export function getMyWork(signal?: AbortSignal): Promise<MyWork> {
  return api.get('/my-work', MyWork, { signal });
}

export const myWorkQueryOptions = () => queryOptions({ queryKey: serviceKeys.myWork(), queryFn: ({ signal }) => getMyWork(signal) });

export function useMyWork() {
  return useQuery(myWorkQueryOptions());
}
