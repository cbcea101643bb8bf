import { HealthOverview } from '@contracts/system';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { systemKeys } from './system-keys';

/** The health page's figures (admins): readiness, queues, outbox, SLA breaches, alerts. */
export function getHealthOverview(signal?: AbortSignal): Promise<HealthOverview> {
  return api.get('/system/health', HealthOverview, { signal });
}

export const healthOverviewQueryOptions = () => queryOptions({ queryKey: systemKeys.health(), queryFn: ({ signal }) => getHealthOverview(signal), refetchInterval: 30_000 });

export function useHealthOverview() {
  return useQuery(healthOverviewQueryOptions());
}
