import type { Me, SessionUser } from '@contracts/auth';

export type SessionEndReason = 'logout' | 'idle' | 'expired';

export interface SessionSnapshot {
  accessToken: string | null;
  user: SessionUser | null;
  permissions: readonly string[];
  /** The branches the user works in; null means every branch. */
  branchIds: readonly string[] | null;
  /** TOTP is required and not yet set up: only the enrolment page is open. */
  mfaEnrollmentRequired: boolean;
  /** Why the previous session ended; tells the login redirect whether to remember the page. */
  endReason: SessionEndReason | null;
}

// The access token lives only in memory; the refresh token is an httpOnly cookie the console never sees.
// This flag only remembers that a refresh cookie probably exists, so a fresh browser skips a refresh
// call that could only answer 401.
const SESSION_HINT_KEY = 'policydesk.session';

const anonymous: SessionSnapshot = { accessToken: null, user: null, permissions: [], branchIds: [], mfaEnrollmentRequired: false, endReason: null };

let snapshot: SessionSnapshot = anonymous;
const listeners = new Set<() => void>();
const endListeners = new Set<(reason: SessionEndReason) => void>();

function update(next: SessionSnapshot): void {
  snapshot = next;
  listeners.forEach((listener) => listener());
}

function writeHint(present: boolean): void {
  try {
    if (present) localStorage.setItem(SESSION_HINT_KEY, '1');
    else localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // Storage can be disabled by browser policy; the console then simply always asks the server.
  }
}

export const sessionStore = {
  getSnapshot: (): SessionSnapshot => snapshot,

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  onEnd(listener: (reason: SessionEndReason) => void): () => void {
    endListeners.add(listener);
    return () => endListeners.delete(listener);
  },

  setAccessToken(accessToken: string): void {
    update({ ...snapshot, accessToken });
  },

  establish(me: Me): void {
    writeHint(true);
    update({ ...snapshot, user: me.user, permissions: me.permissions, branchIds: me.branchIds, mfaEnrollmentRequired: me.mfa.enrollmentRequired, endReason: null });
  },

  /**
   * Forgets a session that never fully started (login or restore failed half-way). `keepHint` when the
   * server could not be asked, so the next page load tries the refresh cookie again.
   */
  reset({ keepHint = false }: { keepHint?: boolean } = {}): void {
    if (!keepHint) writeHint(false);
    update(anonymous);
  },

  end(reason: SessionEndReason): void {
    const hadUser = snapshot.user !== null;
    writeHint(false);
    update({ ...anonymous, endReason: reason });
    if (hadUser) endListeners.forEach((listener) => listener(reason));
  },

  hasSessionHint(): boolean {
    try {
      return localStorage.getItem(SESSION_HINT_KEY) !== null;
    } catch {
      return true; // unknown, so let the server decide
    }
  },
};
