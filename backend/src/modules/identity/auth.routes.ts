// Authentication: login, refresh, logout, the current user, changing one's own password.
import cookieParser from 'cookie-parser';
import type { CookieOptions, Request, Response } from 'express';
import { LoginBody, Me, TokenResponse } from '../../contracts/auth';
import { ChangePasswordBody, type IdentityErrorCode } from '../../contracts/identity';
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
      'Answers an access token (15 minutes) and sets the refresh token as an httpOnly, SameSite=Strict cookie scoped to /api/auth. Unknown email and wrong password get the same answer.',
    tags: ['Auth'],
    access: 'public',
    before: loginLimiter,
    request: { body: LoginBody },
    responses: {
      200: { description: 'Logged in', schema: TokenResponse },
      401: { description: 'INVALID_CREDENTIALS (also for a locked or disabled account)' },
      503: { description: 'The database is unavailable (SERVICE_UNAVAILABLE)' },
    },
    handler: async ({ body }, req, res) => sendSession(req, res, await auth.login(body.email, body.password)),
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
    before: [...loginLimit(true), cookies],
    request: { body: ChangePasswordBody },
    responses: { 200: { description: 'Password changed', schema: TokenResponse } },
    handler: async ({ actor, body }, req, res) => sendSession(req, res, await auth.changePassword(actor, body.currentPassword, body.newPassword)),
  });
}
