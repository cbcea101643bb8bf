import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, type Session, sessionAs } from '../../../../test/support/factories';

// With the server's background parts started, token checks are served from a cache that a
// PostgreSQL NOTIFY empties whenever access changes: it must still cut off a disabled user.
let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = createTestApp();
  await t.start();
  admin = await sessionAs(t, 'admin');
});
afterAll(async () => {
  await t.stop();
  await t.close();
});

const me = (s: Session) => request(t.app).get('/api/auth/me').set(s.auth);
/** NOTIFY is delivered after commit, asynchronously: allow it a moment, never a stale success. */
async function eventually401(s: Session) {
  for (let i = 0; i < 50; i++) {
    if ((await me(s)).status === 401) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the token was still accepted 1 s after access changed');
}

describe('token subject cache', () => {
  it('serves repeated checks without the database, and ends a disabled user’s access', async () => {
    const { user, session } = await loggedIn(t.app, t.db);
    await me(session).expect(200);
    await me(session).expect(200);
    await request(t.app).patch(`/api/users/${user.id}`).set(admin.auth).set('If-Match', '"1"').send({ active: false }).expect(200);
    await eventually401(session);
  });

  it('ends access when the session is revoked by logout, and when the role changes', async () => {
    const a = await loggedIn(t.app, t.db);
    await me(a.session).expect(200);
    await request(t.app).post('/api/auth/logout').set(a.session.auth).expect(204);
    await eventually401(a.session);

    const b = await loggedIn(t.app, t.db, { branchId: (await makeBranch(t.db)).id });
    await me(b.session).expect(200);
    await request(t.app).patch(`/api/users/${b.user.id}`).set(admin.auth).set('If-Match', '"1"').send({ role: 'senior_agent' }).expect(200);
    await eventually401(b.session);
  });

  it('does not trust the cache while the listener is down', async () => {
    const { user, session } = await loggedIn(t.app, t.db);
    await me(session).expect(200);
    await t.stop(); // listener gone: every check goes to the database again
    await t.db('users').where({ id: user.id }).update({ active: false });
    await me(session).expect(401);
    await t.start();
  });
});
