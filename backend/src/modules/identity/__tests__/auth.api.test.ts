import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { loadConfig } from '../../../config';
import { appForFile, createTestApp, testConfig } from '../../../../test/support/test-app';
import { loggedIn, login, makeUser, TEST_PASSWORD } from '../../../../test/support/factories';
import { hashPassword, verifyPassword } from '../passwords';

const t = appForFile();
afterEach(() => t.clock.reset());

const key = crypto.createSecretKey(Buffer.from(testConfig().secrets.jwtSigningKey!, 'base64'));
const me = (token: string) => request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
const refresh = (cookie: string) => request(t.app).post('/api/auth/refresh').set('Cookie', cookie);
const cookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('pd_refresh='));

describe('login', () => {
  it('answers an access token and sets the refresh token as an httpOnly SameSite=Strict cookie on /api/auth', async () => {
    const user = await makeUser(t.db, { role: 'senior_agent' });
    const res = await request(t.app).post('/api/auth/login').send({ email: user.email.toUpperCase(), password: user.password }).expect(200);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      expiresIn: 900,
      user: { id: user.id, email: user.email, role: 'senior_agent', branchId: user.branchId, mustChangePassword: false },
    });
    const cookie = cookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; Secure is set behind HTTPS
    await me(res.body.accessToken).expect(200);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const user = await makeUser(t.db);
    const wrong = await request(t.app).post('/api/auth/login').send({ email: user.email, password: 'Not-the-password-1' });
    const unknown = await request(t.app)
      .post('/api/auth/login')
      .send({ email: `nobody-${crypto.randomUUID()}@test.example`, password: 'Not-the-password-1' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    }
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('spends a full bcrypt comparison on an unknown email too (similar time)', async () => {
    const slow = createTestApp({ env: { PASSWORD_HASH_COST: '11' } });
    try {
      const hash = await hashPassword('anything-at-all', 11);
      const started = Date.now();
      await verifyPassword('something-else', hash);
      const oneCompare = Date.now() - started;
      await request(slow.app)
        .post('/api/auth/login')
        .send({ email: `warmup-${crypto.randomUUID()}@test.example`, password: 'x' });
      const t0 = Date.now();
      await request(slow.app)
        .post('/api/auth/login')
        .send({ email: `nobody-${crypto.randomUUID()}@test.example`, password: 'Not-the-password-1' })
        .expect(401);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(oneCompare * 0.5);
    } finally {
      await slow.close();
    }
  });

  it('hashes with bcrypt cost 12 unless configured otherwise', async () => {
    expect(loadConfig({}).passwordHashCost).toBe(12);
    const hash = await hashPassword('Some-long-passphrase', loadConfig({}).passwordHashCost);
    expect(hash.startsWith('$2b$12$')).toBe(true);
  });

  it('refuses a disabled user with the same answer as a wrong password', async () => {
    const user = await makeUser(t.db, { active: false });
    const res = await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account for 30 minutes after 10 failed logins, even for the right password', async () => {
    const user = await makeUser(t.db);
    for (let i = 0; i < 10; i++)
      await request(t.app)
        .post('/api/auth/login')
        .send({ email: user.email, password: `Wrong-password-${i}` })
        .expect(401);
    const locked = await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(locked.status).toBe(401);
    expect(locked.body.code).toBe('INVALID_CREDENTIALS');
    const lockout = await t.db('audit_log').where({ action: 'auth.lockout', entity_id: user.id });
    expect(lockout).toHaveLength(1);

    t.clock.advance(29 * 60_000);
    expect((await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password })).status).toBe(401);
    t.clock.advance(2 * 60_000);
    await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
  });
});

