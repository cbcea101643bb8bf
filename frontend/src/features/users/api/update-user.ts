import { User } from '@contracts/identity';
import type { UpdateUserBody } from '@contracts/identity';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { auditKeys } from '@/lib/audit-keys';
import { userKeys } from './user-keys';

export interface UpdateUserInput {
  /** The user as read: the version goes into If-Match. */
  user: Pick<User, 'id' | 'version'>;
  changes: UpdateUserBody;
}

export function updateUser({ user, changes }: UpdateUserInput): Promise<User> {
  return api.patch(`/users/${user.id}`, changes, User, { ifMatch: etag(user.version) });
}

type Callbacks = Pick<UseMutationOptions<User, Error, UpdateUserInput>, 'onSuccess' | 'onError'>;

/** Settled either way: after a 412 the refetch shows what the other person saved. */
export function useUpdateUser(callbacks: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: userKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
