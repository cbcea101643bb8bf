import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { saveFile } from '@/lib/save-file';
import type { AuditFilterValues } from '../audit-filter';
import { auditKeys } from '@/lib/audit-keys';

/** The server answers a CSV (newest first, capped) and names the file. */
export async function exportAudit(filter: AuditFilterValues): Promise<void> {
  const file = await api.download(`/audit/export${queryString(filter)}`);
  saveFile(file.blob, file.filename ?? 'policydesk-audit.csv');
}

export function useExportAudit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exportAudit,
    // The export is itself an audited action.
    onSettled: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
