import { Customer } from '@contracts/customers';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { customerKeys } from './customer-keys';

/**
 * Opening the record is audited. A merged customer answers 308 to the record it was merged into,
 * which fetch follows: the answer's id then differs from the one asked for.
 */
export function getCustomer(id: string, signal?: AbortSignal): Promise<Customer> {
  return api.get(`/customers/${id}`, Customer, { signal });
}

export const customerQueryOptions = (id: string) =>
  queryOptions({
    queryKey: customerKeys.record(id),
    queryFn: ({ signal }) => getCustomer(id, signal),
  });

export function useCustomer(id: string) {
  return useQuery(customerQueryOptions(id));
}
