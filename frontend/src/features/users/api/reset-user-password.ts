import { UserWithTemporaryPassword } from '@contracts/identity';
import type { User } from '@contracts/identity';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { auditKeys } from '@/lib/audit-keys';
import { userKeys } from './user-keys';

type ResetResult = z.infer<typeof UserWithTemporaryPassword>;
type UserVersion = Pick<User, 'id' | 'version'>;

/** Issues a one-time password, ends the user's sessions and lifts a lockout. */
export function resetUserPassword(user: UserVersion): Promise<ResetResult> {
  return api.post(`/users/${user.id}/reset-password`, undefined, UserWithTemporaryPassword, {
    ifMatch: etag(user.version),
  });
}

type Callbacks = Pick<UseMutationOptions<ResetResult, Error, UserVersion>, 'onSuccess'>;

export function useResetUserPassword(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetUserPassword,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: userKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
