import { CollectionFigures, PaymentPromise, Worklist, WriteOffProposals, type CreatePromiseBody } from '@contracts/collections';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const collectionsKeys = {
  all: ['collections'] as const,
  worklist: () => [...collectionsKeys.all, 'worklist'] as const,
  figures: (from: string, to: string) => [...collectionsKeys.all, 'figures', from, to] as const,
  writeOffProposals: (maxAmount: number, minDaysPastDue: number) => [...collectionsKeys.all, 'write-off-proposals', maxAmount, minDaysPastDue] as const,
};

/** The overdue accounts of the user's branches, ranked by amount × days past due. */
export function getWorklist(signal?: AbortSignal): Promise<Worklist> {
  return api.get('/collections/worklist', Worklist, { signal });
}

export const worklistQueryOptions = () => queryOptions({ queryKey: collectionsKeys.worklist(), queryFn: ({ signal }) => getWorklist(signal) });

export function useWorklist() {
  return useQuery(worklistQueryOptions());
}

/** Records a customer's promise to pay an overdue invoice. */
export function createPromise({ invoiceId, body }: { invoiceId: string; body: CreatePromiseBody }): Promise<PaymentPromise> {
  return api.post(`/collections/invoices/${invoiceId}/promises`, body, PaymentPromise);
}

export function useCreatePromise() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createPromise, onSettled: () => queryClient.invalidateQueries({ queryKey: collectionsKeys.all }) });
}

/** Days sales outstanding, cure rate and promises kept of the user's branches over a period. */
export function getFigures(from: string, to: string, signal?: AbortSignal): Promise<CollectionFigures> {
  return api.get(`/collections/figures?from=${from}&to=${to}`, CollectionFigures, { signal });
}

export function useFigures(period: { from: string; to: string } | undefined) {
  return useQuery({
    queryKey: collectionsKeys.figures(period?.from ?? '', period?.to ?? ''),
    queryFn: ({ signal }) => getFigures(period!.from, period!.to, signal),
    enabled: period !== undefined,
  });
}

/** Balances of at most `maxAmount` (minor units) open `minDaysPastDue` days or more in the user's branches, oldest first: candidates for a write-off. */
export function useWriteOffProposals(maxAmount: number, minDaysPastDue: number) {
  return useQuery({
    queryKey: collectionsKeys.writeOffProposals(maxAmount, minDaysPastDue),
    queryFn: ({ signal }) => api.get(`/collections/write-off-proposals?maxAmount=${maxAmount}&minDaysPastDue=${minDaysPastDue}`, WriteOffProposals, { signal }),
    placeholderData: keepPreviousData,
  });
}
