import crypto from 'node:crypto';
import request from 'supertest';
import { appForFile, createTestApp } from '../../../../test/support/test-app';
import { loggedIn, makeUser, sessionAs } from '../../../../test/support/factories';
import { hashPassword } from '../passwords';

const t = appForFile();
afterEach(() => t.clock.reset());

const loginAs = (app: typeof t.app, email: string, password: string) => request(app).post('/api/auth/login').send({ email, password });
const cookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('pd_refresh='));

/**
 * The login counters are per client IP (127.0.0.1 for every test) and shared through the database, so
 * every test that turns the login limit on lives in this file (run in order) and starts from zero.
 */
const resetLoginCounters = (db: typeof t.db) => db('rate_limit_hits').where('key', 'like', 'login:%').delete();

async function lockOut(email: string) {
  for (let i = 0; i < 10; i++) await loginAs(t.app, email, `Wrong-password-${i}`).expect(401);
}

describe('a locked account', () => {
  it('answers exactly like a wrong password: status, code, title, detail and content type', async () => {
    const locked = await makeUser(t.db);
    await lockOut(locked.email);
    const other = await makeUser(t.db);
    const answers = [
      await loginAs(t.app, locked.email, locked.password), // right password, locked
      await loginAs(t.app, locked.email, 'Still-the-wrong-one'), // wrong password, locked
      await loginAs(t.app, other.email, 'Still-the-wrong-one'), // wrong password, not locked
      await loginAs(t.app, `nobody-${crypto.randomUUID()}@test.example`, 'Still-the-wrong-one'), // unknown
    ];
    const shape = (res: request.Response) => ({ status: res.status, type: res.headers['content-type'], code: res.body.code, title: res.body.title, detail: res.body.detail });
    for (const res of answers) expect(shape(res)).toEqual(shape(answers[2]!));
    expect(answers[0]!.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('spends a full bcrypt comparison when locked (similar time to a wrong password)', async () => {
    const slow = createTestApp({ env: { PASSWORD_HASH_COST: '10' } });
    try {
      const user = await makeUser(slow.db);
      // Hash the user's password at the slow cost, then lock the account directly.
      await slow
        .db('users')
        .where({ id: user.id })
        .update({ password_hash: await hashPassword(user.password, 10), locked_until: new Date(Date.now() + 30 * 60_000) });
      const time = async (password: string) => {
        const t0 = process.hrtime.bigint();
        await loginAs(slow.app, user.email, password).expect(401);
        return Number(process.hrtime.bigint() - t0) / 1e6;
      };
      await time('warm-up-password-1');
      const locked = [await time(user.password), await time('Wrong-password-x')];
      const other = await makeUser(slow.db);
      await slow
        .db('users')
        .where({ id: other.id })
        .update({ password_hash: await hashPassword(other.password, 10) });
      const t0 = process.hrtime.bigint();
      await loginAs(slow.app, other.email, 'Wrong-password-y').expect(401);
      const wrong = Number(process.hrtime.bigint() - t0) / 1e6;
      for (const ms of locked) expect(ms).toBeGreaterThanOrEqual(wrong * 0.4);
    } finally {
      await slow.close();
    }
  });

  it('is visible to admins on the user (lockedUntil)', async () => {
    const admin = await sessionAs(t, 'admin');
    const user = await makeUser(t.db);
    await lockOut(user.email);
    const res = await request(t.app).get(`/api/users/${user.id}`).set(admin.auth).expect(200);
    expect(Date.parse(res.body.lockedUntil)).toBeGreaterThan(t.clock.now().getTime() + 29 * 60_000);
  });
});

describe('wrong current password on POST /api/auth/password', () => {
  const change = (auth: Record<string, string>, currentPassword: string, newPassword = 'A-brand-new-passphrase-9') =>
    request(t.app).post('/api/auth/password').set(auth).send({ currentPassword, newPassword });

  it('counts toward the lockout: after 10 wrong ones, login with the right password is refused and lockout audited', async () => {
    const { user, session } = await loggedIn(t.app, t.db);
    for (let i = 0; i < 10; i++) await change(session.auth, `Wrong-current-${i}`).expect(400);
    const row = await t.db('users').where({ id: user.id }).first();
    expect(row.locked_until).not.toBeNull();
    expect(await t.db('audit_log').where({ action: 'auth.lockout', entity_id: user.id })).toHaveLength(1);
    await loginAs(t.app, user.email, user.password).expect(401);
    // While locked, even the right current password does not change it.
    await change(session.auth, user.password).expect(400);
  });

  it('counts toward the per-IP login rate limit (shared with login)', async () => {
    const limited = createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '4' } });
    try {
      await resetLoginCounters(limited.db);
      const user = await makeUser(limited.db);
      const loggedInRes = await loginAs(limited.app, user.email, user.password).expect(200); // 1
      const auth = { Authorization: `Bearer ${loggedInRes.body.accessToken}` };
      const wrong = () => request(limited.app).post('/api/auth/password').set(auth).send({ currentPassword: 'Wrong-current-pw', newPassword: 'A-brand-new-passphrase-9' });
      await wrong().expect(400); // 2
      await wrong().expect(400); // 3
      await loginAs(limited.app, user.email, 'Wrong-password-z').expect(401); // 4
      const res = await wrong();
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('LOGIN_RATE_LIMITED');
      await loginAs(limited.app, user.email, user.password).expect(429);
    } finally {
      await limited.close();
    }
  });
});

