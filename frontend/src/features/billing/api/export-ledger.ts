import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';
import { saveFile } from '@/lib/save-file';
import type { LedgerOwner } from './billing-keys';
import { ledgerPath } from './get-ledger';

/** The server answers a CSV (one row per posting, newest entry first) and names the file. */
export async function exportLedger(owner: LedgerOwner): Promise<void> {
  const file = await api.download(`${ledgerPath(owner)}/export`);
  saveFile(file.blob, file.filename ?? 'policydesk-ledger.csv');
}

export function useExportLedger() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exportLedger,
    // The export is itself an audited action.
    onSettled: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
