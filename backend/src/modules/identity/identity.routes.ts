// Identity: authentication (login, refresh, logout, me, password), users, branches, approval limits.
// Registered first: its middleware turns a Bearer token into req.actor for every later route.
import cookieParser from 'cookie-parser';
import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import { LoginBody, Me, TokenResponse } from '../../contracts/auth';
import {
  ApprovalLimitSet,
  AssignableAgentList,
  Branch,
  BranchList,
  ChangePasswordBody,
  CreateBranchBody,
  CreateUserBody,
  IdParam,
  ReplaceApprovalLimitsBody,
  UpdateBranchBody,
  UpdateUserBody,
  User,
  UserListQuery,
  UserPage,
  UserWithTemporaryPassword,
} from '../../contracts/identity';
import { UnauthorizedError } from '../../platform/errors';
import { setEtag } from '../../platform/http';
import type { AppModule } from '../../platform/module';
import { perIpLimit } from '../../platform/rate-limit';
import { assertInScope } from '../../platform/scope';
import { currentRequestContext } from '../../platform/request-context';
import { AuthService, type IssuedSession } from './auth.service';
import { BranchesService } from './branches.service';
import { TokenSubjectCache } from './token-subject-cache';
import { TokenService } from './tokens';
import { UsersService } from './users.service';

export const REFRESH_COOKIE = 'pd_refresh';
const REFRESH_COOKIE_PATH = '/api/auth';

function refreshCookieOptions(req: Request, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: REFRESH_COOKIE_PATH, ...(expires ? { expires } : {}) };
}