describe('login throttling across instances', () => {
  it('alternating failed logins between two instances hit the same limit as on one', async () => {
    const env = { LOGIN_RATE_LIMIT_PER_MINUTE: '6' };
    const a = createTestApp({ env });
    const b = createTestApp({ env });
    try {
      await resetLoginCounters(a.db);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await loginAs(i % 2 ? b.app : a.app, 'x@test.example', `whatever-it-is-${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('alternating wrong passwords between two instances lock the account at the 10th, as on one: then the right password is refused on both', async () => {
    const a = createTestApp();
    const b = createTestApp();
    try {
      const user = await makeUser(a.db);
      for (let i = 0; i < 9; i++) await loginAs(i % 2 ? b.app : a.app, user.email, `Wrong-password-${i}`).expect(401);
      expect((await a.db('users').where({ id: user.id }).first()).locked_until).toBeNull();
      await loginAs(b.app, user.email, 'Wrong-password-9').expect(401);
      expect((await a.db('users').where({ id: user.id }).first()).locked_until).not.toBeNull();
      await loginAs(a.app, user.email, user.password).expect(401);
      await loginAs(b.app, user.email, user.password).expect(401);
      expect(await a.db('audit_log').where({ action: 'auth.lockout', entity_id: user.id })).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('the refresh cookie', () => {
  it('is Secure whenever APP_ENV=production, even when req.secure is false behind a proxy', async () => {
    const prod = createTestApp({ env: { APP_ENV: 'production', PASSWORD_HASH_COST: '12' } });
    try {
      const user = await makeUser(prod.db);
      const res = await loginAs(prod.app, user.email, user.password).expect(200);
      expect(cookieOf(res)).toMatch(/;\s*Secure/i);
    } finally {
      await prod.close();
    }
  });
});

it('answers 429 with Retry-After when one IP tries too many logins', async () => {
  const limited = createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  try {
    await resetLoginCounters(limited.db);
    for (let i = 0; i < 3; i++) await request(limited.app).post('/api/auth/login').send({ email: 'x@test.example', password: 'whatever-it-is' }).expect(401);
    const res = await request(limited.app).post('/api/auth/login').send({ email: 'x@test.example', password: 'whatever-it-is' });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('LOGIN_RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  } finally {
    await limited.close();
  }
});
