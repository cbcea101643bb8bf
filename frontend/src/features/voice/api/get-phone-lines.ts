import { PhoneLineList } from '@contracts/voice';
import type { PhoneLine } from '@contracts/voice';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { phoneLineKeys } from './phone-line-keys';

/** Every phone line, by name. */
export async function getPhoneLines(signal?: AbortSignal): Promise<PhoneLine[]> {
  return (await api.get('/phone-lines', PhoneLineList, { signal })).items;
}

export const phoneLinesQueryOptions = () => queryOptions({ queryKey: phoneLineKeys.list(), queryFn: ({ signal }) => getPhoneLines(signal) });

export function usePhoneLines() {
  return useQuery(phoneLinesQueryOptions());
}
