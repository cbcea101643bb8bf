// Users: list, create with a one-time password, read, change, reset the password.
import { CreateUserBody, IdParam, UpdateUserBody, User, UserListQuery, UserPage, UserWithTemporaryPassword } from '../../contracts/identity';
import { setEtag, sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { UsersService } from './users.service';

export function registerUserRoutes({ api }: ModuleContext<never>, users: UsersService) {
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
      res.json(await users.list(actor, filter, { limit, cursor }));
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
      const created = await users.create(actor, body);
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
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await users.get(actor, params.id)),
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
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await users.update(actor, params.id, ifMatch, body)),
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
      const result = await users.resetPassword(actor, params.id, ifMatch);
      setEtag(res, result.user.version);
      res.json(result);
    },
  });

  api.route({
    method: 'post',
    path: '/users/:id/reset-mfa',
    summary: "Remove a user's two-factor sign-in (lost phone): they set it up again at next login; their sessions end",
    description: 'Four-eyes: an administrator cannot reset their own enrolment. Audited.',
    tags: ['Users'],
    access: { permission: 'users:manage' },
    ifMatch: true,
    request: { params: IdParam },
    responses: { 200: { description: 'Reset', schema: User }, 409: { description: 'FOUR_EYES (your own enrolment) or MFA_NOT_ENABLED' } },
    handler: async ({ actor, params, ifMatch }, _req, res) => sendVersioned(res, await users.resetMfa(actor, params.id, ifMatch)),
  });
}
