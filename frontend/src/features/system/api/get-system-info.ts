import { SystemInfo } from '@contracts/system';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { systemKeys } from './system-keys';

export function getSystemInfo(signal?: AbortSignal): Promise<SystemInfo> {
  return api.get('/system/info', SystemInfo, { signal });
}

export const systemInfoQueryOptions = () =>
  queryOptions({
    queryKey: systemKeys.info(),
    queryFn: ({ signal }) => getSystemInfo(signal),
    // The business date moves once a day; a few minutes of staleness is fine.
    staleTime: 5 * 60_000,
  });

export function useSystemInfo() {
  return useQuery(systemInfoQueryOptions());
}
