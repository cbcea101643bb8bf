// Login, token refresh with rotation and reuse detection, logout, password change, and turning an
// access token into an Actor on every request.
import type { SessionUser, TokenResponse } from '../../contracts/auth';
import { ROLE_PERMISSIONS } from '../../contracts/permissions';
import { withTransaction, type Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { UnauthorizedError } from '../../platform/errors';
import { maskEmail } from '../../platform/masking';
import { currentRequestContext } from '../../platform/request-context';
import { branchScopeFor } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import { identityUnauthorized, invalidCredentials, weakPassword } from './identity.errors';
import * as repo from './identity.repository';
import { dummyHash, hashPassword, newPasswordProblems, verifyPassword } from './passwords';
import { ACCESS_TOKEN_TTL_SECONDS, SESSION_TTL_SECONDS, hashRefreshToken, newRefreshToken, type TokenService } from './tokens';

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MINUTES = 30;

type Trx = Parameters<Parameters<Db['transaction']>[0]>[0];

const isLocked = (user: repo.UserRow | undefined, now: Date) => !!user?.locked_until && user.locked_until > now;

export interface IssuedSession {
  response: TokenResponse;
  refreshToken: string;
  /** When the session ends whatever happens (cookie lifetime). */
  expiresAt: Date;
}

export function toSessionUser(u: Pick<repo.UserRow, 'id' | 'email' | 'name' | 'role' | 'branch_id' | 'must_change_password'>): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, branchId: u.branch_id, mustChangePassword: u.must_change_password };
}

