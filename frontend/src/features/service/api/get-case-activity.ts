import { CaseSummary, Interaction, Task } from '@contracts/service';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { serviceKeys } from './service-keys';

const Interactions = z.object({ items: z.array(Interaction) });
const Tasks = z.object({ items: z.array(Task) });
const Cases = z.object({ items: z.array(CaseSummary), nextCursor: z.string().nullable() });

/** The interactions and tasks of a case (and of the cases merged into it). */
export function useCaseActivity(id: string) {
  return useQuery({
    queryKey: serviceKeys.caseActivity(id),
    queryFn: async ({ signal }) => {
      const [interactions, tasks] = await Promise.all([api.get(`/cases/${id}/interactions`, Interactions, { signal }), api.get(`/cases/${id}/tasks`, Tasks, { signal })]);
      return { interactions: interactions.items, tasks: tasks.items };
    },
  });
}

/** A customer's other cases (to merge into). */
export function useCustomerCases(customerId: string | null) {
  return useQuery({
    queryKey: serviceKeys.cases({ customerId: customerId ?? '' }),
    queryFn: ({ signal }) => api.get(`/cases?customerId=${customerId}&limit=50`, Cases, { signal }),
    enabled: !!customerId,
  });
}
