// The portal realm's sign-in: login with lockout (staff's rules), refresh with rotation and reuse
// detection, logout, and turning a portal access token into a CustomerActor on every request.
import type { PortalCustomer, PortalTokenResponse } from '../../contracts/portal';
import { withTransaction, type Db, type Trx } from '../../db';
import type { CustomerActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { UnauthorizedError } from '../../platform/errors';
import { currentRequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../identity/auth.service';
import { dummyHash, verifyPassword } from '../identity/passwords';
import { hashRefreshToken, newRefreshToken } from '../identity/tokens';
import * as repo from './portal.repository';
import { PORTAL_ACCESS_TOKEN_TTL_SECONDS, PORTAL_SESSION_TTL_SECONDS, type PortalTokens } from './portal-tokens';

export interface IssuedPortalSession {
  response: PortalTokenResponse;
  refreshToken: string;
  expiresAt: Date;
}

/** Statuses of a customer record that may use the portal (a merged or deceased customer may not). */
const CAN_SIGN_IN = new Set(['active', 'inactive', 'prospect']);

const invalidCredentials = () => new UnauthorizedError('PORTAL_INVALID_CREDENTIALS', 'The username or password is incorrect.');
const isLocked = (a: repo.AccountRow | undefined, now: Date) => !!a?.locked_until && a.locked_until > now;

/** How the trail names a customer acting in the portal. */
export const asAuditActor = (accountId: string) => ({ customerAccountId: accountId });

export class PortalAuthService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly tokens: PortalTokens,
    private readonly audit: AuditService,
    private readonly profiles: CustomerProfiles,
    private readonly passwordHashCost: number,
  ) {}

  /** What the session shows of its customer. */
  async customerOf(account: Pick<repo.AccountRow, 'customer_id' | 'username'>): Promise<PortalCustomer & { branchId: string; status: string }> {
    const header = await this.profiles.header(this.db, account.customer_id);
    if (!header) throw new UnauthorizedError();
    return { customerId: header.id, customerNumber: header.customerNumber, name: header.name, username: account.username, branchId: header.branchId, status: header.status };
  }

  async login(username: string, password: string): Promise<IssuedPortalSession> {
    const now = this.clock.now();
    const account = await repo.findAccountByUsername(this.db, username.trim());
    // Same bcrypt work whether or not the username exists.
    const passwordOk = await verifyPassword(password, account?.password_hash ?? (await dummyHash(this.passwordHashCost)));
    const customer = account ? await this.customerOf(account) : undefined;
    const locked = isLocked(account, now);
    const mayUse = !!account && account.active && !!customer && CAN_SIGN_IN.has(customer.status);
    if (!account || locked || !passwordOk || !mayUse) {
      await withTransaction(this.db, async (trx) => {
        if (!account) {
          await this.audit.record(trx, { action: 'portal.login', outcome: 'failure', metadata: { reason: 'unknown_username' } });
          return;
        }
        const reason = locked ? 'locked' : !mayUse ? 'inactive' : 'wrong_password';
        await this.audit.record(trx, {
          actor: asAuditActor(account.id),
          action: 'portal.login',
          outcome: 'failure',
          entity: { type: 'customer', id: account.customer_id },
          branchId: customer?.branchId,
          metadata: { reason },
        });
        if (!locked) await this.countFailure(trx, account, customer?.branchId, now);
      });
      throw invalidCredentials();
    }
    return withTransaction(this.db, async (trx) => {
      await repo.recordSuccessfulLogin(trx, account.id, now);
      const issued = await this.startSession(trx, account, customer!, now);
      await this.audit.record(trx, {
        actor: asAuditActor(account.id),
        action: 'portal.login',
        entity: { type: 'customer', id: account.customer_id },
        branchId: customer!.branchId,
        metadata: { sessionId: issued.sessionId },
      });
      return issued.session;
    });
  }

  /** One more wrong password; the tenth in a row locks the account (as staff's). */
  private async countFailure(trx: Trx, account: repo.AccountRow, branchId: string | undefined, now: Date): Promise<void> {
    const failed = await repo.incrementFailedLogins(trx, account.id);
    if (failed !== undefined && failed >= MAX_FAILED_LOGINS) {
      const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
      await repo.lockAccount(trx, account.id, until, now);
      await this.audit.record(trx, {
        actor: asAuditActor(account.id),
        action: 'portal.lockout',
        outcome: 'denied',
        entity: { type: 'customer', id: account.customer_id },
        branchId,
        metadata: { until: until.toISOString(), failedAttempts: failed },
      });
    }
  }

  /** A new session for the account (login, or the end of registration), in `trx`. */
  async startSession(trx: Trx, account: repo.AccountRow, customer: PortalCustomer, now: Date) {
    const ctx = currentRequestContext();
    const expiresAt = new Date(now.getTime() + PORTAL_SESSION_TTL_SECONDS * 1000);
    const session = await repo.insertSession(trx, { account_id: account.id, created_at: now, expires_at: expiresAt, ip: ctx?.ip, user_agent: ctx?.userAgent });
    const refreshToken = newRefreshToken();
    await repo.insertRefreshToken(trx, session.id, hashRefreshToken(refreshToken), now);
    return { sessionId: session.id, session: this.issue(account, customer, session.id, refreshToken, expiresAt) };
  }

  private issue(account: repo.AccountRow, customer: PortalCustomer, sessionId: string, refreshToken: string, expiresAt: Date): IssuedPortalSession {
    const accessToken = this.tokens.issue({ sub: account.id, sid: sessionId, tv: account.token_version });
    const { customerId, customerNumber, name, username } = customer;
    return { response: { accessToken, expiresIn: PORTAL_ACCESS_TOKEN_TTL_SECONDS, customer: { customerId, customerNumber, name, username } }, refreshToken, expiresAt };
  }

  /** A refresh token for a new pair; one presented twice ends its whole session. */
  async refresh(refreshToken: string | undefined): Promise<IssuedPortalSession> {
    if (!refreshToken) throw new UnauthorizedError('PORTAL_SESSION_ENDED', 'No session: log in again.');
    const now = this.clock.now();
    const outcome = await withTransaction(this.db, async (trx) => {
      const found = await repo.findRefreshTokenForUpdate(trx, hashRefreshToken(refreshToken));
      if (!found) return { error: new UnauthorizedError('PORTAL_SESSION_ENDED', 'Your session is not valid: log in again.') };
      const account = await repo.findAccount(trx, found.account_id);
      if (found.rotated_at) {
        await repo.revokeSession(trx, found.session_id, now, 'refresh_token_reuse');
        await this.audit.record(trx, {
          actor: asAuditActor(found.account_id),
          action: 'portal.refresh_reuse',
          outcome: 'denied',
          entity: account ? { type: 'customer', id: account.customer_id } : undefined,
          metadata: { sessionId: found.session_id },
        });
        return { error: new UnauthorizedError('PORTAL_REFRESH_TOKEN_REUSED', 'This session was ended for your safety: log in again.') };
      }
      const customer = account ? await this.customerOf(account) : undefined;
      if (found.revoked_at || found.expires_at <= now || !account || !account.active || !customer || !CAN_SIGN_IN.has(customer.status)) {
        return { error: new UnauthorizedError('PORTAL_SESSION_ENDED', 'Your session has ended: log in again.') };
      }
      await repo.markRotated(trx, found.token_id, now);
      const next = newRefreshToken();
      await repo.insertRefreshToken(trx, found.session_id, hashRefreshToken(next), now);
      await repo.touchSession(trx, found.session_id, now);
      return { session: this.issue(account, customer, found.session_id, next, found.expires_at) };
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.session;
  }

  /** Ends the session of the access token, or of the refresh token. */
  async logout(refreshToken: string | undefined, customer: CustomerActor | undefined): Promise<void> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      let sessionId = customer?.sessionId;
      let accountId = customer?.accountId;
      if (!sessionId && refreshToken) {
        const found = await repo.findRefreshTokenForUpdate(trx, hashRefreshToken(refreshToken));
        sessionId = found?.session_id;
        accountId = found?.account_id;
      }
      if (!sessionId || !accountId) return;
      const account = await repo.findAccount(trx, accountId);
      if ((await repo.revokeSession(trx, sessionId, now, 'logout')) && account)
        await this.audit.record(trx, {
          actor: asAuditActor(accountId),
          action: 'portal.logout',
          entity: { type: 'customer', id: account.customer_id },
          branchId: customer?.branchId,
          metadata: { sessionId },
        });
    });
  }

  /**
   * The customer behind a portal access token, or a 401. Read on every request (one query), never
   * cached: a logout or a locked-out customer is seen by the next request on every instance.
   */
  async authenticate(accessToken: string): Promise<CustomerActor> {
    const claims = this.tokens.verify(accessToken);
    const subject = await repo.findTokenSubject(this.db, claims.sub, claims.sid);
    const now = this.clock.now();
    if (!subject || !subject.active || subject.token_version !== claims.tv || subject.revoked_at || subject.expires_at <= now || !CAN_SIGN_IN.has(subject.customer_status)) {
      throw new UnauthorizedError('PORTAL_SESSION_ENDED', 'Your session has ended: log in again.');
    }
    return { accountId: subject.id, customerId: subject.customer_id, branchId: subject.branch_id, sessionId: claims.sid };
  }

  async me(customer: CustomerActor): Promise<PortalCustomer> {
    const account = await repo.findAccount(this.db, customer.accountId);
    if (!account) throw new UnauthorizedError();
    const { customerId, customerNumber, name, username } = await this.customerOf(account);
    return { customerId, customerNumber, name, username };
  }
}
