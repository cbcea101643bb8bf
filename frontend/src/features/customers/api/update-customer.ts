import { Customer } from '@contracts/customers';
import type { UpdateCustomerBody } from '@contracts/customers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { refreshCustomer } from './refresh-customer';

export interface UpdateCustomerInput {
  /** The customer as read: the version goes into If-Match. */
  customer: Pick<Customer, 'id' | 'version'>;
  changes: UpdateCustomerBody;
}

export function updateCustomer({ customer, changes }: UpdateCustomerInput): Promise<Customer> {
  return api.patch(`/customers/${customer.id}`, changes, Customer, { ifMatch: etag(customer.version) });
}

type Callbacks = Pick<UseMutationOptions<Customer, Error, UpdateCustomerInput>, 'onSuccess' | 'onError'>;

/** Settled either way: after a 412 the refetch shows what the other person saved. */
export function useUpdateCustomer(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCustomer,
    ...callbacks,
    onSettled: (saved, _error, { customer }) => refreshCustomer(queryClient, customer.id, saved),
  });
}
