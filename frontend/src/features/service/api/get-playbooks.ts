import { Playbook } from '@contracts/service';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { serviceKeys } from './service-keys';

const PlaybookList = z.object({ items: z.array(Playbook) });

/**
 * A policy's (or a customer's) onboarding playbooks with their milestones. Under the service desk's
 * keys, so marking a milestone's task done anywhere refreshes it.
 */
export function usePlaybooks(filter: { customerId?: string; policyId?: string }, enabled = true) {
  return useQuery({
    queryKey: serviceKeys.playbooks(filter),
    queryFn: ({ signal }) => api.get(`/service/playbooks${queryString(filter)}`, PlaybookList, { signal }),
    enabled,
  });
}
