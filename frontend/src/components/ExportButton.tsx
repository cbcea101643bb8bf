import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EXPORT_TRUNCATED_HEADER } from '@contracts/common';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { queryString } from '@/lib/query-string';
import { saveFile } from '@/lib/save-file';

/** What a finished export says: how many rows, and whether the list was cut at the server's cap. */
export function exportNotice(rows: number, truncated: boolean): { title: string; message: string } {
  return truncated
    ? { title: 'Export cut short', message: `The file holds the first ${rows.toLocaleString('en-US')} rows only: narrow the filters to export the rest.` }
    : { title: 'Export ready', message: `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'} exported.` };
}

/**
 * "Export CSV" for a list: the API's `<path>/export` with the list's filters and sort, saved as the file
 * the server names. The export is audited, so the audit views refresh; a cut export says so.
 */
export function ExportButton({ path, criteria, fallbackName }: { path: string; criteria: Record<string, string | number | boolean | undefined>; fallbackName: string }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => api.download(`${path}/export${queryString(criteria)}`),
    onSuccess: (file) => {
      saveFile(file.blob, file.filename ?? fallbackName);
      const truncated = file.headers.get(EXPORT_TRUNCATED_HEADER) === 'true';
      const notice = exportNotice(Number(file.headers.get('X-Export-Rows') ?? 0), truncated);
      // A cut export stays on screen until dismissed: the user has to know the file is not the whole list.
      if (truncated) notifications.show({ color: 'yellow', title: notice.title, message: notice.message, autoClose: false });
      else notifySuccess(notice.title, notice.message);
    },
    onError: (error) => notifyProblem(error, 'The export failed'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
  return (
    <Button variant="default" leftSection={<IconDownload size={16} />} loading={mutation.isPending} onClick={() => mutation.mutate()}>
      Export CSV
    </Button>
  );
}