describe('access tokens', () => {
  let token: string;
  let claims: jwt.JwtPayload;
  beforeAll(async () => {
    ({
      session: { token },
    } = await loggedIn(t.app, t.db));
    claims = jwt.decode(token) as jwt.JwtPayload;
  });
  const forge = (payload: object, options: jwt.SignOptions = {}, secret: jwt.Secret = key) => {
    const signOptions: jwt.SignOptions = { algorithm: 'HS256', issuer: 'policydesk', audience: 'policydesk-api', expiresIn: 600, ...options };
    if (signOptions.expiresIn === undefined) delete signOptions.expiresIn; // no exp claim at all
    return jwt.sign({ sub: claims.sub, sid: claims.sid, tv: claims.tv, typ: 'access', ...payload }, secret, signOptions);
  };

  it('accepts the genuine token', async () => {
    await me(token).expect(200);
  });

  it.each([
    ['alg none', () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${token.split('.')[1]}.`],
    ['another algorithm (HS512 with the same key)', () => forge({}, { algorithm: 'HS512' })],
    ['a tampered signature', () => token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA')],
    ['a tampered payload', () => [token.split('.')[0], Buffer.from(JSON.stringify({ ...claims, sub: crypto.randomUUID() })).toString('base64url'), token.split('.')[2]].join('.')],
    ['another signing key', () => forge({}, {}, crypto.randomBytes(32))],
    ['a wrong audience', () => forge({}, { audience: 'someone-else' })],
    ['a wrong issuer', () => forge({}, { issuer: 'evil' })],
    ['not-before in the future', () => forge({ nbf: Math.floor(Date.now() / 1000) + 300 })],
    ['a refresh-type token', () => forge({ typ: 'refresh' })],
    ['a correctly signed token without exp', () => forge({}, { expiresIn: undefined })],
    ['a correctly signed token living a day', () => forge({}, { expiresIn: 24 * 3600 })],
    ['a correctly signed token living 15 min + 1 s', () => forge({}, { expiresIn: 15 * 60 + 1 })],
    ['a correctly signed token without iat that lives too long', () => forge({ exp: Math.floor(Date.now() / 1000) + 3600 }, { expiresIn: undefined, noTimestamp: true })],
  ])('refuses %s with 401', async (_name, make) => {
    const res = await me(make()).expect(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(['INVALID_TOKEN', 'TOKEN_EXPIRED']).toContain(res.body.code);
  });

  it('refuses an expired token (15 minutes)', async () => {
    t.clock.advance(14 * 60_000);
    await me(token).expect(200);
    t.clock.advance(2 * 60_000);
    const res = await me(token).expect(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses the refresh token presented as an access token', async () => {
    const { session } = await loggedIn(t.app, t.db);
    const refreshToken = session.refreshCookie.split('=')[1]!;
    await me(refreshToken).expect(401);
  });

  it.each([
    ['no header', undefined],
    ['a non-Bearer scheme', 'Basic dXNlcjpwdw=='],
    ['Bearer without token', 'Bearer '],
    ['garbage', 'Bearer not.a.jwt!'],
  ])('refuses %s with 401', async (_n, header) => {
    const req = request(t.app).get('/api/auth/me');
    if (header !== undefined) req.set('Authorization', header);
    const res = await req.expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });
});

describe('refresh tokens', () => {
  it('rotates the refresh token on every use', async () => {
    const { session } = await loggedIn(t.app, t.db);
    const res = await refresh(session.refreshCookie).expect(200);
    const next = cookieOf(res)!.split(';')[0]!;
    expect(next).not.toBe(session.refreshCookie);
    await me(res.body.accessToken).expect(200);
    await refresh(next).expect(200);
    // Only the SHA-256 of a refresh token is stored.
    const raw = session.refreshCookie.split('=')[1]!;
    const sha = crypto.createHash('sha256').update(raw).digest();
    expect(await t.db('refresh_tokens').where({ token_hash: sha })).toHaveLength(1);
    const [{ count }] = await t
      .db('refresh_tokens')
      .whereRaw("encode(token_hash, 'escape') LIKE ?", [`%${raw}%`])
      .count('* as count');
    expect(Number(count)).toBe(0);
  });

  it('revokes the whole family when a rotated token is reused', async () => {
    const { session, user } = await loggedIn(t.app, t.db);
    const first = await refresh(session.refreshCookie).expect(200);
    const current = cookieOf(first)!.split(';')[0]!;

    const reuse = await refresh(session.refreshCookie).expect(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The newest token of the family and the family's access tokens are dead too.
    expect((await refresh(current)).status).toBe(401);
    expect((await me(first.body.accessToken)).status).toBe(401);
    const audit = await t.db('audit_log').where({ action: 'auth.refresh_reuse', entity_id: user.id });
    expect(audit).toHaveLength(1);
  });

  it('ends a session 12 hours after login whatever the activity', async () => {
    const { session } = await loggedIn(t.app, t.db);
    let cookie = session.refreshCookie;
    for (let hour = 0; hour < 11; hour++) {
      t.clock.advance(60 * 60_000);
      cookie = cookieOf(await refresh(cookie).expect(200))!.split(';')[0]!;
    }
    t.clock.advance(61 * 60_000);
    expect((await refresh(cookie).expect(401)).body.code).toBe('SESSION_EXPIRED');
  });

  it('answers 401 without a cookie', async () => {
    expect((await request(t.app).post('/api/auth/refresh').expect(401)).body.code).toBe('REFRESH_TOKEN_MISSING');
  });
});

describe('logout and password', () => {
  it('logout revokes the session: refresh and access token both stop working', async () => {
    const { session } = await loggedIn(t.app, t.db);
    await request(t.app).post('/api/auth/logout').set(session.auth).set('Cookie', session.refreshCookie).expect(204);
    await refresh(session.refreshCookie).expect(401);
    await me(session.token).expect(401);
  });

  it('me answers the user and the permissions of the role', async () => {
    const { session, user } = await loggedIn(t.app, t.db, { role: 'manager' });
    const res = await me(session.token).expect(200);
    expect(res.body.user.id).toBe(user.id);
    expect(res.body.permissions).toEqual(expect.arrayContaining(['users:read', 'audit:read']));
    expect(res.body.permissions).not.toContain('users:manage');
    expect(res.body.branchIds).toEqual([user.branchId]);
  });

  it('changes the password: old tokens die at once, the answer carries working new ones', async () => {
    const { session, user } = await loggedIn(t.app, t.db);
    const other = await login(t.app, user);
    const res = await request(t.app).post('/api/auth/password').set(session.auth).send({ currentPassword: user.password, newPassword: 'A-brand-new-passphrase' }).expect(200);
    await me(session.token).expect(401);
    await me(other.token).expect(401);
    await refresh(other.refreshCookie).expect(401);
    await me(res.body.accessToken).expect(200);
    await request(t.app).post('/api/auth/login').send({ email: user.email, password: 'A-brand-new-passphrase' }).expect(200);
    await request(t.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
  });

  it.each([
    ['a wrong current password', { currentPassword: 'Wrong-current-pass', newPassword: 'Another-fine-passphrase' }, 'currentPassword', 400],
    ['a common password', { currentPassword: TEST_PASSWORD, newPassword: 'password1234' }, 'newPassword', 400],
    ['a padded common password', { currentPassword: TEST_PASSWORD, newPassword: 'qwertyuiop!!!' }, 'newPassword', 400],
    ['a short password', { currentPassword: TEST_PASSWORD, newPassword: 'Short-1' }, 'newPassword', 400],
    ['a password over 128 characters', { currentPassword: TEST_PASSWORD, newPassword: 'x'.repeat(129) }, 'newPassword', 400],
  ])('rejects %s with a field error', async (_n, body, path, status) => {
    const { session } = await loggedIn(t.app, t.db);
    const res = await request(t.app).post('/api/auth/password').set(session.auth).send(body).expect(status);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('counts every byte of a long password (no silent 72-byte truncation)', async () => {
    const { session, user } = await loggedIn(t.app, t.db);
    const long = `${'correct horse battery staple '.repeat(3)}-A`; // 89 characters
    await request(t.app).post('/api/auth/password').set(session.auth).send({ currentPassword: user.password, newPassword: long }).expect(200);
    await request(t.app)
      .post('/api/auth/login')
      .send({ email: user.email, password: `${long.slice(0, -1)}B` })
      .expect(401);
    await request(t.app).post('/api/auth/login').send({ email: user.email, password: long }).expect(200);
  });
});
