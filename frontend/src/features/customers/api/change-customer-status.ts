import { Customer } from '@contracts/customers';
import type { ChangeCustomerStatusBody } from '@contracts/customers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { refreshCustomer } from './refresh-customer';

export interface ChangeCustomerStatusInput {
  customer: Pick<Customer, 'id' | 'version'>;
  change: z.infer<typeof ChangeCustomerStatusBody>;
}

/** 409 ILLEGAL_STATUS_CHANGE when the status no longer allows it (someone changed it meanwhile). */
export function changeCustomerStatus({ customer, change }: ChangeCustomerStatusInput): Promise<Customer> {
  return api.post(`/customers/${customer.id}/status`, change, Customer, { ifMatch: etag(customer.version) });
}

type Callbacks = Pick<UseMutationOptions<Customer, Error, ChangeCustomerStatusInput>, 'onSuccess'>;

export function useChangeCustomerStatus(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeCustomerStatus,
    ...callbacks,
    onSettled: (saved, _error, { customer }) => refreshCustomer(queryClient, customer.id, saved),
  });
}
