// Logs stay structured JSON lines with the request id, user id and route; and no password, token,
// TOTP secret, card number or national id ever reaches a log line or a metric label — whether it
// travels in a valid body, an invalid one, a header, a query string or a path.
import request from 'supertest';
import { customerBody, makeBranch, makeUser, TEST_PASSWORD } from '../../../test/support/factories';
import { captureLogs, createTestApp, type TestApp } from '../../../test/support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-pii-test-0123456789';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPQWERTY23';
const CARD_NUMBER = '4242424242424242';
const NATIONAL_ID = '521-44-7788';
const NATIONAL_ID_DIGITS = '521447788';
const WRONG_PASSWORD = 'Not-the-right-passphrase-77';

let t: TestApp;
let logs: ReturnType<typeof captureLogs>;
beforeAll(() => {
  logs = captureLogs();
  t = createTestApp({ env: { METRICS_TOKEN, LOG_LEVEL: 'debug' }, logger: logs.logger });
});
afterAll(() => t.close());

it('keeps passwords, tokens, TOTP secrets, card numbers and national ids out of every log line and metric label', async () => {
  const branch = await makeBranch(t.db);
  const user = await makeUser(t.db, { role: 'agent', branchId: branch.id });

  // Login: a wrong password, a body carrying a TOTP secret, then the right password.
  await request(t.app).post('/api/auth/login').send({ email: user.email, password: WRONG_PASSWORD }).expect(401);
  await request(t.app).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD, totpSecret: TOTP_SECRET }).expect(400);
  await request(t.app).post(`/api/auth/login?totp=${TOTP_SECRET}`).set('X-Totp-Secret', TOTP_SECRET).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  const login = await request(t.app).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  const accessToken: string = login.body.accessToken;
  const refreshCookie = ([] as string[])
    .concat(login.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('pd_refresh='))!
    .split(';')[0]!;
  const auth = { Authorization: `Bearer ${accessToken}` };
  await request(t.app).post('/api/auth/refresh').set('Cookie', refreshCookie).send({});

  // Customer create with a national id; a malformed one; the national id typed into paths and a search.
  const created = await request(t.app)
    .post('/api/customers')
    .set(auth)
    .send(customerBody(branch.id, { nationalId: NATIONAL_ID }))
    .expect(201);
  await request(t.app)
    .post('/api/customers')
    .set(auth)
    .send(customerBody(branch.id, { nationalId: NATIONAL_ID, unknownField: CARD_NUMBER }))
    .expect(400);
  await request(t.app).get(`/api/customers/${NATIONAL_ID}`).set(auth).expect(400);
  await request(t.app).get(`/api/not-a-route/${NATIONAL_ID}/${CARD_NUMBER}`).set(auth).expect(404);
  await request(t.app).get(`/api/customers/search?q=${NATIONAL_ID}`).set(auth);

  // Payments: a card number where none is accepted, in the body and the reference, and a valid cash payment.
  const pay = (body: object, key: string) => request(t.app).post('/api/payments').set(auth).set('Idempotency-Key', key).send(body);
  await pay({ customerId: created.body.id, method: 'card', cardNumber: CARD_NUMBER, amount: 10_00, currency: 'USD' }, `pii-${Date.now()}-1`).expect(400);
  await pay({ customerId: created.body.id, method: 'cash', amount: 10_00, currency: 'USD' }, `pii-${Date.now()}-2`).expect(201);
  await pay({ customerId: created.body.id, method: 'bank_transfer', reference: `card ${CARD_NUMBER}`, amount: 5_00, currency: 'USD' }, `pii-${Date.now()}-3`).expect(201);
  // A webhook whose body carries a card number and a bad signature.
  await request(t.app)
    .post('/api/webhooks/payments')
    .set('Content-Type', 'application/json')
    .set('Stripe-Signature', `t=1,v1=${TOTP_SECRET}`)
    .send(JSON.stringify({ id: 'evt_x', card: CARD_NUMBER }))
    .expect(400);

  const metricsText = (await request(t.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
  // A wrong metrics token is not echoed either.
  await request(t.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}-${TOTP_SECRET}`).expect(403);

  const lines = logs.lines();
  const everything = `${lines.join('\n')}\n${metricsText}`;
  const secrets = [
    TEST_PASSWORD,
    WRONG_PASSWORD,
    accessToken,
    accessToken.split('.')[2]!, // the signature alone
    refreshCookie.split('=')[1]!,
    TOTP_SECRET,
    CARD_NUMBER,
    NATIONAL_ID,
    NATIONAL_ID_DIGITS,
    METRICS_TOKEN,
  ];
  for (const secret of secrets) expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });

  // The log lines are JSON with the request id, the user id once known and the route template.
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const access = parsed.filter((l) => l.msg === 'request');
  expect(access.length).toBeGreaterThanOrEqual(10);
  for (const l of access) expect(l).toMatchObject({ requestId: expect.any(String), route: expect.any(String), status: expect.any(Number) });
  expect(access).toContainEqual(expect.objectContaining({ route: '/api/customers', method: 'POST', status: 201, userId: user.id }));
  expect(access).toContainEqual(expect.objectContaining({ route: '/api/customers/:id', method: 'GET', status: 400, userId: user.id }));
  expect(access).toContainEqual(expect.objectContaining({ route: 'unmatched', method: 'GET', status: 404 }));
  expect(access).toContainEqual(expect.objectContaining({ route: '/api/payments', method: 'POST', status: 201 }));
  // Metric labels hold templates, never concrete values.
  const routes = new Set([...metricsText.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
  for (const route of routes) expect(route === 'unmatched' || /^\/[A-Za-z0-9/_:.-]*$/.test(route!)).toBe(true);
  expect(routes).toContain('/api/customers/:id');
});
