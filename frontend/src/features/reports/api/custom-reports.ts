import {
  CustomReport,
  CustomReportDatasetList,
  CustomReportList,
  CustomReportResult,
  type CustomReportDefinitionInput,
  type SaveCustomReportBody,
  type UpdateCustomReportBody,
} from '@contracts/custom-reports';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { auditKeys } from '@/lib/audit-keys';
import { reportKeys } from './reports';

export const customReportKeys = {
  all: [...reportKeys.all, 'custom'] as const,
  datasets: () => [...customReportKeys.all, 'datasets'] as const,
  list: () => [...customReportKeys.all, 'list'] as const,
};

/** The datasets the user may build reports on, with each field's operators, totals and grouping. */
export function useCustomReportDatasets() {
  return useQuery({ queryKey: customReportKeys.datasets(), queryFn: ({ signal }) => api.get('/custom-reports/datasets', CustomReportDatasetList, { signal }) });
}

/** The saved reports the user sees: their own and those shared with their role. */
export function useCustomReports() {
  return useQuery({ queryKey: customReportKeys.list(), queryFn: ({ signal }) => api.get('/custom-reports?limit=100', CustomReportList, { signal }) });
}

/** The first rows of a definition (not saved), in the user's branches. */
export function usePreviewCustomReport() {
  return useMutation({ mutationFn: (definition: CustomReportDefinitionInput) => api.post('/custom-reports/preview', { definition }, CustomReportResult) });
}

function useSavedMutation<V, R>(mutationFn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: customReportKeys.list() }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}

export function useSaveCustomReport() {
  return useSavedMutation((body: SaveCustomReportBody) => api.post('/custom-reports', body, CustomReport));
}

/** Change the user's own saved report (If-Match on the version shown). */
export function useUpdateCustomReport() {
  return useSavedMutation(({ report, body }: { report: Pick<CustomReport, 'id' | 'version'>; body: UpdateCustomReportBody }) =>
    api.patch(`/custom-reports/${report.id}`, body, CustomReport, { ifMatch: etag(report.version) }),
  );
}
