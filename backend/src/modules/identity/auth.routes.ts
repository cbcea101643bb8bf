// Authentication: login, refresh, logout, the current user, changing one's own password.
import cookieParser from 'cookie-parser';
import type { CookieOptions, Request, Response } from 'express';
import { LoginBody, LoginResponse, Me, MfaLoginBody, TokenResponse } from '../../contracts/auth';
import { AuthSessionList, ChangePasswordBody, ConfirmMfaBody, IdParam, MfaEnrolment, MfaStatus, RecoveryCodes, type IdentityErrorCode } from '../../contracts/identity';
import type { ModuleContext } from '../../platform/module';
import { PostgresRateLimitStore, perIpLimit } from '../../platform/rate-limit';
import type { AuthService, IssuedSession } from './auth.service';

export const REFRESH_COOKIE = 'pd_refresh';
const REFRESH_COOKIE_PATH = '/api/auth';

export function registerAuthRoutes({ api, config, db }: ModuleContext<never>, auth: AuthService) {
  const cookies = cookieParser();
  // Production is served over HTTPS even when a proxy in front makes req.secure false.
  const production = config.appEnv === 'production';
  const refreshCookieOptions = (req: Request, expires?: Date): CookieOptions => ({
    httpOnly: true,
    sameSite: 'strict',
    secure: production || req.secure,
    path: REFRESH_COOKIE_PATH,
    ...(expires ? { expires } : {}),
  });
  const sendSession = (req: Request, res: Response, session: IssuedSession) => {
    res.cookie(REFRESH_COOKIE, session.refreshToken, refreshCookieOptions(req, session.expiresAt));
    res.json(session.response);
  };
  // Login throttling counts in PostgreSQL, so it holds across instances; wrong current passwords on
  // a password change count toward the same per-IP limit (same prefix).
  const loginLimit = (onlyFailures: boolean) =>
    config.loginRateLimitPerMinute > 0
      ? [perIpLimit(config.loginRateLimitPerMinute, 'LOGIN_RATE_LIMITED' satisfies IdentityErrorCode, { store: new PostgresRateLimitStore(db, 'login'), onlyFailures })]
      : [];
  const loginLimiter = loginLimit(false);

  api.route({
    method: 'post',
    path: '/auth/login',
    summary: 'Log in with email and password',
    description:
      'Answers an access token (15 minutes) and sets the refresh token as an httpOnly, SameSite=Strict cookie scoped to /api/auth. Unknown email and wrong password get the same answer. A user with two-factor sign-in gets a short-lived challenge instead (`mfaRequired: true`), answered at /auth/login/mfa.',
    tags: ['Auth'],
    access: 'public',
    before: loginLimiter,
    request: { body: LoginBody },
    responses: {
      200: { description: 'Logged in, or a challenge for the second factor', schema: LoginResponse },
      401: { description: 'INVALID_CREDENTIALS (also for a locked or disabled account)' },
      403: { description: 'NETWORK_NOT_ALLOWED: the role may not sign in from this address' },
      503: { description: 'The database is unavailable (SERVICE_UNAVAILABLE)' },
    },
    handler: async ({ body }, req, res) => {
      const outcome = await auth.login(body.email, body.password);
      if ('challenge' in outcome) res.json(outcome.challenge);
      else sendSession(req, res, outcome.session);
    },
  });

  api.route({
    method: 'post',
    path: '/auth/login/mfa',
    summary: 'Finish logging in with a TOTP code or a recovery code',
    description:
      'Takes the challenge from /auth/login and a 6-digit code (one step either side accepted, each code once) or an unused recovery code. Wrong, replayed and used codes count towards the lockout like wrong passwords.',
    tags: ['Auth'],
    access: 'public',
    before: loginLimiter,
    request: { body: MfaLoginBody },
    responses: {
      200: { description: 'Logged in', schema: TokenResponse },
      401: { description: 'MFA_CODE_INVALID, MFA_CODE_REUSED, RECOVERY_CODE_USED or MFA_CHALLENGE_INVALID (expired, used, or too many wrong codes)' },
      403: { description: 'NETWORK_NOT_ALLOWED' },
    },
    handler: async ({ body }, req, res) => sendSession(req, res, await auth.completeMfaLogin(body.challengeToken, body.code)),
  });

  api.route({
    method: 'get',
    path: '/auth/mfa',
    summary: 'Your two-factor sign-in: enrolled, required, recovery codes left',
    tags: ['Auth'],
    access: 'authenticated',
    allowDuringMfaEnrollment: true,
    responses: { 200: { description: 'Status', schema: MfaStatus } },
    handler: async ({ actor }, _req, res) => res.json(await auth.mfaStatus(actor)),
  });

  api.route({
    method: 'post',
    path: '/auth/mfa/enrolment',
    summary: 'Start setting up TOTP: a new secret as an otpauth:// URL and QR code',
    description: 'Replaces an unconfirmed enrolment. The secret is stored encrypted and counts only once confirmed with a code.',
    tags: ['Auth'],
    access: 'authenticated',
    allowDuringMfaEnrollment: true,
    responses: { 200: { description: 'The secret, shown for this set-up', schema: MfaEnrolment }, 409: { description: 'MFA_ALREADY_ENABLED' } },
    handler: async ({ actor }, _req, res) => res.json(await auth.startMfaEnrolment(actor)),
  });

  api.route({
    method: 'post',
    path: '/auth/mfa/enrolment/confirm',
    summary: 'Confirm TOTP with a first code; answers ten single-use recovery codes, shown once',
    tags: ['Auth'],
    access: 'authenticated',
    allowDuringMfaEnrollment: true,
    request: { body: ConfirmMfaBody },
    responses: {
      200: { description: 'Enrolled', schema: RecoveryCodes },
      400: { description: 'MFA_CODE_INVALID' },
      409: { description: 'MFA_ALREADY_ENABLED or MFA_ENROLMENT_NOT_STARTED' },
    },
    handler: async ({ actor, body }, _req, res) => res.json(await auth.confirmMfaEnrolment(actor, body.code)),
  });

  api.route({
    method: 'get',
    path: '/auth/sessions',
    summary: 'Your live sessions: device, address, last use',
    tags: ['Auth'],
    access: 'authenticated',
    allowDuringMfaEnrollment: true,
    responses: { 200: { description: 'Live sessions, newest first', schema: AuthSessionList } },
    handler: async ({ actor }, _req, res) => res.json(await auth.listSessions(actor)),
  });

  api.route({
    method: 'delete',
    path: '/auth/sessions/:id',
    summary: 'End one of your sessions (its tokens are refused from the next request on)',
    tags: ['Auth'],
    access: 'authenticated',
    allowDuringMfaEnrollment: true,
    request: { params: IdParam },
    responses: { 204: { description: 'Ended' }, 404: { description: 'SESSION_NOT_FOUND (not yours, or already ended)' } },
    handler: async ({ actor, params }, _req, res) => {
      await auth.endSession(actor, params.id);
      res.status(204).end();
    },
  });

  api.route({
    method: 'post',
    path: '/auth/refresh',
    summary: 'Exchange the refresh cookie for a new access token (rotates the refresh token)',
    description: 'Presenting an already rotated refresh token ends the whole session (reuse detection). Sessions end 12 hours after login.',
    tags: ['Auth'],
    access: 'public',
    before: [cookies],
    responses: {
      200: { description: 'New tokens', schema: TokenResponse },
      401: { description: 'No valid session' },
      403: { description: 'NETWORK_NOT_ALLOWED: the role may not use Policydesk from this address' },
      503: { description: 'The database is unavailable (SERVICE_UNAVAILABLE)' },
    },
    handler: async (_input, req, res) => {
      try {
        sendSession(req, res, await auth.refresh(req.cookies?.[REFRESH_COOKIE]));
      } catch (err) {
        res.clearCookie(REFRESH_COOKIE, refreshCookieOptions(req));
        throw err;
      }
    },
  });

  api.route({
    method: 'post',
    path: '/auth/logout',
    summary: 'End the current session',
    tags: ['Auth'],
    access: 'public',
    before: [cookies],
    responses: { 204: { description: 'Logged out' }, 503: { description: 'The database is unavailable (SERVICE_UNAVAILABLE)' } },
    handler: async (_input, req, res) => {
      await auth.logout(req.cookies?.[REFRESH_COOKIE], req.actor);
      res.clearCookie(REFRESH_COOKIE, refreshCookieOptions(req));
      res.status(204).end();
    },
  });

  api.route({
    method: 'get',
    path: '/auth/me',
    summary: 'The logged-in user and their permissions',
    tags: ['Auth'],
    access: 'authenticated',
    allowDuringPasswordChange: true,
    allowDuringMfaEnrollment: true,
    responses: { 200: { description: 'Current user', schema: Me } },
    handler: async ({ actor }, _req, res) => res.json(await auth.me(actor)),
  });

  api.route({
    method: 'post',
    path: '/auth/password',
    summary: 'Change your own password',
    description: 'Requires the current password; a wrong one counts as a failed login (lockout and login rate limit). Ends every other session; answers fresh tokens for this one.',
    tags: ['Auth'],
    access: 'authenticated',
    allowDuringPasswordChange: true,
    allowDuringMfaEnrollment: true,
    before: [...loginLimit(true), cookies],
    request: { body: ChangePasswordBody },
    responses: { 200: { description: 'Password changed', schema: TokenResponse } },
    handler: async ({ actor, body }, req, res) => sendSession(req, res, await auth.changePassword(actor, body.currentPassword, body.newPassword)),
  });
}
