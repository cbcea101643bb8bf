import { AuthSessionList } from '@contracts/identity';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, NoContent } from '@/lib/api-client';

export const sessionKeys = { all: ['auth', 'sessions'] as const };

export function getMySessions(signal?: AbortSignal): Promise<AuthSessionList> {
  return api.get('/auth/sessions', AuthSessionList, { signal });
}

export const mySessionsQueryOptions = () => queryOptions({ queryKey: sessionKeys.all, queryFn: ({ signal }) => getMySessions(signal) });

export function useMySessions() {
  return useQuery(mySessionsQueryOptions());
}

/** Ends one of my sessions: its tokens are refused from the next request on. */
export function endMySession(id: string): Promise<undefined> {
  return api.delete(`/auth/sessions/${id}`, NoContent);
}

export function useEndMySession() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: endMySession, onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }) });
}
