import { Customer } from '@contracts/customers';
import type { CreateCustomerBody } from '@contracts/customers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';
import { customerKeys } from './customer-keys';

/** 409 CUSTOMER_DUPLICATE lists the likely duplicates unless `confirmNotDuplicate` is set. */
export function createCustomer(body: CreateCustomerBody): Promise<Customer> {
  return api.post('/customers', body, Customer);
}

type Callbacks = Pick<UseMutationOptions<Customer, Error, CreateCustomerBody>, 'onSuccess' | 'onError'>;

/** The form shows failures next to its fields or in the duplicate dialog, so it passes its own onError. */
export function useCreateCustomer(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCustomer,
    ...callbacks,
    onSettled: (created) => {
      // The page the agent lands on next shows the new record without reading it again.
      if (created) queryClient.setQueryData(customerKeys.record(created.id), created);
      return Promise.all([queryClient.invalidateQueries({ queryKey: customerKeys.lists() }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
    },
  });
}
