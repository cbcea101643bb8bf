import { type CreatePolicyTransactionBody, PolicyCashValue, PolicyTransaction, PolicyVersion } from '@contracts/policies';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { policyKeys } from './policy-keys';

const TransactionList = z.object({ items: z.array(PolicyTransaction) });
const VersionList = z.object({ items: z.array(PolicyVersion) });

/** A policy's changes (endorsements…), newest first. */
export function usePolicyTransactions(policyId: string) {
  return useQuery({
    queryKey: policyKeys.transactions(policyId),
    queryFn: ({ signal }) => api.get(`/policies/${policyId}/transactions`, TransactionList, { signal }).then((r) => r.items),
  });
}

/** The versions of a policy's terms, newest first. */
export function usePolicyVersions(policyId: string) {
  return useQuery({
    queryKey: policyKeys.versions(policyId),
    queryFn: ({ signal }) => api.get(`/policies/${policyId}/versions`, VersionList, { signal }).then((r) => r.items),
  });
}

/** Quotes a change: nothing on the policy changes until it is issued. */
export function useQuotePolicyChange(policyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePolicyTransactionBody) => api.post(`/policies/${policyId}/transactions`, body, PolicyTransaction),
    onSettled: () => queryClient.invalidateQueries({ queryKey: policyKeys.transactions(policyId) }),
  });
}

/** Issues or discards a quoted change (If-Match on the transaction's version). */
export function usePolicyTransactionStep(policyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tx, action, reason }: { tx: Pick<PolicyTransaction, 'id' | 'version'>; action: 'issue' | 'discard'; reason?: string }) =>
      api.post(`/policy-transactions/${tx.id}/${action}`, action === 'discard' ? { reason } : {}, PolicyTransaction, { ifMatch: etag(tx.version) }),
    // The policy's terms and everything billing shows of it (an endorsement raises an invoice or credit).
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: policyKeys.detail(policyId) }), queryClient.invalidateQueries({ queryKey: ['billing'] })]),
  });
}

/** Changes referred to underwriters and not yet decided (underwriters and managers). */
export function useReferredChanges(enabled: boolean) {
  return useQuery({
    queryKey: [...policyKeys.all, 'referred'],
    queryFn: ({ signal }) => api.get('/policy-transactions?referral=pending', TransactionList, { signal }).then((r) => r.items),
    enabled,
  });
}

/** An underwriter accepts or declines a referred change (If-Match on its version). */
export function useDecideReferral() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tx, decision, note }: { tx: Pick<PolicyTransaction, 'id' | 'version'>; decision: 'accept' | 'decline'; note: string }) =>
      api.post(`/policy-transactions/${tx.id}/referral`, { decision, note }, PolicyTransaction, { ifMatch: etag(tx.version) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: policyKeys.all }),
  });
}

/** The guaranteed cash value today (only for products with a cash-value table). */
export function useCashValue(policyId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...policyKeys.detail(policyId), 'cash-value'],
    queryFn: ({ signal }) => api.get(`/policies/${policyId}/cash-value`, PolicyCashValue, { signal }),
    enabled,
  });
}
