import type { Me, MfaChallenge, SessionUser } from '@contracts/auth';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { FullPageLoader } from '@/components/FullPageLoader';
import { notifyProblem, notifySessionEnded } from '@/lib/notify';
import { endSession, finishMfaLogin, reloadSession, restoreSession, startSession } from './auth-api';
import { IdleLogout } from './IdleLogout';
import { sessionStore } from './session-store';
import type { SessionEndReason } from './session-store';

export interface AuthContextValue {
  user: SessionUser | null;
  permissions: readonly string[];
  /** The branches the user works in (the API's branch scope); null means every branch. */
  branchIds: readonly string[] | null;
  endReason: SessionEndReason | null;
  /** Two-factor sign-in must be set up before anything else. */
  mfaEnrollmentRequired: boolean;
  can: (permission: string) => boolean;
  /** The session, or a challenge when the user signs in with a second factor. */
  login: (email: string, password: string) => Promise<Me | MfaChallenge>;
  /** Answers the challenge with a TOTP or recovery code. */
  loginWithCode: (challengeToken: string, code: string) => Promise<Me>;
  logout: (reason?: 'logout' | 'idle') => Promise<void>;
  /** Re-reads the user from the server, e.g. after the password changed. */
  reload: () => Promise<Me>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(sessionStore.subscribe, sessionStore.getSnapshot);
  const queryClient = useQueryClient();
  const [restoring, setRestoring] = useState(() => sessionStore.hasSessionHint());

  useEffect(() => {
    if (!restoring) return;
    let active = true; // StrictMode mounts twice in development; only the live mount reports
    void restoreSession().then((problem) => {
      if (!active) return;
      if (problem) notifyProblem(problem, 'Could not restore your session');
      setRestoring(false);
    });
    return () => {
      active = false;
    };
  }, [restoring]);

  // Whatever ended the session, the next user must not see the previous user's cached data.
  useEffect(
    () =>
      sessionStore.onEnd((reason) => {
        queryClient.clear();
        notifySessionEnded(reason);
      }),
    [queryClient],
  );

  const logout = useCallback((reason: 'logout' | 'idle' = 'logout') => endSession(reason), []);
  const onIdle = useCallback(() => void logout('idle'), [logout]);

  const value = useMemo<AuthContextValue>(
    () => ({
      user: session.user,
      permissions: session.permissions,
      branchIds: session.branchIds,
      endReason: session.endReason,
      mfaEnrollmentRequired: session.mfaEnrollmentRequired,
      can: (permission) => session.permissions.includes(permission),
      login: (email, password) => startSession({ email, password }),
      loginWithCode: finishMfaLogin,
      logout,
      reload: reloadSession,
    }),
    [session, logout],
  );

  if (restoring) return <FullPageLoader label="Restoring your session…" />;
  return (
    <AuthContext value={value}>
      {session.user && <IdleLogout onIdle={onIdle} />}
      {children}
    </AuthContext>
  );
}

export function useAuth(): AuthContextValue {
  const context = use(AuthContext);
  if (!context) throw new Error('useAuth must be used inside <AuthProvider>');
  return context;
}

/** The logged-in user, for screens behind the route guard (which guarantees there is one). */
export function useCurrentUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser is only available on protected routes');
  return user;
}
