import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { login, loggedIn, makeUser, type Session, sessionAs } from '../../../../test/support/factories';

// Revocation holds on the very next request, on the instance that made the change and on another
// one on the same database. The apps run with their background parts started (LISTEN included), as
// a server does.
let t: TestApp;
let other: TestApp;
let admin: Session;
beforeAll(async () => {
  t = createTestApp();
  other = createTestApp();
  await t.start();
  await other.start();
  admin = await sessionAs(t, 'admin');
});
afterAll(async () => {
  await other.stop();
  await t.stop();
  await other.close();
  await t.close();
});

const me = (app: TestApp, s: Session) => request(app.app).get('/api/auth/me').set(s.auth);
const patchUser = (id: string, version: number, body: object) => request(t.app).patch(`/api/users/${id}`).set(admin.auth).set('If-Match', `"${version}"`).send(body).expect(200);

describe('revocation on the very next request', () => {
  it('logout: 200 times, the old access token is refused on the immediately following request', async () => {
    const user = await makeUser(t.db);
    let accepted = 0;
    for (let i = 0; i < 200; i++) {
      const s = await login(t.app, user);
      await me(t, s).expect(200); // warm whatever the server keeps
      await request(t.app).post('/api/auth/logout').set(s.auth).expect(204);
      if ((await me(t, s)).status !== 401) accepted++;
    }
    expect(accepted).toBe(0);
  }, 120_000);

  it.each([
    ['disabling the user', { active: false }],
    ['a role change', { role: 'senior_agent' }],
  ])(
    '%s: 20 times, refused at once',
    async (_name, body) => {
      let accepted = 0;
      for (let i = 0; i < 20; i++) {
        const { user, session } = await loggedIn(t.app, t.db);
        await me(t, session).expect(200);
        await patchUser(user.id, 1, body);
        if ((await me(t, session)).status !== 401) accepted++;
      }
      expect(accepted).toBe(0);
    },
    60_000,
  );

  it('a password change: 20 times, the old token is refused at once, the new one works', async () => {
    let accepted = 0;
    for (let i = 0; i < 20; i++) {
      const { user, session } = await loggedIn(t.app, t.db);
      await me(t, session).expect(200);
      const res = await request(t.app)
        .post('/api/auth/password')
        .set(session.auth)
        .send({ currentPassword: user.password, newPassword: `Fresh-${user.password}-${i}x` })
        .expect(200);
      if ((await me(t, session)).status !== 401) accepted++;
      await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    }
    expect(accepted).toBe(0);
  }, 60_000);

  it('two instances on one database: a change on one is refused on the other at once', async () => {
    let accepted = 0;
    for (let i = 0; i < 20; i++) {
      const { user, session } = await loggedIn(t.app, t.db);
      await me(other, session).expect(200);
      if (i % 2 === 0) await request(t.app).post('/api/auth/logout').set(session.auth).expect(204);
      else await patchUser(user.id, 1, { active: false });
      if ((await me(other, session)).status !== 401) accepted++;
    }
    expect(accepted).toBe(0);
  }, 60_000);
});
