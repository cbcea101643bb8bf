import { UserWithTemporaryPassword } from '@contracts/identity';
import type { CreateUserBody } from '@contracts/identity';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { auditKeys } from '@/lib/audit-keys';
import { userKeys } from './user-keys';

type CreatedUser = z.infer<typeof UserWithTemporaryPassword>;

/** The answer carries the one-time password; it is never readable again. */
export function createUser(body: CreateUserBody): Promise<CreatedUser> {
  return api.post('/users', body, UserWithTemporaryPassword);
}

type Callbacks = Pick<UseMutationOptions<CreatedUser, Error, CreateUserBody>, 'onSuccess' | 'onError'>;

/** The form shows failures next to its fields, so it passes its own onError instead of the toast. */
export function useCreateUser(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    ...callbacks,
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: userKeys.lists() }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
