import { KpiList, KpiTrend } from '@contracts/analytics';
import type { KpiQuery } from '@contracts/analytics';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';

export const analyticsKeys = {
  all: ['analytics'] as const,
  kpis: (query: KpiQuery) => [...analyticsKeys.all, 'kpis', query] as const,
};

/** The KPIs the user may see over the period, for their scope and the filters. */
export function useKpis(query: KpiQuery) {
  return useQuery({
    queryKey: analyticsKeys.kpis(query),
    queryFn: ({ signal }) => api.get(`/analytics/kpis${queryString(query)}`, KpiList, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** One KPI month by month over the period, for the same scope and filters (fetched while `enabled`). */
export function useKpiTrend(key: string, query: KpiQuery, enabled: boolean) {
  return useQuery({
    queryKey: [...analyticsKeys.all, 'trend', key, query] as const,
    queryFn: ({ signal }) => api.get(`/analytics/kpis/${encodeURIComponent(key)}/trend${queryString(query)}`, KpiTrend, { signal }),
    enabled,
  });
}
