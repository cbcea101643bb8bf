import {
  CollectionFigures,
  DunningPlan,
  DunningPlanList,
  PaymentPromise,
  Worklist,
  WriteOffProposals,
  type CreatePromiseBody,
  type PutDunningPlanBody,
} from '@contracts/collections';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';

export const collectionsKeys = {
  all: ['collections'] as const,
  worklist: () => [...collectionsKeys.all, 'worklist'] as const,
  figures: (from: string, to: string) => [...collectionsKeys.all, 'figures', from, to] as const,
  plans: () => [...collectionsKeys.all, 'dunning-plans'] as const,
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

/** The dunning plans of the product versions that have one. */
export function useDunningPlans(enabled = true) {
  return useQuery({ queryKey: collectionsKeys.plans(), queryFn: ({ signal }) => api.get('/collections/dunning-plans', DunningPlanList, { signal }), enabled });
}

/** Replaces a version's steps (finance managers; If-Match on the plan's version). 400 DUNNING_PLAN_INVALID with `steps.N.field` errors. */
export function useSaveDunningPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ plan, body }: { plan: Pick<DunningPlan, 'productVersionId' | 'version'>; body: PutDunningPlanBody }) =>
      api.put(`/collections/dunning-plans/${plan.productVersionId}`, body, DunningPlan, { ifMatch: etag(plan.version) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: collectionsKeys.plans() }),
  });
}
