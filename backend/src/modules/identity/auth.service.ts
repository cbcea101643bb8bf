// Login, token refresh with rotation and reuse detection, logout, password change, and turning an
// access token into an Actor on every request.
import type { MfaChallenge, Role, SessionUser, TokenResponse } from '../../contracts/auth';
import type { AuthSessionList, IdentityErrorCode, MfaEnrolment, MfaStatus } from '../../contracts/identity';
import { ROLE_PERMISSIONS } from '../../contracts/permissions';
import { withTransaction, type Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, UnauthorizedError, ValidationError } from '../../platform/errors';
import type { FieldCrypto } from '../../platform/field-crypto';
import { maskEmail } from '../../platform/masking';
import { currentRequestContext } from '../../platform/request-context';
import { branchScopeFor } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import { identityConflict, identityUnauthorized, invalidCredentials, networkNotAllowed, weakPassword } from './identity.errors';
import type { NetworkPolicy } from './network-policy';
import * as repo from './identity.repository';
import { dummyHash, hashPassword, newPasswordProblems, verifyPassword } from './passwords';
import { ACCESS_TOKEN_TTL_SECONDS, SESSION_TTL_SECONDS, hashRefreshToken, newRefreshToken, type TokenService } from './tokens';
import { isTotpCode, matchingStep, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, otpauthUrl, qrCodeDataUrl } from './totp';

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MINUTES = 30;
/** How long a login challenge (password right, code still to come) stays open, and how many wrong codes it takes. */
export const MFA_CHALLENGE_TTL_SECONDS = 5 * 60;
export const MFA_CHALLENGE_MAX_ATTEMPTS = 5;
/** Encryption context of the TOTP secret (authenticated: the value decrypts in this column only). */
export const TOTP_SECRET_CONTEXT = 'user_totp.secret';
const RECOVERY_CODE_CONTEXT = 'user_recovery_codes.code';

/** Whether TOTP is required (MFA_MODE) and which roles the deployment exempts. */
export interface MfaPolicy {
  required: boolean;
  exemptRoles: readonly Role[];
}