function sendSession(req: Request, res: Response, session: IssuedSession) {
  res.cookie(REFRESH_COOKIE, session.refreshToken, refreshCookieOptions(req, session.expiresAt));
  res.json(session.response);
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

export const identityModule: AppModule = {
  name: 'identity',
  register({ api, config, db, clock, services, notifications }) {
    if (!config.secrets.jwtSigningKey) throw new Error('The JWT signing key is missing from the configuration');
    const tokens = new TokenService(config.secrets.jwtSigningKey, clock);
    const subjects = new TokenSubjectCache(notifications);
    const auth = new AuthService(db, clock, tokens, services.audit, config.passwordHashCost, subjects);
    const users = new UsersService(db, clock, services.audit, config.passwordHashCost);
    const branches = new BranchesService(db, clock, services.audit);
    const limits = services.approvalLimits;

    // Authentication for every /api route: sets req.actor, or remembers why the credentials failed
    // (public routes ignore that; the others answer 401 with it).
    const authenticate: RequestHandler = async (req, _res, next) => {
      const header = req.headers.authorization;
      if (header === undefined) return next();
      const match = BEARER.exec(header);
      if (!match) {
        req.authFailure = new UnauthorizedError('INVALID_TOKEN', 'The Authorization header must be "Bearer <access token>".');
        return next();
      }
      try {
        req.actor = await auth.authenticate(match[1]!);
        const ctx = currentRequestContext();
        if (ctx) ctx.userId = req.actor.userId;
      } catch (err) {
        req.authFailure = err as Error;
      }
      next();
    };
    api.router.use(authenticate);
    api.onDenied(async (req, access, err) => {
      await services.audit.record(db, {
        actor: req.actor,
        action: 'auth.permission_denied',
        outcome: 'denied',
        branchId: req.actor?.branchId,
        metadata: { method: req.method, route: `${req.baseUrl}${req.route?.path ?? req.path}`, required: typeof access === 'object' ? access.permission : access, code: (err as { code?: string }).code },
      });
    });

    const cookies = cookieParser();
    const loginLimiter = config.loginRateLimitPerMinute > 0 ? [perIpLimit(config.loginRateLimitPerMinute, 'LOGIN_RATE_LIMITED')] : [];

    // --- Authentication
    api.route({
      method: 'post',
      path: '/auth/login',
      summary: 'Log in with email and password',
      description: 'Answers an access token (15 minutes) and sets the refresh token as an httpOnly, SameSite=Strict cookie scoped to /api/auth. Unknown email and wrong password get the same answer.',
      tags: ['Auth'],
      access: 'public',
      before: loginLimiter,
      request: { body: LoginBody },
      responses: { 200: { description: 'Logged in', schema: TokenResponse }, 401: { description: 'INVALID_CREDENTIALS or ACCOUNT_LOCKED' } },
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
      responses: { 200: { description: 'New tokens', schema: TokenResponse }, 401: { description: 'No valid session' } },
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
      responses: { 204: { description: 'Logged out' } },
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
      handler: async ({ actor }, _req, res) => res.json(await auth.me(actor!)),
    });

    api.route({
      method: 'post',
      path: '/auth/password',
      summary: 'Change your own password',
      description: 'Requires the current password. Ends every other session; answers fresh tokens for this one.',
      tags: ['Auth'],
      access: 'authenticated',
      allowDuringPasswordChange: true,
      before: [cookies],
      request: { body: ChangePasswordBody },
      responses: { 200: { description: 'Password changed', schema: TokenResponse } },
      handler: async ({ actor, body }, req, res) => sendSession(req, res, await auth.changePassword(actor!, body.currentPassword, body.newPassword)),
    });

    // --- Users
    api.route({
      method: 'get',
      path: '/users',
      summary: 'List users (admins: all; managers: their branches)',
      tags: ['Users'],
      access: { permission: 'users:read' },
      request: { query: UserListQuery },
      responses: { 200: { description: 'A page of users', schema: UserPage } },
      handler: async ({ actor, query }, _req, res) => {
        const { limit, cursor, ...filter } = query;
        res.json(await users.list(actor!, filter, { limit, cursor }));
      },
    });

    api.route({
      method: 'post',
      path: '/users',
      summary: 'Create a user with a one-time password',
      tags: ['Users'],
      access: { permission: 'users:manage' },
      request: { body: CreateUserBody },
      responses: { 201: { description: 'Created; the temporary password is shown this once', schema: UserWithTemporaryPassword }, 409: { description: 'EMAIL_TAKEN' } },
      handler: async ({ actor, body }, _req, res) => {
        const created = await users.create(actor!, body);
        setEtag(res, created.user.version);
        res.status(201).location(`/api/users/${created.user.id}`).json(created);
      },
    });

    api.route({
      method: 'get',
      path: '/users/:id',
      summary: 'One user',
      tags: ['Users'],
      access: { permission: 'users:read' },
      request: { params: IdParam },
      responses: { 200: { description: 'The user (ETag = version)', schema: User } },
      handler: async ({ actor, params }, _req, res) => {
        const user = await users.get(actor!, params.id);
        setEtag(res, user.version);
        res.json(user);
      },
    });

    api.route({
      method: 'patch',
      path: '/users/:id',
      summary: 'Change name, role, branches or active; role/branch/active changes end live sessions',
      tags: ['Users'],
      access: { permission: 'users:manage' },
      ifMatch: true,
      request: { params: IdParam, body: UpdateUserBody },
      responses: { 200: { description: 'Updated', schema: User }, 409: { description: 'LAST_ADMIN' } },
      handler: async ({ actor, params, body, ifMatch }, _req, res) => {
        const user = await users.update(actor!, params.id, ifMatch!, body);
        setEtag(res, user.version);
        res.json(user);
      },
    });

    api.route({
      method: 'post',
      path: '/users/:id/reset-password',
      summary: 'Issue a one-time password (the user must change it at next login); lifts a lockout',
      tags: ['Users'],
      access: { permission: 'users:manage' },
      ifMatch: true,
      request: { params: IdParam },
      responses: { 200: { description: 'The temporary password, shown this once', schema: UserWithTemporaryPassword } },
      handler: async ({ actor, params, ifMatch }, _req, res) => {
        const result = await users.resetPassword(actor!, params.id, ifMatch!);
        setEtag(res, result.user.version);
        res.json(result);
      },
    });

    // --- Branches
    api.route({
      method: 'get',
      path: '/branches',
      summary: 'All branches',
      tags: ['Branches'],
      access: { permission: 'branches:read' },
      responses: { 200: { description: 'Branches by name', schema: BranchList } },
      handler: async (_input, _req, res) => res.json({ items: await branches.list() }),
    });

    api.route({
      method: 'post',
      path: '/branches',
      summary: 'Open a branch',
      tags: ['Branches'],
      access: { permission: 'branches:manage' },
      request: { body: CreateBranchBody },
      responses: { 201: { description: 'Created', schema: Branch }, 409: { description: 'BRANCH_EXISTS' } },
      handler: async ({ actor, body }, _req, res) => {
        const branch = await branches.create(actor!, body);
        setEtag(res, branch.version);
        res.status(201).location(`/api/branches/${branch.id}`).json(branch);
      },
    });

    api.route({
      method: 'get',
      path: '/branches/:id',
      summary: 'One branch',
      tags: ['Branches'],
      access: { permission: 'branches:read' },
      request: { params: IdParam },
      responses: { 200: { description: 'The branch', schema: Branch } },
      handler: async ({ params }, _req, res) => {
        const branch = await branches.get(params.id);
        setEtag(res, branch.version);
        res.json(branch);
      },
    });

    api.route({
      method: 'get',
      path: '/branches/:id/agents',
      summary: 'Who may be assigned customers in this branch (active agents, senior agents, managers)',
      tags: ['Branches'],
      access: { permission: 'branches:read' },
      request: { params: IdParam },
      responses: { 200: { description: 'Assignable people, by name', schema: AssignableAgentList } },
      handler: async ({ actor, params }, _req, res) => {
        assertInScope(actor!, params.id, 'branch');
        res.json({ items: await services.agents.list(db, params.id) });
      },
    });

    api.route({
      method: 'patch',
      path: '/branches/:id',
      summary: 'Rename or (de)activate a branch',
      tags: ['Branches'],
      access: { permission: 'branches:manage' },
      ifMatch: true,
      request: { params: IdParam, body: UpdateBranchBody },
      responses: { 200: { description: 'Updated', schema: Branch }, 409: { description: 'BRANCH_IN_USE' } },
      handler: async ({ actor, params, body, ifMatch }, _req, res) => {
        const branch = await branches.update(actor!, params.id, ifMatch!, body);
        setEtag(res, branch.version);
        res.json(branch);
      },
    });

    // --- Approval limits
    api.route({
      method: 'get',
      path: '/approval-limits',
      summary: 'The approval limits of every role (ETag = revision)',
      tags: ['Approval limits'],
      access: { permission: 'approval-limits:read' },
      responses: { 200: { description: 'All limits', schema: ApprovalLimitSet } },
      handler: async (_input, _req, res) => {
        const set = await limits.get();
        setEtag(res, set.revision);
        res.json(set);
      },
    });

    api.route({
      method: 'put',
      path: '/approval-limits',
      summary: 'Replace the approval limits (audited)',
      tags: ['Approval limits'],
      access: { permission: 'approval-limits:manage' },
      ifMatch: true,
      request: { body: ReplaceApprovalLimitsBody },
      responses: { 200: { description: 'The new limits', schema: ApprovalLimitSet } },
      handler: async ({ actor, body, ifMatch }, _req, res) => {
        const set = await limits.replace(actor!, ifMatch!, body.items);
        setEtag(res, set.revision);
        res.json(set);
      },
    });
  },
};

