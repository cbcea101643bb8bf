import { LedgerPage, ReceivablesAging } from '@contracts/billing';
import { AccountingPeriod, FinancialStatement, GlMapping, JournalExportBatch, JournalExportList, PeriodList, PremiumRegister, TrialBalanceReport } from '@contracts/finance';
import type { ReplaceGlMappingBody } from '@contracts/finance';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';

export const financeKeys = {
  all: ['finance'] as const,
  periods: () => [...financeKeys.all, 'periods'] as const,
  trialBalance: (asOf: string) => [...financeKeys.all, 'trial-balance', asOf] as const,
  mapping: () => [...financeKeys.all, 'gl-mapping'] as const,
  exports: () => [...financeKeys.all, 'exports'] as const,
  statement: (month: string) => [...financeKeys.all, 'statement', month] as const,
  entries: (figure: Figure) => [...financeKeys.all, 'entries', figure] as const,
  premiumRegister: (from: string, to: string) => [...financeKeys.all, 'premium-register', from, to] as const,
  aging: (asOf: string) => [...financeKeys.all, 'receivables-aging', asOf] as const,
};

export function usePeriods() {
  return useQuery({ queryKey: financeKeys.periods(), queryFn: ({ signal }) => api.get('/finance/periods', PeriodList, { signal }) });
}

export function useTrialBalance(asOf: string | null) {
  return useQuery({
    queryKey: financeKeys.trialBalance(asOf ?? ''),
    queryFn: ({ signal }) => api.get(`/finance/trial-balance?asOf=${asOf}`, TrialBalanceReport, { signal }),
    enabled: asOf !== null,
    placeholderData: keepPreviousData,
  });
}

/**
 * The receivables by ageing bucket as they stood at the end of `asOf` (billing's, for the reader's
 * branches): undefined is the server's today; null waits for a valid day.
 */
export function useReceivablesAging(asOf: string | null | undefined) {
  return useQuery({
    queryKey: financeKeys.aging(asOf ?? ''),
    queryFn: ({ signal }) => api.get(`/billing/receivables-aging${asOf ? `?asOf=${asOf}` : ''}`, ReceivablesAging, { signal }),
    enabled: asOf !== null,
    placeholderData: keepPreviousData,
  });
}

/** Close a month, or reopen the latest closed one (If-Match on the period's version). */
export function usePeriodStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ period, action, body }: { period: Pick<AccountingPeriod, 'month' | 'version'>; action: 'close' | 'reopen'; body: { note?: string; reason?: string } }) =>
      api.post(`/finance/periods/${period.month}/${action}`, body, AccountingPeriod, { ifMatch: etag(period.version) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: financeKeys.all }),
  });
}

export function useStatement(month: string | null) {
  return useQuery({
    queryKey: financeKeys.statement(month ?? ''),
    queryFn: ({ signal }) => api.get(`/finance/statement?month=${month}`, FinancialStatement, { signal }),
    enabled: month !== null,
    placeholderData: keepPreviousData,
  });
}

/** A statement's figure: an account kind in a currency over dates (the premium register's: of one product, from some sources). */
export interface Figure {
  kind: string;
  currency: string;
  from: string;
  to: string;
  productId?: string;
  sourceTypes?: string;
}

/** Premium written, earned and unearned per product and month (`from`..`to`, YYYY-MM). */
export function usePremiumRegister(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: financeKeys.premiumRegister(range?.from ?? '', range?.to ?? ''),
    queryFn: ({ signal }) => api.get(`/finance/premium-register?from=${range!.from}&to=${range!.to}`, PremiumRegister, { signal }),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}

/** The journal entries behind a figure, newest first, a page at a time. */
export function useFigureEntries(figure: Figure) {
  const params = Object.fromEntries(Object.entries(figure).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return useInfiniteQuery({
    queryKey: financeKeys.entries(figure),
    queryFn: ({ signal, pageParam }) =>
      api.get(`/finance/entries?${new URLSearchParams({ ...params, limit: '25', ...(pageParam ? { cursor: pageParam } : {}) }).toString()}`, LedgerPage, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useGlMapping() {
  return useQuery({ queryKey: financeKeys.mapping(), queryFn: ({ signal }) => api.get('/finance/gl-mapping', GlMapping, { signal }) });
}

export function useReplaceGlMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ revision, items }: { revision: number } & ReplaceGlMappingBody) => api.put('/finance/gl-mapping', { items }, GlMapping, { ifMatch: etag(revision) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: financeKeys.mapping() }),
  });
}

export function useJournalExports() {
  return useQuery({ queryKey: financeKeys.exports(), queryFn: ({ signal }) => api.get('/finance/exports', JournalExportList, { signal }) });
}

export function useCreateJournalExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ month, format }: { month: string; format: JournalExportBatch['format'] }) => api.post(`/finance/periods/${month}/exports`, { format }, JournalExportBatch),
    onSettled: () => queryClient.invalidateQueries({ queryKey: financeKeys.exports() }),
  });
}
