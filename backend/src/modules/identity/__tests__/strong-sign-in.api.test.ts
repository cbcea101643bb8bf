// Strong sign-in (issue 22): TOTP enrolment and the login code step, recovery codes, enforcement
// outside local demo mode, lockout counting wrong codes, the admin reset (four-eyes), own sessions.
import crypto from 'node:crypto';
import { generate } from 'otplib';
import request from 'supertest';
import { rotateFieldKeys } from '../../../cli/rotate-field-keys';
import { ConfigError } from '../../../config';
import { createDb } from '../../../db';
import { createFieldCrypto } from '../../../modules/shared-services';
import { appForFile, createTestApp, testConfig, type TestApp } from '../../../../test/support/test-app';
import { loggedIn, login, makeUser, type Session, sessionAs, type TestUser } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { MAX_FAILED_LOGINS, MFA_CHALLENGE_MAX_ATTEMPTS, TOTP_SECRET_CONTEXT } from '../auth.service';

const t = appForFile();
afterEach(() => t.clock.reset());

/** A fixed instant 5 s into a 30-second step, so codes computed here match the server's step. */
const STEP_START = new Date('2026-12-07T10:00:00.000Z');
const atStep = (n: number) => new Date(STEP_START.getTime() + n * 30_000 + 5_000);
const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const passwordStep = (app: TestApp['app'], user: { email: string; password: string }) => request(app).post('/api/auth/login').send({ email: user.email, password: user.password });
const codeStep = (app: TestApp['app'], challengeToken: string, code: string) => request(app).post('/api/auth/login/mfa').send({ challengeToken, code });

/** Enrols the session's user at the clock's current time; answers the secret and the recovery codes. */
async function enrol(app: TestApp, session: Session) {
  const started = await request(app.app).post('/api/auth/mfa/enrolment').set(session.auth).expect(200);
  const secret: string = started.body.secret;
  const confirmed = await request(app.app)
    .post('/api/auth/mfa/enrolment/confirm')
    .set(session.auth)
    .send({ code: await codeAt(secret, app.clock.now()) })
    .expect(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[], started: started.body };
}

/** A user of `role` with TOTP set up at step 0 (the clock is left at step 0). */
async function enrolledUser(app: TestApp = t, role: TestUser['role'] = 'agent') {
  app.clock.set(atStep(0));
  const { user, session } = await loggedIn(app.app, app.db, { role });
  const { secret, recoveryCodes } = await enrol(app, session);
  return { user, session, secret, recoveryCodes };
}

async function challengeFor(app: TestApp['app'], user: TestUser): Promise<string> {
  const res = await passwordStep(app, user).expect(200);
  expect(res.body).toEqual({ mfaRequired: true, challengeToken: expect.any(String), expiresIn: 300 });
  return res.body.challengeToken;
}

