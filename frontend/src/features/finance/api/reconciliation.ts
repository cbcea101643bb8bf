import { ReconciliationReport, StatementLine, StatementPreview, WorklistPage, BankStatementList } from '@contracts/reconciliation';
import type { StatementMapping } from '@contracts/reconciliation';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { financeKeys } from './finance';

export const reconciliationKeys = {
  all: [...financeKeys.all, 'reconciliation'] as const,
  worklist: () => [...reconciliationKeys.all, 'worklist'] as const,
  statements: () => [...reconciliationKeys.all, 'statements'] as const,
  report: (id: string) => [...reconciliationKeys.all, 'report', id] as const,
};

/** The form of an upload: the file, its currency and which columns hold what. */
function statementForm(file: File, currency: string | null, mapping: StatementMapping | null): FormData {
  const form = new FormData();
  if (currency) form.append('currency', currency);
  if (mapping) {
    form.append('dateColumn', mapping.date);
    form.append('amountColumn', mapping.amount);
    form.append('referenceColumn', mapping.reference);
    if (mapping.description) form.append('descriptionColumn', mapping.description);
    if (mapping.fee) form.append('feeColumn', mapping.fee);
    form.append('dateFormat', mapping.dateFormat);
  }
  form.append('file', file, file.name);
  return form;
}

/** multipart POST /finance/statements/preview: the columns, a mapping (given or guessed), the first rows, the problems. Stores nothing. */
export function usePreviewStatement() {
  return useMutation({
    mutationFn: ({ file, mapping }: { file: File; mapping: StatementMapping | null }) =>
      api.upload('/finance/statements/preview', statementForm(file, null, mapping), StatementPreview),
  });
}

/** multipart POST /finance/statements: 201 with the report; 409 STATEMENT_DUPLICATE, 422 STATEMENT_LINE_INVALID, 400 STATEMENT_COLUMNS_INVALID. */
export function useUploadStatement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, currency, mapping }: { file: File; currency: string; mapping: StatementMapping }) =>
      api.upload('/finance/statements', statementForm(file, currency, mapping), ReconciliationReport),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reconciliationKeys.all }),
  });
}

/** The open statement lines, oldest first, with candidate payments; a page at a time. */
export function useWorklist() {
  return useInfiniteQuery({
    queryKey: reconciliationKeys.worklist(),
    queryFn: ({ signal, pageParam }) =>
      api.get(`/finance/reconciliation/lines?${new URLSearchParams({ status: 'unmatched', limit: '50', ...(pageParam ? { cursor: pageParam } : {}) }).toString()}`, WorklistPage, {
        signal,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useStatements() {
  return useQuery({ queryKey: reconciliationKeys.statements(), queryFn: ({ signal }) => api.get('/finance/statements?limit=20', BankStatementList, { signal }) });
}

export function useReconciliationReport(id: string | null) {
  return useQuery({
    queryKey: reconciliationKeys.report(id ?? ''),
    queryFn: ({ signal }) => api.get(`/finance/statements/${id}/report`, ReconciliationReport, { signal }),
    enabled: id !== null,
  });
}

/** Match a line to payments (one: a match; several: a split) or explain it (If-Match on the line's version). */
export function useResolveLine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ line, action, body }: { line: Pick<StatementLine, 'id' | 'version'>; action: 'match' | 'explain'; body: { paymentIds: string[] } | { reason: string } }) =>
      api.post(`/finance/reconciliation/lines/${line.id}/${action}`, body, StatementLine, { ifMatch: etag(line.version) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: financeKeys.all }),
  });
}
