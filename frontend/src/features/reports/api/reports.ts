import { ReportExport, ReportExportList, ReportList, type CreateReportExportBody } from '@contracts/reports';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';
import { saveFile } from '@/lib/save-file';

export const reportKeys = {
  all: ['reports'] as const,
  list: () => [...reportKeys.all, 'list'] as const,
  exports: () => [...reportKeys.all, 'exports'] as const,
};

/** The reports the user may run, with their parameters (JSON Schema) and columns. */
export function useReports() {
  return useQuery({ queryKey: reportKeys.list(), queryFn: ({ signal }) => api.get('/reports', ReportList, { signal }) });
}

/** How often the exports list is read again while one is queued or running (its progress). */
export const EXPORT_POLL_MS = 1_000;

/** The user's own exports, newest first; polled while any is still being written. */
export function useReportExports() {
  return useQuery({
    queryKey: reportKeys.exports(),
    queryFn: ({ signal }) => api.get('/reports/exports', ReportExportList, { signal }),
    refetchInterval: (query) => (query.state.data?.items.some((e) => e.status === 'queued' || e.status === 'running') ? EXPORT_POLL_MS : false),
  });
}

/** Queue an export of a report (the job writes it; the list shows its progress). */
export function useCreateExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: CreateReportExportBody }) => api.post(`/reports/${encodeURIComponent(key)}/exports`, body, ReportExport),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: reportKeys.exports() }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}

/** Saves an export's file (only the requester may; kept 7 days). */
export async function downloadExport(item: Pick<ReportExport, 'id' | 'fileName'>) {
  const file = await api.download(`/reports/exports/${item.id}/file`);
  saveFile(file.blob, file.filename ?? item.fileName ?? 'export');
}
