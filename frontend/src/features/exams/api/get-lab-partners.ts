import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { examKeys } from './exam-keys';

const LabPartners = z.object({ items: z.array(z.string()) });

/** The laboratories exams can be ordered from (server configuration). */
export async function getLabPartners(signal?: AbortSignal): Promise<string[]> {
  return (await api.get('/exams/lab-partners', LabPartners, { signal })).items;
}

export const labPartnersQueryOptions = () => queryOptions({ queryKey: examKeys.labPartners(), queryFn: ({ signal }) => getLabPartners(signal), staleTime: 30 * 60_000 });

export function useLabPartners() {
  return useQuery(labPartnersQueryOptions());
}
