import { TokenResponse } from '@contracts/auth';
import type { ChangePasswordBody } from '@contracts/identity';
import { useMutation } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { sessionStore } from '@/lib/auth/session-store';

/**
 * Changing the password ends every other session and answers fresh tokens for this one
 * (the refresh cookie is replaced by the server).
 */
export async function changePassword(body: ChangePasswordBody): Promise<TokenResponse> {
  const tokens = await api.post('/auth/password', body, TokenResponse);
  sessionStore.setAccessToken(tokens.accessToken);
  return tokens;
}

type Callbacks = Pick<UseMutationOptions<TokenResponse, Error, ChangePasswordBody>, 'onSuccess' | 'onError'>;

/** The form shows failures next to its fields, so it passes its own onError instead of the toast. */
export function useChangePassword(callbacks: Callbacks) {
  return useMutation({ mutationFn: changePassword, ...callbacks });
}
