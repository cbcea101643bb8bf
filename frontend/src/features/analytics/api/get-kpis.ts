import { KpiBreakdown, KpiList, KpiRows, KpiTrend } from '@contracts/analytics';
import type { KpiBreakdownDimension, KpiQuery } from '@contracts/analytics';
import { ReportExport } from '@contracts/reports';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
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

/** The rows behind a KPI's figure, a page at a time (fetched while `enabled`). */
export function useKpiRows(key: string, query: KpiQuery, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...analyticsKeys.all, 'rows', key, query] as const,
    queryFn: ({ signal, pageParam }) =>
      api.get(`/analytics/kpis/${encodeURIComponent(key)}/rows${queryString({ ...withoutCompare(query), limit: 50, ...(pageParam ? { cursor: pageParam } : {}) })}`, KpiRows, {
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** Queues an export of the rows behind a figure (its report, the page's filters): the Reports page shows its progress and file. */
export function useExportKpiRows() {
  return useMutation({
    mutationFn: ({ report, query, format }: { report: string; query: KpiQuery; format: 'csv' | 'xlsx' }) =>
      api.post(`/reports/${encodeURIComponent(report)}/exports`, { format, params: withoutCompare(query) }, ReportExport),
  });
}

const withoutCompare = ({ compare: _compare, ...query }: KpiQuery) => query;

/** One KPI cut by branch, product or agent side by side (fetched while `enabled`). */
export function useKpiBreakdown(key: string, query: KpiQuery, by: KpiBreakdownDimension, enabled: boolean) {
  return useQuery({
    queryKey: [...analyticsKeys.all, 'breakdown', key, by, query] as const,
    queryFn: ({ signal }) => api.get(`/analytics/kpis/${encodeURIComponent(key)}/breakdown${queryString({ ...withoutCompare(query), by })}`, KpiBreakdown, { signal }),
    enabled,
  });
}