/** An authentication event about `user`: they are the actor and the audited record. */
const aboutUser = (user: repo.UserRow) => ({ actor: { userId: user.id, role: user.role }, entity: { type: 'user', id: user.id }, branchId: user.branch_id });

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly passwordHashCost: number,
  ) {}

  async login(email: string, password: string): Promise<IssuedSession> {
    const now = this.clock.now();
    const user = await repo.findUserByEmail(this.db, email);
    // Same work whether or not the email exists, so timing does not tell.
    const passwordOk = await verifyPassword(password, user?.password_hash ?? (await dummyHash(this.passwordHashCost)));

    // A locked account answers exactly like a wrong password (after the same bcrypt work), so the
    // answer never tells which emails exist or are locked; admins see the lock on the user.
    const locked = isLocked(user, now);
    if (!user || locked || !passwordOk || !user.active) {
      await withTransaction(this.db, async (trx) => {
        if (!user) {
          await this.audit.record(trx, { action: 'auth.login', outcome: 'failure', metadata: { reason: 'unknown_email', email: maskEmail(email) } });
          return;
        }
        const reason = locked ? 'locked' : !user.active ? 'inactive' : 'wrong_password';
        await this.audit.record(trx, { ...aboutUser(user), action: 'auth.login', outcome: 'failure', metadata: { reason } });
        if (!locked) await this.countFailure(trx, user, now);
      });
      throw invalidCredentials();
    }

    return withTransaction(this.db, async (trx) => {
      await repo.recordSuccessfulLogin(trx, user.id, now);
      const issued = await this.startSession(trx, user, now);
      await this.audit.record(trx, { ...aboutUser(user), action: 'auth.login', metadata: { sessionId: issued.sessionId } });
      return issued.session;
    });
  }

  /** One more wrong password for `user`; the tenth in a row locks the account. */
  private async countFailure(trx: Trx, user: repo.UserRow, now: Date): Promise<void> {
    const failedLogins = await repo.incrementFailedLogins(trx, user.id);
    if (failedLogins !== undefined && failedLogins >= MAX_FAILED_LOGINS) {
      const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
      await repo.lockUser(trx, user.id, until);
      await this.audit.record(trx, { ...aboutUser(user), action: 'auth.lockout', outcome: 'denied', metadata: { until: until.toISOString(), failedAttempts: failedLogins } });
    }
  }

  private async startSession(trx: Trx, user: repo.UserRow, now: Date) {
    const ctx = currentRequestContext();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
    const session = await repo.insertSession(trx, { user_id: user.id, created_at: now, expires_at: expiresAt, ip: ctx?.ip, user_agent: ctx?.userAgent });
    const refreshToken = newRefreshToken();
    await repo.insertRefreshToken(trx, session.id, hashRefreshToken(refreshToken), now);
    return { sessionId: session.id, session: this.issue(user, session.id, refreshToken, expiresAt) };
  }

  private issue(user: repo.UserRow, sessionId: string, refreshToken: string, expiresAt: Date): IssuedSession {
    const accessToken = this.tokens.issueAccessToken({ sub: user.id, sid: sessionId, tv: user.token_version });
    return { response: { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user: toSessionUser(user) }, refreshToken, expiresAt };
  }

  /** Exchanges a refresh token for a new pair. A token presented twice revokes its whole family. */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw identityUnauthorized('REFRESH_TOKEN_MISSING', 'No session: log in again.');
    const now = this.clock.now();
    const outcome = await withTransaction(this.db, async (trx) => {
      const found = await repo.findRefreshTokenForUpdate(trx, hashRefreshToken(refreshToken));
      if (!found) return { error: identityUnauthorized('INVALID_REFRESH_TOKEN', 'Your session is not valid: log in again.') };
      const user = await repo.findUserById(trx, found.user_id);
      if (found.rotated_at) {
        await repo.revokeSession(trx, found.session_id, now, 'refresh_token_reuse');
        await this.audit.record(trx, {
          actor: user && { userId: user.id, role: user.role },
          action: 'auth.refresh_reuse',
          outcome: 'denied',
          entity: { type: 'user', id: found.user_id },
          branchId: user?.branch_id,
          metadata: { sessionId: found.session_id },
        });
        return { error: identityUnauthorized('REFRESH_TOKEN_REUSED', 'This session was ended for your safety: log in again.') };
      }
      if (found.revoked_at || found.expires_at <= now || !user || !user.active) {
        return { error: identityUnauthorized('SESSION_EXPIRED', 'Your session has ended: log in again.') };
      }
      await repo.markRotated(trx, found.token_id, now);
      const next = newRefreshToken();
      await repo.insertRefreshToken(trx, found.session_id, hashRefreshToken(next), now);
      await repo.touchSession(trx, found.session_id, now);
      return { session: this.issue(user, found.session_id, next, found.expires_at) };
    });
    // Errors are returned, not thrown, so the family revocation above commits.
    if ('error' in outcome) throw outcome.error;
    return outcome.session;
  }

  /** Ends the session of the refresh token or of the access token's session id. */
  async logout(refreshToken: string | undefined, actor: Actor | undefined): Promise<void> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      let sessionId = actor?.sessionId;
      if (!sessionId && refreshToken) sessionId = (await repo.findRefreshTokenForUpdate(trx, hashRefreshToken(refreshToken)))?.session_id;
      if (!sessionId) return;
      const revoked = await repo.revokeSession(trx, sessionId, now, 'logout');
      if (revoked && actor)
        await this.audit.record(trx, { actor, action: 'auth.logout', entity: { type: 'user', id: actor.userId }, branchId: actor.branchId, metadata: { sessionId } });
    });
  }

  /** Own password change: every other session ends; this one continues with fresh tokens. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<IssuedSession> {
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user) throw new UnauthorizedError();
    // A wrong current password is a failed login: it counts toward the lockout, and while the
    // account is locked even the right one is refused (the route also shares the login rate limit).
    const currentOk = await verifyPassword(currentPassword, user.password_hash);
    const now = this.clock.now();
    const locked = isLocked(user, now);
    if (!currentOk || locked) {
      await withTransaction(this.db, async (trx) => {
        await this.audit.record(trx, {
          actor,
          action: 'auth.password_change',
          outcome: 'failure',
          entity: { type: 'user', id: user.id },
          branchId: user.branch_id,
          metadata: { reason: locked ? 'locked' : 'wrong_current_password' },
        });
        if (!locked) await this.countFailure(trx, user, now);
      });
      throw weakPassword('currentPassword', ['The current password is incorrect']);
    }
    const problems = newPasswordProblems(newPassword, { email: user.email, name: user.name });
    if (!problems.length && (await verifyPassword(newPassword, user.password_hash))) problems.push('Choose a password different from the current one');
    if (problems.length) throw weakPassword('newPassword', problems);
    const hash = await hashPassword(newPassword, this.passwordHashCost);
    return withTransaction(this.db, async (trx) => {
      if (!(await repo.setOwnPassword(trx, user.id, hash, now))) throw new UnauthorizedError();
      await repo.revokeOtherSessions(trx, user.id, null, now, 'password_changed');
      const fresh = (await repo.findUserById(trx, user.id))!;
      const { session } = await this.startSession(trx, fresh, now);
      await this.audit.record(trx, {
        actor,
        action: 'auth.password_change',
        entity: { type: 'user', id: user.id },
        branchId: user.branch_id,
        before: { passwordHash: 'old', mustChangePassword: user.must_change_password },
        after: { passwordHash: 'new', mustChangePassword: false },
      });
      return session;
    });
  }

  /**
   * The Actor behind an access token, or a 401. One indexed query per request (primary keys of users
   * and auth_sessions), never a cache: a logout, disable, role or password change committed on any
   * instance is seen by the very next request everywhere.
   */
  async authenticate(accessToken: string): Promise<Actor> {
    const claims = this.tokens.verifyAccessToken(accessToken);
    const subject = await repo.findTokenSubject(this.db, claims.sub, claims.sid);
    const now = this.clock.now();
    if (!subject || !subject.active || subject.token_version !== claims.tv || subject.session_revoked_at || subject.session_expires_at <= now) {
      throw identityUnauthorized('TOKEN_REVOKED', 'Your session has ended: log in again.');
    }
    return {
      userId: subject.id,
      role: subject.role,
      branchId: subject.branch_id,
      branchIds: branchScopeFor(subject.role, subject.branch_id, subject.managed_branch_ids),
      permissions: new Set(ROLE_PERMISSIONS[subject.role]),
      mustChangePassword: subject.must_change_password,
      sessionId: claims.sid,
    };
  }

  async me(actor: Actor) {
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user) throw new UnauthorizedError();
    return { user: toSessionUser(user), permissions: [...actor.permissions].sort(), branchIds: actor.branchIds === 'all' ? null : actor.branchIds };
  }
}
