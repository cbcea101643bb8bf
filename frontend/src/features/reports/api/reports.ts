import {
  ReportExport,
  ReportExportList,
  ReportList,
  ReportSchedule,
  ReportScheduleList,
  type CreateReportExportBody,
  type CreateReportScheduleBody,
  type UpdateReportScheduleBody,
} from '@contracts/reports';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, NoContent } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { auditKeys } from '@/lib/audit-keys';
import { saveFile } from '@/lib/save-file';

export const reportKeys = {
  all: ['reports'] as const,
  list: () => [...reportKeys.all, 'list'] as const,
  exports: () => [...reportKeys.all, 'exports'] as const,
  schedules: () => [...reportKeys.all, 'schedules'] as const,
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

/** The user's scheduled reports, newest first. */
export function useReportSchedules() {
  return useQuery({ queryKey: reportKeys.schedules(), queryFn: ({ signal }) => api.get('/reports/schedules', ReportScheduleList, { signal }) });
}

function useScheduleMutation<V, R>(mutationFn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: reportKeys.schedules() }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}

/** Schedule a report: each run emails every recipient a link to their own copy. */
export function useCreateSchedule() {
  return useScheduleMutation(({ key, body }: { key: string; body: CreateReportScheduleBody }) => api.post(`/reports/${encodeURIComponent(key)}/schedules`, body, ReportSchedule));
}

/** Change, pause or resume a schedule (If-Match on the version shown). */
export function useUpdateSchedule() {
  return useScheduleMutation(({ schedule, body }: { schedule: Pick<ReportSchedule, 'id' | 'version'>; body: UpdateReportScheduleBody }) =>
    api.patch(`/reports/schedules/${schedule.id}`, body, ReportSchedule, { ifMatch: etag(schedule.version) }),
  );
}

export function useDeleteSchedule() {
  return useScheduleMutation((schedule: Pick<ReportSchedule, 'id' | 'version'>) => api.delete(`/reports/schedules/${schedule.id}`, NoContent, { ifMatch: etag(schedule.version) }));
}
