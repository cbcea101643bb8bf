import { LoginResponse, Me, TokenResponse } from '@contracts/auth';
import type { LoginBody, MfaChallenge } from '@contracts/auth';
import { api, NoContent, refreshSession } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';
import { sessionStore } from './session-store';

function getMe(): Promise<Me> {
  return api.get('/auth/me', Me);
}

/**
 * Logs in and loads the permissions; the session only counts as started once both succeed. A user
 * with two-factor sign-in gets a challenge instead, answered with `finishMfaLogin`.
 */
export async function startSession(credentials: LoginBody): Promise<Me | MfaChallenge> {
  const answer = await api.post('/auth/login', credentials, LoginResponse);
  if ('mfaRequired' in answer) return answer;
  return establishWith(answer);
}

/** The second step: the challenge and a code from the app (or a recovery code). */
export async function finishMfaLogin(challengeToken: string, code: string): Promise<Me> {
  return establishWith(await api.post('/auth/login/mfa', { challengeToken, code }, TokenResponse));
}

async function establishWith(tokens: TokenResponse): Promise<Me> {
  sessionStore.setAccessToken(tokens.accessToken);
  try {
    const me = await getMe();
    sessionStore.establish(me);
    return me;
  } catch (error) {
    sessionStore.reset();
    throw error;
  }
}

/** Re-reads the user after a change on the server (e.g. the password was changed). */
export async function reloadSession(): Promise<Me> {
  const me = await getMe();
  sessionStore.establish(me);
  return me;
}

let restoring: Promise<unknown> | null = null;

/**
 * Restores the session from the refresh cookie after a page load, once per load (React's StrictMode
 * runs effects twice in development). Resolves to the error when the server could not be asked
 * (network, 5xx) so the caller can say so, or to null: "no session" is not an error.
 */
export function restoreSession(): Promise<unknown> {
  restoring ??= attemptRestore();
  return restoring;
}

async function attemptRestore(): Promise<unknown> {
  try {
    await refreshSession();
    await reloadSession();
    return null;
  } catch (error) {
    // 4xx means there is no valid session; anything else (offline, 5xx, a contract mismatch) is news.
    const noSession = error instanceof ApiError && error.status >= 400 && error.status < 500;
    sessionStore.reset({ keepHint: !noSession });
    return noSession ? null : error;
  }
}

/** Ends the session on the server (revokes the refresh cookie), then locally whatever the answer. */
export async function endSession(reason: 'logout' | 'idle'): Promise<void> {
  await api.post('/auth/logout', undefined, NoContent).catch(() => undefined);
  sessionStore.end(reason);
}
