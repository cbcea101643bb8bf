import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { ROLES, type Role } from '../../../contracts/auth';
import { PERMISSIONS, ROLE_PERMISSIONS } from '../../../contracts/permissions';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeUser, type Session } from '../../../../test/support/factories';

const t = appForFile();
const sessions = {} as Record<Role, Session>;
beforeAll(async () => {
  for (const role of ROLES) sessions[role] = (await loggedIn(t.app, t.db, { role })).session;
});

const concretePath = (path: string) => path.replace(/:[A-Za-z]+/g, () => crypto.randomUUID());

/**
 * The body as JSON (a problem's code), or nothing for an endless event stream (the screen pop's):
 * its status and headers say whether it was let in, and waiting for its end would wait forever.
 */
function bodyOf(response: request.Response, done: (err: Error | null, body: unknown) => void) {
  // In Node superagent hands the parser the raw response stream (its typings say Response).
  const res = response as unknown as IncomingMessage;
  if (String(res.headers['content-type']).startsWith('text/event-stream')) {
    res.destroy();
    done(null, {});
    return;
  }
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => {
    try {
      done(null, JSON.parse(text));
    } catch {
      done(null, {});
    }
  });
}

function call(method: string, path: string, session?: Session) {
  const req = request(t.app)[method as 'get'](concretePath(path)).buffer(true).parse(bodyOf);
  if (session) req.set(session.auth);
  return req;
}

describe('permission matrix', () => {
  it('every route declares public, authenticated, customer (the portal realm) or a permission from the matrix', () => {
    expect(t.routes.length).toBeGreaterThan(15);
    for (const route of t.routes) {
      const access = route.access;
      const ok =
        access === 'public' ||
        access === 'authenticated' ||
        access === 'customer' ||
        (typeof access === 'object' && (PERMISSIONS as readonly string[]).includes(access.permission));
      expect({ route: `${route.method} ${route.path}`, ok }).toEqual({ route: `${route.method} ${route.path}`, ok: true });
    }
  });

  it(
    'walks every route × every role: a role lacking the permission gets 403, one holding it never gets 401/403',
    async () => {
      const protectedRoutes = t.routes.filter((r) => r.access !== 'public');
      const failures: string[] = [];
      for (const route of protectedRoutes) {
        const anonymous = await call(route.method, route.path);
        if (anonymous.status !== 401) failures.push(`${route.method} ${route.path} anonymous → ${anonymous.status}`);
        for (const role of ROLES) {
          const res = await call(route.method, route.path, sessions[role]);
          // The portal realm's routes refuse every staff token (portal-records.api.test.ts walks both ways).
          if (route.access === 'customer') {
            if (res.status !== 401) failures.push(`${route.method} ${route.path} as ${role} → ${res.status} (a portal route)`);
            continue;
          }
          const allowed = route.access === 'authenticated' || ROLE_PERMISSIONS[role].includes((route.access as { permission: (typeof PERMISSIONS)[number] }).permission);
          const denied = res.status === 403 && res.body.code === 'PERMISSION_DENIED';
          if (allowed === denied || res.status === 401) failures.push(`${route.method} ${route.path} as ${role} → ${res.status} ${res.body.code ?? ''}`);
        }
      }
      expect(failures).toEqual([]);
      // Every route × every role, one request after another: minutes on a loaded machine.
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it.each<[Role, string, string, boolean]>([
    ['admin', 'get', '/api/users', true],
    ['admin', 'put', '/api/approval-limits', true],
    ['manager', 'get', '/api/users', true],
    ['manager', 'post', '/api/users', false],
    ['manager', 'get', '/api/audit', true],
    ['manager', 'put', '/api/approval-limits', false],
    ['senior_agent', 'get', '/api/approval-limits', true],
    ['senior_agent', 'get', '/api/users', false],
    ['agent', 'get', '/api/branches', true],
    ['agent', 'get', '/api/approval-limits', false],
    ['agent', 'get', '/api/audit', false],
    ['agent', 'post', '/api/branches', false],
    ['underwriter', 'get', '/api/audit', false],
    ['underwriter', 'get', '/api/users', false],
  ])('%s %s %s → allowed: %s', async (role, method, path, allowed) => {
    const res = await call(method, path, sessions[role]);
    expect(res.status === 403).toBe(!allowed);
  });

  it('records a permission denial in the audit trail', async () => {
    const { session, user } = await loggedIn(t.app, t.db, { role: 'agent' });
    await request(t.app).get('/api/audit').set(session.auth).expect(403);
    const rows = await t.db('audit_log').where({ actor_user_id: user.id, action: 'auth.permission_denied' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'denied', metadata: expect.objectContaining({ required: 'audit:read', method: 'GET' }) });
  });
});

describe('branch scoping', () => {
  it('managers see users of the branches they manage; others are 404 and absent from lists', async () => {
    const managed = await makeBranch(t.db);
    const other = await makeBranch(t.db);
    const { session } = await loggedIn(t.app, t.db, { role: 'manager', branchId: managed.id, managedBranchIds: [managed.id] });
    const inside = await makeUser(t.db, { branchId: managed.id });
    const outside = await makeUser(t.db, { branchId: other.id });

    await request(t.app).get(`/api/users/${inside.id}`).set(session.auth).expect(200);
    const hidden = await request(t.app).get(`/api/users/${outside.id}`).set(session.auth).expect(404);
    expect(hidden.body.code).toBe('NOT_FOUND');

    const list = await request(t.app).get('/api/users').query({ limit: 100 }).set(session.auth).expect(200);
    const ids = list.body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(inside.id);
    expect(ids).not.toContain(outside.id);
    expect(list.body.items.every((u: { branchId: string }) => u.branchId === managed.id)).toBe(true);

    const filtered = await request(t.app).get('/api/users').query({ branchId: other.id }).set(session.auth).expect(200);
    expect(filtered.body.items).toEqual([]);
  });

  it('admins see every branch', async () => {
    const anywhere = await makeUser(t.db);
    await request(t.app).get(`/api/users/${anywhere.id}`).set(sessions.admin.auth).expect(200);
  });
});