export type LoginOutcome = { session: IssuedSession } | { challenge: MfaChallenge };

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
    private readonly crypto: FieldCrypto,
    private readonly mfa: MfaPolicy,
    private readonly networks: NetworkPolicy,
  ) {}

  /** TOTP must be enrolled before any work (outside local demo mode; exempt roles never admin or manager). */
  mfaRequiredFor(role: Role): boolean {
    return this.mfa.required && !this.mfa.exemptRoles.includes(role);
  }

  /** Refuses (403, audited) a user whose role may not call from this address (ALLOWED_NETWORKS). */
  private async assertNetworkAllowed(user: Pick<repo.UserRow, 'id' | 'role' | 'branch_id'>, step: string): Promise<void> {
    const ip = currentRequestContext()?.ip;
    if (this.networks.allows(user.role, ip)) return;
    await this.audit.record(this.db, {
      actor: { userId: user.id, role: user.role },
      entity: { type: 'user', id: user.id },
      branchId: user.branch_id,
      action: 'auth.network_denied',
      outcome: 'denied',
      metadata: { step, ip: ip ?? null },
    });
    throw networkNotAllowed();
  }

  async login(email: string, password: string): Promise<LoginOutcome> {
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

    await this.assertNetworkAllowed(user, 'login');

    // Enrolled: the password alone gives no tokens, only a short-lived challenge for the code. The
    // failure count is not reset here, so wrong codes keep adding up towards the lockout.
    if (user.mfa_enabled) {
      const token = newRefreshToken();
      await withTransaction(this.db, async (trx) => {
        await repo.insertChallenge(trx, {
          user_id: user.id,
          token_hash: hashRefreshToken(token),
          created_at: now,
          expires_at: new Date(now.getTime() + MFA_CHALLENGE_TTL_SECONDS * 1000),
        });
        await this.audit.record(trx, { ...aboutUser(user), action: 'auth.mfa_challenge' });
      });
      return { challenge: { mfaRequired: true, challengeToken: token, expiresIn: MFA_CHALLENGE_TTL_SECONDS } };
    }

    return withTransaction(this.db, async (trx) => {
      await repo.recordSuccessfulLogin(trx, user.id, now);
      const issued = await this.startSession(trx, user, now);
      await this.audit.record(trx, { ...aboutUser(user), action: 'auth.login', metadata: { sessionId: issued.sessionId } });
      return { session: issued.session };
    });
  }

  /**
   * The second step of an enrolled user's login: a TOTP code (±1 step, each step accepted once) or an
   * unused recovery code. Wrong, replayed and used codes count towards the lockout like wrong passwords.
   */
  async completeMfaLogin(challengeToken: string, code: string): Promise<IssuedSession> {
    const now = this.clock.now();
    const outcome = await withTransaction(this.db, async (trx) => {
      const challenge = await repo.findChallengeForUpdate(trx, hashRefreshToken(challengeToken));
      const invalidChallenge = { error: identityUnauthorized('MFA_CHALLENGE_INVALID', 'This sign-in has expired: enter your email and password again.') };
      if (!challenge || challenge.consumed_at || challenge.expires_at <= now || challenge.failed_attempts >= MFA_CHALLENGE_MAX_ATTEMPTS) return invalidChallenge;
      const user = await repo.findUserById(trx, challenge.user_id, { forUpdate: true });
      if (!user || !user.active) return invalidChallenge;
      const totp = await repo.findTotp(trx, user.id, { forUpdate: true });
      if (!totp?.confirmed_at) return invalidChallenge;
      if (!this.networks.allows(user.role, currentRequestContext()?.ip)) return { network: user as repo.UserRow };

      const locked = isLocked(user, now);
      let failure: 'wrong_code' | 'reused_code' | 'used_recovery_code' | 'locked' | undefined = locked ? 'locked' : undefined;
      let method: 'totp' | 'recovery_code' = 'totp';
      if (!failure && isTotpCode(code)) {
        const secret = this.crypto.decrypt({ keyId: totp.secret_key_id, ciphertext: totp.secret_ciphertext }, TOTP_SECRET_CONTEXT);
        const step = await matchingStep(secret, code.trim(), now);
        if (step === undefined) failure = 'wrong_code';
        else if (!(await repo.useTotpStep(trx, user.id, step, now))) failure = 'reused_code';
      } else if (!failure) {
        method = 'recovery_code';
        const used = await repo.useRecoveryCode(trx, user.id, this.recoveryHash(code), now);
        if (used === 'unknown') failure = 'wrong_code';
        else if (used === 'used') failure = 'used_recovery_code';
      }

      if (failure) {
        await repo.countChallengeFailure(trx, challenge.id);
        await this.audit.record(trx, { ...aboutUser(user), action: 'auth.login', outcome: 'failure', metadata: { reason: failure, method } });
        if (!locked) await this.countFailure(trx, user, now);
        const error =
          failure === 'reused_code'
            ? identityUnauthorized('MFA_CODE_REUSED', 'This code was already used: wait for the next one.')
            : failure === 'used_recovery_code'
              ? identityUnauthorized('RECOVERY_CODE_USED', 'This recovery code was already used.')
              : identityUnauthorized('MFA_CODE_INVALID', 'The code is not correct.');
        return { error };
      }

      await repo.consumeChallenge(trx, challenge.id, now);
      await repo.recordSuccessfulLogin(trx, user.id, now);
      const issued = await this.startSession(trx, user, now);
      await this.audit.record(trx, { ...aboutUser(user), action: 'auth.login', metadata: { sessionId: issued.sessionId, method } });
      return { session: issued.session };
    });
    // Errors are returned, not thrown, so the failure counts above commit.
    if ('network' in outcome && outcome.network) {
      await this.assertNetworkAllowed(outcome.network, 'mfa');
      throw networkNotAllowed();
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.session;
  }

  private recoveryHash(code: string): string {
    return this.crypto.blindIndex(normalizeRecoveryCode(code), RECOVERY_CODE_CONTEXT);
  }

  async mfaStatus(actor: Actor): Promise<MfaStatus> {
    const totp = await repo.findTotp(this.db, actor.userId);
    const enabled = !!totp?.confirmed_at;
    return {
      enabled,
      enrolledAt: totp?.confirmed_at?.toISOString() ?? null,
      required: this.mfaRequiredFor(actor.role),
      recoveryCodesLeft: enabled ? await repo.countUnusedRecoveryCodes(this.db, actor.userId) : 0,
    };
  }

  /** Starts an enrolment: a new secret, kept encrypted until a code from the app confirms it. */
  async startMfaEnrolment(actor: Actor): Promise<MfaEnrolment> {
    const now = this.clock.now();
    const secret = newTotpSecret();
    const user = await withTransaction(this.db, async (trx) => {
      const u = await repo.findUserById(trx, actor.userId, { forUpdate: true });
      if (!u) throw new UnauthorizedError();
      if ((await repo.findTotp(trx, u.id))?.confirmed_at) throw identityConflict('MFA_ALREADY_ENABLED', 'Two-factor sign-in is already set up; an administrator can reset it.');
      await repo.upsertPendingTotp(trx, u.id, this.crypto.encrypt(secret, TOTP_SECRET_CONTEXT), now);
      return u;
    });
    const url = otpauthUrl(secret, user.email);
    return { secret, otpauthUrl: url, qrCodeDataUrl: await qrCodeDataUrl(url) };
  }

  /** Confirms the enrolment with a first code; answers the ten recovery codes, shown this once. */
  async confirmMfaEnrolment(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const user = await repo.findUserById(trx, actor.userId, { forUpdate: true });
      if (!user) throw new UnauthorizedError();
      const totp = await repo.findTotp(trx, user.id, { forUpdate: true });
      if (totp?.confirmed_at) throw identityConflict('MFA_ALREADY_ENABLED', 'Two-factor sign-in is already set up.');
      if (!totp) throw identityConflict('MFA_ENROLMENT_NOT_STARTED', 'Start the set-up first: scan the QR code, then enter a code.');
      const secret = this.crypto.decrypt({ keyId: totp.secret_key_id, ciphertext: totp.secret_ciphertext }, TOTP_SECRET_CONTEXT);
      const step = await matchingStep(secret, code, now);
      if (step === undefined) {
        throw new ValidationError(
          [{ path: 'code', message: 'The code is not correct: check the time on your phone and try the next one' }],
          'The code is not correct.',
          'MFA_CODE_INVALID' satisfies IdentityErrorCode,
        );
      }
      await repo.confirmTotp(trx, user.id, step, now);
      const codes = newRecoveryCodes();
      await repo.replaceRecoveryCodes(
        trx,
        user.id,
        codes.map((c) => this.recoveryHash(c)),
        now,
      );
      await this.audit.record(trx, { actor, action: 'auth.mfa_enrol', entity: { type: 'user', id: user.id }, branchId: user.branch_id, after: { mfaEnabled: true } });
      return { recoveryCodes: codes };
    });
  }

  /** The caller's live sessions (device, address, last use: refreshed at most every 15 minutes). */
  async listSessions(actor: Actor): Promise<AuthSessionList> {
    const rows = await repo.listLiveSessions(this.db, actor.userId, this.clock.now());
    return {
      items: rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at.toISOString(),
        lastUsedAt: r.last_used_at.toISOString(),
        expiresAt: r.expires_at.toISOString(),
        ip: r.ip,
        userAgent: r.user_agent,
        current: r.id === actor.sessionId,
      })),
    };
  }

  /** Ends one of the caller's sessions: its access and refresh tokens are refused from the next request on. */
  async endSession(actor: Actor, sessionId: string): Promise<void> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      if (!(await repo.revokeOwnSession(trx, actor.userId, sessionId, now, 'ended_by_user'))) throw new NotFoundError('session', 'SESSION_NOT_FOUND');
      await this.audit.record(trx, {
        actor,
        action: 'auth.session_end',
        entity: { type: 'user', id: actor.userId },
        branchId: actor.branchId,
        metadata: { sessionId, current: sessionId === actor.sessionId },
      });
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
      if (!this.networks.allows(user.role, currentRequestContext()?.ip)) return { network: user as repo.UserRow };
      await repo.markRotated(trx, found.token_id, now);
      const next = newRefreshToken();
      await repo.insertRefreshToken(trx, found.session_id, hashRefreshToken(next), now);
      await repo.touchSession(trx, found.session_id, now);
      return { session: this.issue(user, found.session_id, next, found.expires_at) };
    });
    // Errors are returned, not thrown, so the family revocation above commits.
    if ('network' in outcome && outcome.network) {
      await this.assertNetworkAllowed(outcome.network, 'refresh');
      throw networkNotAllowed();
    }
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
      mfaEnrollmentRequired: !subject.mfa_enabled && this.mfaRequiredFor(subject.role),
      sessionId: claims.sid,
    };
  }

  async me(actor: Actor) {
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user) throw new UnauthorizedError();
    return {
      user: toSessionUser(user),
      mfa: { enabled: user.mfa_enabled, enrollmentRequired: !user.mfa_enabled && this.mfaRequiredFor(user.role) },
      permissions: [...actor.permissions].sort(),
      branchIds: actor.branchIds === 'all' ? null : actor.branchIds,
    };
  }
}
