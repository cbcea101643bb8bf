import { SystemInfo } from '@contracts/system';
import { queryOptions, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
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

/** The business date (YYYY-MM-DD) forms check dates against, as the API does; the browser's date until the API has answered. */
export function useBusinessDate(): string {
  const { data } = useSystemInfo();
  return data?.businessDate ?? dayjs().format('YYYY-MM-DD');
}
