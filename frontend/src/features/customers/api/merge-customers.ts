import { Customer } from '@contracts/customers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { customerKeys } from './customer-keys';
import { refreshCustomer } from './refresh-customer';

export interface MergeCustomersInput {
  /** The surviving customer, as read (If-Match). */
  target: Pick<Customer, 'id' | 'version'>;
  /** The duplicate folded into it; it ends as `merged`. */
  sourceId: string;
}

/** Irreversible: the source's KYC and every other module's records move to the target. */
export function mergeCustomers({ target, sourceId }: MergeCustomersInput): Promise<Customer> {
  return api.post(`/customers/${target.id}/merge`, { sourceId }, Customer, { ifMatch: etag(target.version) });
}

type Callbacks = Pick<UseMutationOptions<Customer, Error, MergeCustomersInput>, 'onSuccess'>;

export function useMergeCustomers(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: mergeCustomers,
    ...callbacks,
    onSettled: (saved, _error, { target, sourceId }) =>
      Promise.all([refreshCustomer(queryClient, target.id, saved), queryClient.invalidateQueries({ queryKey: customerKeys.detail(sourceId) })]),
  });
}
