import { PhoneLine } from '@contracts/voice';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { phoneLineKeys } from './phone-line-keys';

export function getPhoneLine(id: string, signal?: AbortSignal): Promise<PhoneLine> {
  return api.get(`/phone-lines/${id}`, PhoneLine, { signal });
}

export const phoneLineQueryOptions = (id: string) => queryOptions({ queryKey: phoneLineKeys.detail(id), queryFn: ({ signal }) => getPhoneLine(id, signal) });

export function usePhoneLine(id: string) {
  return useQuery(phoneLineQueryOptions(id));
}
