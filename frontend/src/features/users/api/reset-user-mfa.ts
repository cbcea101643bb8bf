import { User } from '@contracts/identity';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';
import { etag } from '@/lib/concurrency';
import { userKeys } from './user-keys';

type UserVersion = Pick<User, 'id' | 'version'>;

/** Removes the user's two-factor sign-in (a lost phone); their sessions end. Not one's own (four-eyes). */
export function resetUserMfa(user: UserVersion): Promise<User> {
  return api.post(`/users/${user.id}/reset-mfa`, undefined, User, { ifMatch: etag(user.version) });
}

export function useResetUserMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetUserMfa,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: userKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
