import { AccountingPeriod, PeriodList, TrialBalanceReport } from '@contracts/finance';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';

export const financeKeys = {
  all: ['finance'] as const,
  periods: () => [...financeKeys.all, 'periods'] as const,
  trialBalance: (asOf: string) => [...financeKeys.all, 'trial-balance', asOf] as const,
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

/** Close a month, or reopen the latest closed one (If-Match on the period's version). */
export function usePeriodStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ period, action, body }: { period: Pick<AccountingPeriod, 'month' | 'version'>; action: 'close' | 'reopen'; body: { note?: string; reason?: string } }) =>
      api.post(`/finance/periods/${period.month}/${action}`, body, AccountingPeriod, { ifMatch: etag(period.version) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: financeKeys.all }),
  });
}
