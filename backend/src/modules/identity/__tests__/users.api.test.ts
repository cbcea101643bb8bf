import request from 'supertest';
import { appForFile, createTestApp } from '../../../../test/support/test-app';
import { loggedIn, login, makeBranch, makeUser, type Session, sessionAs } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';

const t = appForFile();
let admin: Session;
beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
});

const me = (token: string) => request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
const uniqueEmail = () => `new-${Math.random().toString(36).slice(2)}@test.example`;

describe('user administration', () => {
  it('creates a user with a one-time password who must change it before doing anything else', async () => {
    const branch = await makeBranch(t.db);
    const email = uniqueEmail();
    const created = await request(t.app).post('/api/users').set(admin.auth).send({ email, name: 'Nora New', role: 'agent', branchId: branch.id }).expect(201);
    expect(created.headers.location).toBe(`/api/users/${created.body.user.id}`);
    expect(created.body.user).toMatchObject({ email, role: 'agent', branchId: branch.id, mustChangePassword: true, active: true, version: 1 });
    expect(created.body.temporaryPassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);

    const first = await login(t.app, { email, password: created.body.temporaryPassword });
    const blocked = await request(t.app).get('/api/branches').set(first.auth).expect(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await me(first.token).expect(200)).body.user.mustChangePassword).toBe(true);

    const changed = await request(t.app)
      .post('/api/auth/password')
      .set(first.auth)
      .send({ currentPassword: created.body.temporaryPassword, newPassword: 'Nora-chose-this-one' })
      .expect(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    await request(t.app).get('/api/branches').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
  });

  it('treats email as unique regardless of case (409 EMAIL_TAKEN)', async () => {
    const existing = await makeUser(t.db);
    const res = await request(t.app)
      .post('/api/users')
      .set(admin.auth)
      .send({ email: existing.email.toUpperCase(), name: 'Dup Licate', role: 'agent', branchId: existing.branchId })
      .expect(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
    expect(res.body.errors).toEqual([{ path: 'email', message: 'Already in use' }]);
  });

  it.each([
    [{ email: 'not-an-email', name: 'X Y', role: 'agent' }, 'email'],
    [{ email: uniqueEmail(), name: 'X Y', role: 'pilot' }, 'role'],
    [{ email: uniqueEmail(), name: 'X Y', role: 'agent', nickname: 'xy' }, 'nickname'],
  ])('validates %j (field %s)', async (body, path) => {
    const branch = await makeBranch(t.db);
    const res = await request(t.app)
      .post('/api/users')
      .set(admin.auth)
      .send({ branchId: branch.id, ...body })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses an unknown branch and managed branches for a non-manager', async () => {
    const branch = await makeBranch(t.db);
    const unknown = await request(t.app)
      .post('/api/users')
      .set(admin.auth)
      .send({ email: uniqueEmail(), name: 'X Y', role: 'agent', branchId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(unknown.body.errors).toEqual([{ path: 'branchId', message: 'Choose an active branch' }]);
    const managed = await request(t.app)
      .post('/api/users')
      .set(admin.auth)
      .send({ email: uniqueEmail(), name: 'X Y', role: 'agent', branchId: branch.id, managedBranchIds: [branch.id] })
      .expect(400);
    expect(managed.body.errors.map((e: { path: string }) => e.path)).toEqual(['managedBranchIds']);
  });

  it('edits with If-Match: 428 without it, 412 with a stale version, ETag on success', async () => {
    const user = await makeUser(t.db);
    const read = await request(t.app).get(`/api/users/${user.id}`).set(admin.auth).expect(200);
    expect(read.headers.etag).toBe('"1"');
    await request(t.app).patch(`/api/users/${user.id}`).set(admin.auth).send({ name: 'Renamed Person' }).expect(428);
    const ok = await request(t.app).patch(`/api/users/${user.id}`).set(admin.auth).set('If-Match', '"1"').send({ name: 'Renamed Person' }).expect(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await request(t.app).patch(`/api/users/${user.id}`).set(admin.auth).set('If-Match', '"1"').send({ name: 'Other Name' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });
  });

  it('disabling a user ends their live tokens at once', async () => {
    const { user, session } = await loggedIn(t.app, t.db);
    await me(session.token).expect(200);
    await request(t.app).patch(`/api/users/${user.id}`).set(admin.auth).set('If-Match', '"1"').send({ active: false }).expect(200);
    expect((await me(session.token).expect(401)).body.code).toBe('TOKEN_REVOKED');
    await request(t.app).post('/api/auth/refresh').set('Cookie', session.refreshCookie).expect(401);
  });

  it('changing role or branch ends live tokens; renaming does not', async () => {
    const { user, session } = await loggedIn(t.app, t.db);
    await request(t.app).patch(`/api/users/${user.id}`).set(admin.auth).set('If-Match', '"1"').send({ name: 'Just A Rename' }).expect(200);
    await me(session.token).expect(200);
    await request(t.app).patch(`/api/users/${user.id}`).set(admin.auth).set('If-Match', '"2"').send({ role: 'senior_agent' }).expect(200);
    await me(session.token).expect(401);

    const second = await loggedIn(t.app, t.db);
    const other = await makeBranch(t.db);
    await request(t.app).patch(`/api/users/${second.user.id}`).set(admin.auth).set('If-Match', '"1"').send({ branchId: other.id }).expect(200);
    await me(second.session.token).expect(401);
  });

  it('reset-password issues a one-time password, ends sessions and lifts a lockout', async () => {
    const { user, session } = await loggedIn(t.app, t.db);
    await t
      .db('users')
      .where({ id: user.id })
      .update({ locked_until: new Date(Date.now() + 3600_000) });
    const res = await request(t.app).post(`/api/users/${user.id}/reset-password`).set(admin.auth).set('If-Match', '"1"').expect(200);
    expect(res.body.user).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    await me(session.token).expect(401);
    await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
    const fresh = await login(t.app, { email: user.email, password: res.body.temporaryPassword });
    expect((await me(fresh.token)).body.user.mustChangePassword).toBe(true);
  });

  it(
    'never leaves Policydesk without an active admin (409 LAST_ADMIN)',
    async () => {
      // Its own database: "the only admin" cannot be arranged in one shared with parallel tests.
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_last_admin');
      const solo = createTestApp({ env: { DATABASE_URL: url } });
      try {
        const { user, session } = await loggedIn(solo.app, solo.db, { role: 'admin' });
        const disable = await request(solo.app).patch(`/api/users/${user.id}`).set(session.auth).set('If-Match', '"1"').send({ active: false }).expect(409);
        expect(disable.body.code).toBe('LAST_ADMIN');
        expect((await request(solo.app).patch(`/api/users/${user.id}`).set(session.auth).set('If-Match', '"1"').send({ role: 'manager' }).expect(409)).body.code).toBe(
          'LAST_ADMIN',
        );
        // With a second active admin, the first may step down.
        await makeUser(solo.db, { role: 'admin' });
        await request(solo.app).patch(`/api/users/${user.id}`).set(session.auth).set('If-Match', '"1"').send({ role: 'manager' }).expect(200);
      } finally {
        await solo.close();
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('lists with search and keyset paging', async () => {
    const branch = await makeBranch(t.db);
    for (let i = 0; i < 3; i++) await makeUser(t.db, { branchId: branch.id });
    const page1 = await request(t.app).get('/api/users').query({ branchId: branch.id, limit: 2 }).set(admin.auth).expect(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await request(t.app).get('/api/users').query({ branchId: branch.id, limit: 2, cursor: page1.body.nextCursor }).set(admin.auth).expect(200);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const target = page2.body.items[0];
    const found = await request(t.app)
      .get('/api/users')
      .query({ q: target.email.slice(0, 12) })
      .set(admin.auth)
      .expect(200);
    expect(found.body.items.map((u: { id: string }) => u.id)).toContain(target.id);
  });
});
