import { PhoneLineMetrics } from '@contracts/voice';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { phoneLineKeys } from './phone-line-keys';

/** The line's figures over its own window, the thresholds past now and the alert episodes. */
export function getPhoneLineMetrics(id: string, signal?: AbortSignal): Promise<PhoneLineMetrics> {
  return api.get(`/phone-lines/${id}/metrics`, PhoneLineMetrics, { signal });
}

export const phoneLineMetricsQueryOptions = (id: string) =>
  // Refreshed every minute, as the monitor job runs.
  queryOptions({ queryKey: phoneLineKeys.metrics(id), queryFn: ({ signal }) => getPhoneLineMetrics(id, signal), refetchInterval: 60_000 });

export function usePhoneLineMetrics(id: string) {
  return useQuery(phoneLineMetricsQueryOptions(id));
}