describe('TOTP enrolment', () => {
  it('gives an otpauth:// secret and QR code, keeps the secret encrypted, confirms with a code and shows ten recovery codes once', async () => {
    t.clock.set(atStep(0));
    const { user, session } = await loggedIn(t.app, t.db);
    expect((await request(t.app).get('/api/auth/mfa').set(session.auth).expect(200)).body).toEqual({ enabled: false, enrolledAt: null, required: false, recoveryCodesLeft: 0 });

    const started = await request(t.app).post('/api/auth/mfa/enrolment').set(session.auth).expect(200);
    const { secret, otpauthUrl, qrCodeDataUrl } = started.body;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Policydesk');
    expect(decodeURIComponent(url.pathname)).toContain(user.email);
    expect(qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCodeDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');

    // At rest: ciphertext under the field key, decrypting (in this column's context) to the secret.
    const row = await t.db('user_totp').where({ user_id: user.id }).first();
    expect(row.secret_ciphertext).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(createFieldCrypto(testConfig()).decrypt({ keyId: row.secret_key_id, ciphertext: row.secret_ciphertext }, TOTP_SECRET_CONTEXT)).toBe(secret);
    expect(row.confirmed_at).toBeNull();

    // Not enrolled until confirmed: the password alone still logs in.
    expect((await passwordStep(t.app, user).expect(200)).body.accessToken).toEqual(expect.any(String));

    const wrong = await request(t.app).post('/api/auth/mfa/enrolment/confirm').set(session.auth).send({ code: '000000' }).expect(400);
    expect(wrong.body.code).toBe('MFA_CODE_INVALID');
    const bad = await request(t.app).post('/api/auth/mfa/enrolment/confirm').set(session.auth).send({ code: 'abc' }).expect(400);
    expect(bad.body.errors[0].path).toBe('code');

    const confirmed = await request(t.app)
      .post('/api/auth/mfa/enrolment/confirm')
      .set(session.auth)
      .send({ code: await codeAt(secret, t.clock.now()) })
      .expect(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Stored hashed: no code appears in the table.
    const stored = await t.db('user_recovery_codes').where({ user_id: user.id });
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const c of codes) {
      expect(dump).not.toContain(c);
      expect(dump).not.toContain(c.replace(/-/g, ''));
    }

    expect((await request(t.app).get('/api/auth/mfa').set(session.auth).expect(200)).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect((await request(t.app).get('/api/auth/me').set(session.auth).expect(200)).body.mfa).toEqual({ enabled: true, enrollmentRequired: false });
    const again = await request(t.app).post('/api/auth/mfa/enrolment').set(session.auth).expect(409);
    expect(again.body.code).toBe('MFA_ALREADY_ENABLED');
    expect(await t.db('audit_log').where({ action: 'auth.mfa_enrol', entity_id: user.id })).toHaveLength(1);
  });

  it('refuses a confirmation before an enrolment was started (409 MFA_ENROLMENT_NOT_STARTED)', async () => {
    const { session } = await loggedIn(t.app, t.db);
    const res = await request(t.app).post('/api/auth/mfa/enrolment/confirm').set(session.auth).send({ code: '123456' }).expect(409);
    expect(res.body.code).toBe('MFA_ENROLMENT_NOT_STARTED');
  });
});

describe('login with a second factor', () => {
  it('answers a challenge, not tokens, to the password; tokens only after a valid code', async () => {
    const { user, secret } = await enrolledUser();
    t.clock.set(atStep(2));
    const res = await passwordStep(t.app, user).expect(200);
    expect(res.body.accessToken).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    // The challenge itself is no access token.
    await request(t.app).get('/api/auth/me').set(bearer(res.body.challengeToken)).expect(401);

    const done = await codeStep(t.app, res.body.challengeToken, await codeAt(secret, t.clock.now())).expect(200);
    expect(done.body).toMatchObject({ accessToken: expect.any(String), user: { id: user.id } });
    expect(([] as string[]).concat(done.headers['set-cookie'] ?? []).some((c) => c.startsWith('pd_refresh='))).toBe(true);
    await request(t.app).get('/api/auth/me').set(bearer(done.body.accessToken)).expect(200);
    // The challenge is spent.
    expect((await codeStep(t.app, res.body.challengeToken, await codeAt(secret, atStep(3))).expect(401)).body.code).toBe('MFA_CHALLENGE_INVALID');
    const audit = await t.db('audit_log').where({ action: 'auth.login', entity_id: user.id, outcome: 'success' });
    expect(audit.map((a) => a.metadata?.method)).toContain('totp');
  });

  it('refuses a wrong code (401 MFA_CODE_INVALID) and a code two steps away', async () => {
    const { user, secret } = await enrolledUser();
    t.clock.set(atStep(10));
    const challenge = await challengeFor(t.app, user);
    expect((await codeStep(t.app, challenge, '000000').expect(401)).body.code).toBe('MFA_CODE_INVALID');
    expect((await codeStep(t.app, challenge, await codeAt(secret, atStep(8))).expect(401)).body.code).toBe('MFA_CODE_INVALID');
    expect((await codeStep(t.app, challenge, await codeAt(secret, atStep(12))).expect(401)).body.code).toBe('MFA_CODE_INVALID');
    expect((await codeStep(t.app, challenge, 'not a code').expect(400)).body.errors[0].path).toBe('code');
  });

  it('accepts the previous and the next step (±1), each code once: a replay in the window is 401 MFA_CODE_REUSED', async () => {
    const { user, secret } = await enrolledUser();
    t.clock.set(atStep(5));
    const previous = await codeAt(secret, atStep(4));
    await codeStep(t.app, await challengeFor(t.app, user), previous).expect(200);
    // The same code again, still inside its window.
    const replay = await codeStep(t.app, await challengeFor(t.app, user), previous).expect(401);
    expect(replay.body.code).toBe('MFA_CODE_REUSED');
    await codeStep(t.app, await challengeFor(t.app, user), await codeAt(secret, atStep(6))).expect(200);
    // A step before one already used can no longer be used either.
    expect((await codeStep(t.app, await challengeFor(t.app, user), await codeAt(secret, atStep(5))).expect(401)).body.code).toBe('MFA_CODE_REUSED');
    // The code used to confirm the enrolment cannot log in within its window either.
    t.clock.set(atStep(0));
    const other = await enrolledUser();
    expect((await codeStep(t.app, await challengeFor(t.app, other.user), await codeAt(other.secret, atStep(0))).expect(401)).body.code).toBe('MFA_CODE_REUSED');
  });

  it('lets two logins race with one code: exactly one wins', async () => {
    const { user, secret } = await enrolledUser();
    t.clock.set(atStep(3));
    const code = await codeAt(secret, atStep(3));
    const [a, b] = [await challengeFor(t.app, user), await challengeFor(t.app, user)];
    const results = await Promise.all([codeStep(t.app, a, code), codeStep(t.app, b, code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('logs in with a recovery code, in any case or spacing, once: the second use is 401 RECOVERY_CODE_USED', async () => {
    const { user, session, recoveryCodes } = await enrolledUser();
    const code = recoveryCodes[3]!;
    const done = await codeStep(t.app, await challengeFor(t.app, user), code.toUpperCase()).expect(200);
    expect(done.body.accessToken).toEqual(expect.any(String));
    const twice = await codeStep(t.app, await challengeFor(t.app, user), code).expect(401);
    expect(twice.body.code).toBe('RECOVERY_CODE_USED');
    expect((await codeStep(t.app, await challengeFor(t.app, user), 'aaaa-bbbb-cccc').expect(401)).body.code).toBe('MFA_CODE_INVALID');
    expect((await request(t.app).get('/api/auth/mfa').set(session.auth).expect(200)).body.recoveryCodesLeft).toBe(9);
    await codeStep(t.app, await challengeFor(t.app, user), recoveryCodes[4]!.replace(/-/g, '')).expect(200);
  });

  it('expires the challenge after five minutes and after five wrong codes (401 MFA_CHALLENGE_INVALID)', async () => {
    const { user, secret } = await enrolledUser();
    t.clock.set(atStep(4));
    const challenge = await challengeFor(t.app, user);
    t.clock.set(new Date(atStep(4).getTime() + 5 * 60_000 + 1000));
    expect((await codeStep(t.app, challenge, await codeAt(secret, t.clock.now())).expect(401)).body.code).toBe('MFA_CHALLENGE_INVALID');

    const second = await challengeFor(t.app, user);
    for (let i = 0; i < MFA_CHALLENGE_MAX_ATTEMPTS; i++) await codeStep(t.app, second, '000000').expect(401);
    expect((await codeStep(t.app, second, await codeAt(secret, t.clock.now())).expect(401)).body.code).toBe('MFA_CHALLENGE_INVALID');
    expect((await codeStep(t.app, 'x'.repeat(43), '123456').expect(401)).body.code).toBe('MFA_CHALLENGE_INVALID');
  });

  it('counts wrong codes towards the lockout like wrong passwords (5 + 5 → locked, audited)', async () => {
    const { user } = await enrolledUser();
    t.clock.set(atStep(20));
    for (let i = 0; i < 5; i++) await passwordStep(t.app, { email: user.email, password: 'Not-the-password-1' }).expect(401);
    const challenge = await challengeFor(t.app, user);
    for (let i = 0; i < MAX_FAILED_LOGINS - 5; i++) expect((await codeStep(t.app, challenge, '000000').expect(401)).body.code).toBe('MFA_CODE_INVALID');
    expect(await t.db('audit_log').where({ action: 'auth.lockout', entity_id: user.id })).toHaveLength(1);
    const row = await t.db('users').where({ id: user.id }).first();
    expect(row.locked_until.getTime()).toBeGreaterThan(t.clock.now().getTime());
    // Locked: even the right password gets no new challenge.
    expect((await passwordStep(t.app, user).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
  });

  it('counts replayed codes too, and does not reset the count at the password step', async () => {
    const { user, secret } = await enrolledUser();
    t.clock.set(atStep(30));
    const used = await codeAt(secret, atStep(30));
    await codeStep(t.app, await challengeFor(t.app, user), used).expect(200);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      // A fresh challenge each time: the password is right, the code is a replay.
      await codeStep(t.app, await challengeFor(t.app, user), used).expect(401);
    }
    expect(await t.db('audit_log').where({ action: 'auth.lockout', entity_id: user.id })).toHaveLength(1);
    expect((await passwordStep(t.app, user).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('enforcement', () => {
  it('in local demo mode MFA is offered, not forced: an unenrolled user works as before', async () => {
    const { session } = await loggedIn(t.app, t.db, { role: 'admin' });
    await request(t.app).get('/api/users').set(session.auth).expect(200);
    expect((await request(t.app).get('/api/auth/me').set(session.auth).expect(200)).body.mfa).toEqual({ enabled: false, enrollmentRequired: false });
  });

  describe('outside local demo mode (APP_ENV=production)', () => {
    let prod: TestApp;
    let exempting: TestApp;
    beforeAll(() => {
      prod = createTestApp({ env: { APP_ENV: 'production', PASSWORD_HASH_COST: '12' } });
      exempting = createTestApp({ env: { APP_ENV: 'production', PASSWORD_HASH_COST: '12', MFA_EXEMPT_ROLES: 'agent,underwriter' } });
    });
    afterAll(async () => {
      await prod.close();
      await exempting.close();
    });

    it.each(['admin', 'manager', 'agent', 'underwriter', 'claims_adjuster', 'finance'] as const)(
      'requires a %s to enrol before anything else (403 MFA_ENROLLMENT_REQUIRED), then lets them work',
      async (role) => {
        prod.clock.set(atStep(0));
        try {
          const { session } = await loggedIn(prod.app, prod.db, { role });
          const blocked = await request(prod.app).get('/api/branches').set(session.auth).expect(403);
          expect(blocked.body.code).toBe('MFA_ENROLLMENT_REQUIRED');
          expect((await request(prod.app).get('/api/auth/me').set(session.auth).expect(200)).body.mfa).toEqual({ enabled: false, enrollmentRequired: true });
          expect((await request(prod.app).get('/api/auth/mfa').set(session.auth).expect(200)).body.required).toBe(true);
          await enrol(prod, session);
          await request(prod.app).get('/api/branches').set(session.auth).expect(200);
        } finally {
          prod.clock.reset();
        }
      },
      30_000,
    );

    it('lets a deployment exempt roles (MFA_EXEMPT_ROLES), never admin or manager', async () => {
      const agent = await sessionAs(exempting, 'agent');
      await request(exempting.app).get('/api/branches').set(agent.auth).expect(200);
      const manager = await sessionAs(exempting, 'manager');
      expect((await request(exempting.app).get('/api/branches').set(manager.auth).expect(403)).body.code).toBe('MFA_ENROLLMENT_REQUIRED');
      for (const env of [{ MFA_EXEMPT_ROLES: 'agent,admin' }, { MFA_EXEMPT_ROLES: 'manager' }, { APP_ENV: 'production', PASSWORD_HASH_COST: '12', MFA_MODE: 'offered' }] as Record<
        string,
        string
      >[]) {
        expect(() => testConfig(env)).toThrow(ConfigError);
      }
      expect(testConfig({ MFA_MODE: 'required' }).mfa.required).toBe(true);
      expect(testConfig().mfa.required).toBe(false);
    }, 30_000);
  });
});

describe('admin reset of an enrolment', () => {
  it('lets another admin reset it (audited): the user’s sessions end and the password alone logs in again until they re-enrol', async () => {
    const { user, session: userSession } = await enrolledUser();
    t.clock.reset();
    const admin = await sessionAs(t, 'admin');
    const before = await request(t.app).get(`/api/users/${user.id}`).set(admin.auth).expect(200);
    expect(before.body.mfaEnabled).toBe(true);
    const reset = await request(t.app).post(`/api/users/${user.id}/reset-mfa`).set(admin.auth).set('If-Match', before.headers.etag).expect(200);
    expect(reset.body.mfaEnabled).toBe(false);
    await request(t.app).get('/api/auth/me').set(userSession.auth).expect(401);
    expect(await t.db('user_recovery_codes').where({ user_id: user.id })).toHaveLength(0);
    expect((await passwordStep(t.app, user).expect(200)).body.accessToken).toEqual(expect.any(String));
    const audit = await t.db('audit_log').where({ action: 'user.reset_mfa', entity_id: user.id });
    expect(audit).toHaveLength(1);
    const again = await request(t.app).post(`/api/users/${user.id}/reset-mfa`).set(admin.auth).set('If-Match', reset.headers.etag).expect(409);
    expect(again.body.code).toBe('MFA_NOT_ENABLED');
  });

  it('refuses an admin resetting their own enrolment (409 FOUR_EYES) and a manager (403)', async () => {
    // The clock stays where the enrolment happened, so the admin's session is still alive.
    const { user, session } = await enrolledUser(t, 'admin');
    const own = await request(t.app).get(`/api/users/${user.id}`).set(session.auth).expect(200);
    const res = await request(t.app).post(`/api/users/${user.id}/reset-mfa`).set(session.auth).set('If-Match', own.headers.etag).expect(409);
    expect(res.body.code).toBe('FOUR_EYES');
    expect((await t.db('user_totp').where({ user_id: user.id }).first()).confirmed_at).not.toBeNull();
    const manager = await sessionAs(t, 'manager');
    await request(t.app).post(`/api/users/${user.id}/reset-mfa`).set(manager.auth).set('If-Match', '"1"').expect(403);
  });
});

describe('own sessions', () => {
  it('lists the live sessions with device, address and last use, and ends one: its tokens are refused on the very next request', async () => {
    const user = await makeUser(t.db);
    const loginWith = async (agent: string) => {
      const res = await request(t.app).post('/api/auth/login').set('User-Agent', agent).send({ email: user.email, password: user.password }).expect(200);
      const cookie = ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('pd_refresh='))!
        .split(';')[0]!;
      return { auth: bearer(res.body.accessToken), cookie };
    };
    const laptop = await loginWith('Laptop/1.0');
    const phone = await loginWith('Phone/2.0');

    const list = await request(t.app).get('/api/auth/sessions').set(laptop.auth).expect(200);
    expect(list.body.items).toHaveLength(2);
    const phoneSession = list.body.items.find((s: { userAgent: string }) => s.userAgent === 'Phone/2.0');
    const laptopSession = list.body.items.find((s: { userAgent: string }) => s.userAgent === 'Laptop/1.0');
    expect(laptopSession).toMatchObject({ current: true, ip: expect.stringContaining('127.0.0.1'), lastUsedAt: expect.any(String) });
    expect(phoneSession.current).toBe(false);

    await request(t.app).get('/api/auth/me').set(phone.auth).expect(200);
    await request(t.app).delete(`/api/auth/sessions/${phoneSession.id}`).set(laptop.auth).expect(204);
    expect((await request(t.app).get('/api/auth/me').set(phone.auth).expect(401)).body.code).toBe('TOKEN_REVOKED');
    await request(t.app).post('/api/auth/refresh').set('Cookie', phone.cookie).expect(401);
    await request(t.app).get('/api/auth/me').set(laptop.auth).expect(200);
    expect((await request(t.app).get('/api/auth/sessions').set(laptop.auth).expect(200)).body.items.map((s: { id: string }) => s.id)).toEqual([laptopSession.id]);
    expect(await t.db('audit_log').where({ action: 'auth.session_end', entity_id: user.id })).toHaveLength(1);

    // Ending it again, or someone else's session: 404.
    expect((await request(t.app).delete(`/api/auth/sessions/${phoneSession.id}`).set(laptop.auth).expect(404)).body.code).toBe('SESSION_NOT_FOUND');
    const stranger = await sessionAs(t, 'admin');
    await request(t.app).delete(`/api/auth/sessions/${laptopSession.id}`).set(stranger.auth).expect(404);
    await request(t.app).get('/api/auth/me').set(laptop.auth).expect(200);
    // Ending the current one logs this device out too.
    await request(t.app).delete(`/api/auth/sessions/${laptopSession.id}`).set(laptop.auth).expect(204);
    await request(t.app).get('/api/auth/me').set(laptop.auth).expect(401);
  });

  it('never lists another user’s sessions', async () => {
    const a = await loggedIn(t.app, t.db);
    await login(t.app, a.user);
    const b = await sessionAs(t, 'agent');
    expect((await request(t.app).get('/api/auth/sessions').set(b.auth).expect(200)).body.items).toHaveLength(1);
  });
});

describe('key rotation', () => {
  it(
    're-encrypts TOTP secrets under the new field key; codes keep working',
    async () => {
      const url = await createMigratedDatabase(process.env.POLICYDESK_TEST_ADMIN_URL!, 'policydesk_totp_rotation');
      const oldKey = `old:${crypto.randomBytes(32).toString('base64')}`;
      const newKey = `new:${crypto.randomBytes(32).toString('base64')}`;
      const before = createTestApp({ env: { DATABASE_URL: url, FIELD_ENCRYPTION_KEY: oldKey } });
      const after = createTestApp({ env: { DATABASE_URL: url, FIELD_ENCRYPTION_KEY: newKey, FIELD_ENCRYPTION_PREVIOUS_KEYS: oldKey }, db: createDb({ url, poolMax: 2 }) });
      try {
        const { user, secret } = await enrolledUser(before);
        expect(await rotateFieldKeys(after.db, after.services.fieldCrypto)).toBe(1);
        expect((await after.db('user_totp').where({ user_id: user.id }).first()).secret_key_id).toBe('new');
        after.clock.set(atStep(1));
        await codeStep(after.app, await challengeFor(after.app, user), await codeAt(secret, atStep(1))).expect(200);
      } finally {
        await before.close();
        await after.close();
        await dropDatabase(process.env.POLICYDESK_TEST_ADMIN_URL!, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
