import { LedgerPage } from '@contracts/billing';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { billingKeys, type LedgerOwner } from './billing-keys';

const PAGE_SIZE = 25;

/** The ledger path of a policy or a customer. */
export const ledgerPath = (owner: LedgerOwner) => ('policyId' in owner ? `/policies/${owner.policyId}/ledger` : `/customers/${owner.customerId}/ledger`);

export const ledgerQueryOptions = (owner: LedgerOwner) =>
  infiniteQueryOptions({
    queryKey: billingKeys.ledger(owner),
    queryFn: ({ pageParam, signal }) => api.get(`${ledgerPath(owner)}${queryString({ limit: PAGE_SIZE, cursor: pageParam })}`, LedgerPage, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

/** Entries with their postings, newest first (keyset pages). */
export function useLedger(owner: LedgerOwner, enabled = true) {
  return useInfiniteQuery({ ...ledgerQueryOptions(owner), enabled });
}
