import { KpiList } from '@contracts/analytics';
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
