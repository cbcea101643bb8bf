import { Case } from '@contracts/service';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { serviceKeys } from './service-keys';

export function getCase(id: string, signal?: AbortSignal): Promise<Case> {
  return api.get(`/cases/${id}`, Case, { signal });
}

/** A case with its clocks; refreshed every minute so the clocks count down in business time. */
export const caseQueryOptions = (id: string) => queryOptions({ queryKey: serviceKeys.case(id), queryFn: ({ signal }) => getCase(id, signal), refetchInterval: 60_000 });

export function useCase(id: string) {
  return useQuery(caseQueryOptions(id));
}
