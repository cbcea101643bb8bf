import type { Customer } from '@contracts/customers';
import type { QueryClient } from '@tanstack/react-query';
import { auditKeys } from '@/lib/audit-keys';
import { customerKeys } from './customer-keys';

/**
 * After a change to customer `id`. When the server answered the saved record, it replaces the cached
 * one (opening a record is an audited read, so it is not read again for nothing) and what derives
 * from it is refetched; after a failure (a stale version, a merge) everything is read again.
 */
export function refreshCustomer(queryClient: QueryClient, id: string, saved?: Customer): Promise<unknown> {
  if (saved) queryClient.setQueryData(customerKeys.record(id), saved);
  return Promise.all([
    queryClient.invalidateQueries({
      queryKey: customerKeys.detail(id),
      predicate: (query) => !saved || query.queryKey.at(-1) !== 'record',
    }),
    queryClient.invalidateQueries({ queryKey: customerKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}
