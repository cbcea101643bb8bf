// Issue 21: registration proves who the customer is (policy number + date of birth + a one-time code
// through the outbox, then a password), without telling an outsider whether a customer exists; codes
// expire and work once; attempts are rate limited per address and per policy across instances;
// login, refresh, logout and lockout like staff's.
import crypto from 'node:crypto';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { PORTAL_PASSWORD, PORTAL_TEST_ENV, codeOf, holderFacts, numberOf, registeredCustomer, start } from './portal-fixtures';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld('portal_registration', { env: PORTAL_TEST_ENV });
});
afterAll(() => w.close());

const verify = (body: object) => request(w.t.app).post('/api/portal/registration/verify').send(body);
const complete = (body: object) => request(w.t.app).post('/api/portal/registration/complete').send(body);
const login = (username: string, password: string) => request(w.t.app).post('/api/portal/auth/login').send({ username, password });

describe('registration', () => {
  it('registers the holder: the code goes to the email on file through the outbox, then a password signs them in', async () => {
    const issued = await w.issuedPolicy();
    const { dateOfBirth, email } = await holderFacts(w, issued);
    const started = await start(w.t.app, { policyNumber: numberOf(issued).toLowerCase(), dateOfBirth }).expect(202);
    expect(started.body).toEqual({ registrationId: expect.any(String), expiresAt: expect.any(String), message: expect.stringContaining('If these details match') });

    const message = await w.t
      .db('notification_outbox')
      .where({ idempotency_key: `portal-registration:${started.body.registrationId}` })
      .first();
    expect(message).toMatchObject({ channel: 'email', recipient: email, template_key: 'portal-registration-code', customer_id: issued.customer.id, purpose: 'service' });
    expect(message.data.code).toMatch(/^[0-9]{6}$/);
    // Only the code's hash is kept with the registration.
    const row = await w.t.db('portal_registrations').where({ id: started.body.registrationId }).first();
    expect(row.code_hash.toString('hex')).not.toContain(message.data.code);

    const verified = await verify({ registrationId: started.body.registrationId, code: message.data.code }).expect(200);
    expect(verified.body.username).toBe(email.toLowerCase());
    const done = await complete({ registrationId: started.body.registrationId, password: PORTAL_PASSWORD }).expect(201);
    expect(done.body.customer).toMatchObject({ customerId: issued.customer.id, username: email.toLowerCase() });
    expect(done.headers['set-cookie']?.[0]).toMatch(/^pd_portal_refresh=.*Path=\/api\/portal\/auth.*HttpOnly.*SameSite=Strict/);

    const me = await request(w.t.app).get('/api/portal/me').set('Authorization', `Bearer ${done.body.accessToken}`).expect(200);
    expect(me.body.customerId).toBe(issued.customer.id);
    // And the password works for a fresh login.
    await login(email, PORTAL_PASSWORD).expect(200);
  });

  it('answers a wrong date of birth and an unknown policy exactly like a match, and sends nothing', async () => {
    const issued = await w.issuedPolicy();
    const { dateOfBirth } = await holderFacts(w, issued);
    const wrongDob = dateOfBirth === '1970-01-01' ? '1970-01-02' : '1970-01-01';
    const match = await start(w.t.app, { policyNumber: numberOf(issued), dateOfBirth }).expect(202);
    const wrong = await start(w.t.app, { policyNumber: numberOf(issued), dateOfBirth: wrongDob }).expect(202);
    const unknown = await start(w.t.app, { policyNumber: 'P-999999', dateOfBirth }).expect(202);
    const shape = (b: Record<string, unknown>) => ({ keys: Object.keys(b).sort(), message: b.message });
    expect(shape(wrong.body)).toEqual(shape(match.body));
    expect(shape(unknown.body)).toEqual(shape(match.body));
    expect(await codeOf(w, wrong.body.registrationId)).toBeUndefined();
    expect(await codeOf(w, unknown.body.registrationId)).toBeUndefined();
    // Any code for them is the same 400 as a wrong code.
    for (const id of [wrong.body.registrationId, unknown.body.registrationId, crypto.randomUUID()]) {
      const res = await verify({ registrationId: id, code: '123456' }).expect(400);
      expect(res.body.code).toBe('PORTAL_REGISTRATION_INVALID');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'code' })]);
    }
  });

  it('uses a code once, refuses it after 15 minutes, and ends the registration after 5 wrong codes', async () => {
    const issued = await w.issuedPolicy();
    const { dateOfBirth } = await holderFacts(w, issued);
    const body = { policyNumber: numberOf(issued), dateOfBirth };

    const once = (await start(w.t.app, body).expect(202)).body.registrationId;
    const code = (await codeOf(w, once))!;
    await verify({ registrationId: once, code }).expect(200);
    expect((await verify({ registrationId: once, code }).expect(400)).body.code).toBe('PORTAL_REGISTRATION_INVALID');

    const late = (await start(w.t.app, body).expect(202)).body.registrationId;
    w.t.clock.advance(16 * 60_000);
    try {
      expect((await verify({ registrationId: late, code: (await codeOf(w, late))! }).expect(400)).body.code).toBe('PORTAL_REGISTRATION_INVALID');
    } finally {
      w.t.clock.advance(-16 * 60_000);
    }

    const guessed = (await start(w.t.app, body).expect(202)).body.registrationId;
    const right = (await codeOf(w, guessed))!;
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) await verify({ registrationId: guessed, code: wrong }).expect(400);
    await verify({ registrationId: guessed, code: right }).expect(400);
    expect((await w.t.db('portal_registrations').where({ id: guessed }).first()).failed_attempts).toBe(5);
  });

  it('sets the password only after the code, once, with staff password rules; a second account is a 409', async () => {
    const issued = await w.issuedPolicy();
    const { dateOfBirth } = await holderFacts(w, issued);
    const id = (await start(w.t.app, { policyNumber: numberOf(issued), dateOfBirth }).expect(202)).body.registrationId;
    expect((await complete({ registrationId: id, password: PORTAL_PASSWORD }).expect(400)).body.code).toBe('PORTAL_REGISTRATION_INVALID');
    await verify({ registrationId: id, code: (await codeOf(w, id))! }).expect(200);
    const weak = await complete({ registrationId: id, password: 'password1234' }).expect(400);
    expect(weak.body).toMatchObject({ code: 'PORTAL_PASSWORD_REJECTED', errors: [{ path: 'password', message: expect.stringContaining('common') }] });
    expect((await complete({ registrationId: id, password: 'short' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await complete({ registrationId: id, password: PORTAL_PASSWORD }).expect(201);
    expect((await complete({ registrationId: id, password: PORTAL_PASSWORD }).expect(400)).body.code).toBe('PORTAL_REGISTRATION_INVALID');

    const again = (await start(w.t.app, { policyNumber: numberOf(issued), dateOfBirth }).expect(202)).body.registrationId;
    await verify({ registrationId: again, code: (await codeOf(w, again))! }).expect(200);
    expect((await complete({ registrationId: again, password: PORTAL_PASSWORD }).expect(409)).body.code).toBe('PORTAL_ACCOUNT_EXISTS');
    expect(await w.t.db('portal_accounts').where({ customer_id: issued.customer.id })).toHaveLength(1);
  });

  it.each([
    ['a NUL byte in the policy number', { policyNumber: 'P-00\u00001', dateOfBirth: '1980-01-01' }],
    ['year 0000', { policyNumber: 'P-000001', dateOfBirth: '0000-01-01' }],
    ['month 13', { policyNumber: 'P-000001', dateOfBirth: '1980-13-01' }],
    ['a five-digit year', { policyNumber: 'P-000001', dateOfBirth: '19800-01-01' }],
    ['February 30th', { policyNumber: 'P-000001', dateOfBirth: '1980-02-30' }],
    ['no policy number', { policyNumber: '   ', dateOfBirth: '1980-01-01' }],
    ['a 2,000 character policy number', { policyNumber: 'P'.repeat(2000), dateOfBirth: '1980-01-01' }],
    ['an unknown field', { policyNumber: 'P-000001', dateOfBirth: '1980-01-01', admin: true }],
  ])('refuses %s with a 400 naming the field', async (_what, body) => {
    const res = await start(w.t.app, body).expect(400);
    expect(res.body.errors?.length).toBeGreaterThan(0);
  });

  it.each([
    ['letters for a code', { code: 'abcdef' }],
    ['a NUL byte in the code', { code: '12345\u0000' }],
    ['a registration id that is not one', { registrationId: 'nope' }],
  ])('refuses %s when verifying (400)', async (_what, patch) => {
    await verify({ registrationId: crypto.randomUUID(), code: '123456', ...patch }).expect(400);
  });
});

describe('rate limits, held in PostgreSQL across instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => {
    const env = { DATABASE_URL: w.t.config.databaseUrl!, PORTAL_REGISTRATION_LIMIT_PER_MINUTE: '6', PORTAL_REGISTRATION_LIMIT_PER_POLICY_PER_HOUR: '3' };
    a = createTestApp({ env });
    b = createTestApp({ env });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('limits registrations per policy number and per client address, whichever instance answers', async () => {
    const issued = await w.issuedPolicy();
    const { dateOfBirth } = await holderFacts(w, issued);
    const body = { policyNumber: numberOf(issued), dateOfBirth };
    await start(a.app, body).expect(202);
    await start(b.app, body).expect(202);
    await start(a.app, { ...body, policyNumber: numberOf(issued).toLowerCase() }).expect(202);
    const perPolicy = await start(b.app, body).expect(429);
    expect(perPolicy.body.code).toBe('PORTAL_REGISTRATION_RATE_LIMITED');
    expect(perPolicy.headers['retry-after']).toBeDefined();
    // Three codes went out; the refused fourth attempt sent nothing.
    const sent = await w.t.db('notification_outbox').where({ customer_id: issued.customer.id, template_key: 'portal-registration-code' });
    expect(sent).toHaveLength(3);

    // The address: six requests a minute in all (the four above count), on either instance.
    await start(a.app, { policyNumber: 'P-900001', dateOfBirth: '1980-01-01' }).expect(202);
    await start(b.app, { policyNumber: 'P-900002', dateOfBirth: '1980-01-01' }).expect(202);
    expect((await start(a.app, { policyNumber: 'P-900003', dateOfBirth: '1980-01-01' }).expect(429)).body.code).toBe('PORTAL_REGISTRATION_RATE_LIMITED');
    expect((await request(b.app).post('/api/portal/registration/verify').send({ registrationId: crypto.randomUUID(), code: '123456' }).expect(429)).body.code).toBe(
      'PORTAL_REGISTRATION_RATE_LIMITED',
    );
  });
});

describe('login, refresh, logout, lockout', () => {
  it('locks the account after 10 wrong passwords (then even the right one fails) for 30 minutes, audited', async () => {
    const c = await registeredCustomer(w);
    for (let i = 0; i < 10; i++) expect((await login(c.username, 'Wrong-password-but-long').expect(401)).body.code).toBe('PORTAL_INVALID_CREDENTIALS');
    expect((await login(c.username, PORTAL_PASSWORD).expect(401)).body.code).toBe('PORTAL_INVALID_CREDENTIALS');
    const account = await w.t.db('portal_accounts').where({ customer_id: c.customerId }).first();
    expect(account.locked_until).not.toBeNull();
    const lockout = await w.t.db('audit_log').where({ action: 'portal.lockout', actor_portal_account_id: account.id });
    expect(lockout).toHaveLength(1);
    w.t.clock.advance(31 * 60_000);
    try {
      await login(c.username, PORTAL_PASSWORD).expect(200);
    } finally {
      w.t.clock.advance(-31 * 60_000);
    }
  });

  it('answers an unknown username like a wrong password; the username is not case-sensitive', async () => {
    const c = await registeredCustomer(w);
    expect((await login('nobody@example.com', PORTAL_PASSWORD).expect(401)).body.code).toBe('PORTAL_INVALID_CREDENTIALS');
    expect((await login(c.username.toUpperCase(), PORTAL_PASSWORD).expect(200)).body.customer.customerId).toBe(c.customerId);
  });

  it('rotates the refresh cookie, ends the session on reuse, and a logout ends the access token at once', async () => {
    const c = await registeredCustomer(w);
    const first = await login(c.username, PORTAL_PASSWORD).expect(200);
    const cookie = first.headers['set-cookie']![0]!.split(';')[0]!;
    const refreshed = await request(w.t.app).post('/api/portal/auth/refresh').set('Cookie', cookie).expect(200);
    expect(refreshed.body.accessToken).not.toBe(first.body.accessToken);
    expect((await request(w.t.app).post('/api/portal/auth/refresh').set('Cookie', cookie).expect(401)).body.code).toBe('PORTAL_REFRESH_TOKEN_REUSED');
    // The reuse ended the session: its access tokens too.
    expect((await request(w.t.app).get('/api/portal/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(401)).body.code).toBe('PORTAL_SESSION_ENDED');

    const second = await login(c.username, PORTAL_PASSWORD).expect(200);
    const auth = { Authorization: `Bearer ${second.body.accessToken}` };
    await request(w.t.app).get('/api/portal/me').set(auth).expect(200);
    await request(w.t.app).post('/api/portal/auth/logout').set(auth).expect(204);
    expect((await request(w.t.app).get('/api/portal/me').set(auth).expect(401)).body.code).toBe('PORTAL_SESSION_ENDED');
  });
});
