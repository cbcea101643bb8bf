import { TeamView } from '@contracts/service';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { serviceKeys } from './service-keys';

/** The team view of the user's branch (senior agents and managers); refreshed every minute. */
export function useTeam() {
  return useQuery({ queryKey: serviceKeys.team(), queryFn: ({ signal }) => api.get('/service/team', TeamView, { signal }), refetchInterval: 60_000 });
}
