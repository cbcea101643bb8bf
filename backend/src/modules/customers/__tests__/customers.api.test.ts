import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { customerBody, loggedIn, makeBranch, makeCustomer, type Session, sessionAs } from '../../../../test/support/factories';

const t = appForFile();
let north: string;
let south: string;
let agent: Session;
let senior: Session;
let underwriter: Session;
beforeAll(async () => {
  north = (await makeBranch(t.db)).id;
  south = (await makeBranch(t.db)).id;
  agent = await sessionAs(t, 'agent', north);
  senior = await sessionAs(t, 'senior_agent', north);
  underwriter = await sessionAs(t, 'underwriter', north);
});
afterEach(() => t.clock.reset());

const post = (session: Session, body: object) => request(t.app).post('/api/customers').set(session.auth).send(body);
const fieldPaths = (res: request.Response) => res.body.errors.map((e: { path: string }) => e.path);

describe('customer record', () => {
  it('creates a prospect with a number, an E.164 phone, a masked national id, consents with times, and an audit entry', async () => {
    const body = customerBody(north, { phone: '(212) 555-0147', nationalId: '123-45-6789', consents: { marketing: true, dataProcessing: true } });
    const res = await post(agent, body).expect(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/customers/${res.body.id}`);
    expect(res.body).toMatchObject({
      customerNumber: expect.stringMatching(/^C-\d{6,}$/),
      phone: '+12125550147',
      nationalIdMasked: '***-**-6789',
      status: 'prospect',
      kycStatus: 'not_started',
      consents: { marketing: { given: true, changedAt: expect.any(String) }, dataProcessing: { given: true } },
    });
    expect(res.body).not.toHaveProperty('nationalId');
    const audit = await t.db('audit_log').where({ entity_type: 'customer', entity_id: res.body.id, action: 'customer.create' }).first();
    expect(JSON.stringify(audit.changes)).not.toContain('123-45-6789');
    const history = await t.db('customer_status_history').where({ customer_id: res.body.id });
    expect(history).toMatchObject([{ from_status: null, to_status: 'prospect' }]);
  });

  it('stores the national id encrypted: a plain SELECT shows no readable id', async () => {
    const { customer } = await makeCustomer(t.app, agent, north, { nationalId: '987-65-4321' });
    const row = await t.db('customers').where({ id: customer.id }).first();
    expect(JSON.stringify(row)).not.toMatch(/987-?65-?4321/);
    expect(row.national_id_ciphertext).toEqual(expect.any(String));
    expect(row.national_id_key_id).toBe('test1');
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['a malformed phone', { phone: '12' }, 'phone'],
    ['letters in a phone number', { phone: '+1 212 555 CALL' }, 'phone'],
    ['an impossible phone', { phone: '+1 212 55' }, 'phone'],
    ['a date of birth in the future', { dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
    ['an age over 120', { dateOfBirth: '1890-01-01' }, 'dateOfBirth'],
    ['an unknown country', { address: { line1: 'x', city: 'y', postalCode: '1', country: 'XX' } }, 'address.country'],
    ['an occupation class of 5', { occupationClass: 5 }, 'occupationClass'],
    ['an unknown field', { shoeSize: 44 }, 'shoeSize'],
    ['a missing last name', { lastName: undefined }, 'lastName'],
  ])('rejects %s with a field error', async (_n, overrides, path) => {
    const res = await post(agent, customerBody(north, overrides)).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(res)).toContain(path);
  });

  it('rejects letters in a phone number, a future date of birth, a bad email and a bad ZIP code together, in one answer', async () => {
    const res = await post(
      agent,
      customerBody(north, {
        email: 'ann@',
        phone: '555-CALL-NOW',
        dateOfBirth: '2999-01-01',
        address: { line1: '1 Main St', city: 'Austin', postalCode: 'ABCDE', country: 'US' },
      }),
    ).expect(400);
    // The request's schema answers first (the date of birth against the business date is the service's):
    // every field it refuses is named at once.
    expect(fieldPaths(res).sort()).toEqual(['address.postalCode', 'email', 'phone']);
    expect(res.body.errors).toContainEqual({ path: 'address.postalCode', message: 'Use a US ZIP code, such as 12345 or 12345-6789' });
  });

  it.each([
    ['US', '78701'],
    ['US', '78701-1234'],
    ['CA', 'K1A 0B1'],
    ['GB', 'SW1A 1AA'],
    ['DE', '10115'],
    ['FR', '75008'],
    ['NL', '1012 AB'],
    ['NG', 'any code at all'],
  ])('accepts a %s postal code of the country’s format (%s)', async (country, postalCode) => {
    const res = await post(agent, customerBody(north, { phone: undefined, address: { line1: '1 Main St', city: 'Town', postalCode, country } })).expect(201);
    expect(res.body.address).toMatchObject({ postalCode, country });
  });

  it.each([
    ['US', 'ABCDE'],
    ['US', '1234'],
    ['US', '12345-12'],
    ['CA', '12345'],
    ['GB', '12345'],
    ['DE', '1011'],
    ['FR', '75 008'],
  ])('refuses a %s postal code that does not fit the country (%s): 400 on address.postalCode', async (country, postalCode) => {
    const res = await post(agent, customerBody(north, { phone: undefined, address: { line1: '1 Main St', city: 'Town', postalCode, country } })).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(res)).toEqual(['address.postalCode']);
  });

  it('checks the postal code of a changed address too, and changes nothing when it does not fit', async () => {
    const { customer } = await makeCustomer(t.app, agent, north);
    const patch = (address: object) => request(t.app).patch(`/api/customers/${customer.id}`).set(agent.auth).set('If-Match', '"1"').send({ address });
    const refused = await patch({ line1: '10 Downing Street', city: 'London', postalCode: '20500', country: 'GB' }).expect(400);
    expect(refused.body.errors).toEqual([{ path: 'address.postalCode', message: 'Use a UK postcode, such as SW1A 1AA' }]);
    expect((await t.db('customers').where({ id: customer.id }).first()).postal_code).toBe('10001');
    const saved = await patch({ line1: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' }).expect(200);
    expect(saved.body.address).toMatchObject({ postalCode: 'SW1A 2AA', country: 'GB' });
  });

  it('rejects a branch the caller may not use', async () => {
    const res = await post(agent, customerBody(south)).expect(400);
    expect(res.body.errors).toEqual([{ path: 'branchId', message: 'Choose one of your active branches' }]);
  });

  it('refuses an assigned agent from another branch', async () => {
    const other = await loggedIn(t.app, t.db, { role: 'agent', branchId: south });
    const res = await post(agent, customerBody(north, { assignedAgentId: other.user.id })).expect(400);
    expect(fieldPaths(res)).toEqual(['assignedAgentId']);
  });

  it('answers 404 for another branch’s customer, on every endpoint', async () => {
    const { customer } = await makeCustomer(t.app, agent, north);
    const southSenior = await sessionAs(t, 'senior_agent', south);
    for (const call of [
      request(t.app).get(`/api/customers/${customer.id}`),
      request(t.app).patch(`/api/customers/${customer.id}`).set('If-Match', '"1"').send({ occupation: 'Pilot' }),
      request(t.app).post(`/api/customers/${customer.id}/status`).set('If-Match', '"1"').send({ status: 'active', reason: 'Signed' }),
    ]) {
      const res = await call.set(southSenior.auth);
      expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    }
  });

  it('logs opening the record as a sensitive read, in the same statement as the read (one round trip, durable)', async () => {
    const { customer } = await makeCustomer(t.app, agent, north);
    const statements: string[] = [];
    const listen = (q: { sql: string }) => statements.push(q.sql);
    t.db.on('query', listen);
    try {
      await request(t.app).get(`/api/customers/${customer.id}`).set(agent.auth).set('X-Request-Id', 'read-audit-probe-1').expect(200);
    } finally {
      t.db.off('query', listen);
    }
    const reads = await t.db('audit_log').where({ entity_id: customer.id, action: 'customer.sensitive_read' });
    expect(reads.map((r) => [r.metadata.what, r.actor_role, r.branch_id, r.request_id])).toEqual([['record', 'agent', north, 'read-audit-probe-1']]);
    const touchingCustomers = statements.filter((sql) => /\bcustomers\b/.test(sql));
    expect(touchingCustomers).toHaveLength(1);
    expect(touchingCustomers[0]).toMatch(/INSERT INTO audit_log/);
    expect(statements.filter((sql) => /^\s*(begin|commit)\b/i.test(sql))).toEqual([]);
  });

  it('writes no read audit for a record it does not answer: another branch (404) or a merged record (redirect)', async () => {
    const { customer } = await makeCustomer(t.app, agent, north);
    const southSenior = await sessionAs(t, 'senior_agent', south);
    await request(t.app).get(`/api/customers/${customer.id}`).set(southSenior.auth).expect(404);
    expect(await t.db('audit_log').where({ entity_id: customer.id, action: 'customer.sensitive_read' })).toEqual([]);
    await t
      .db('customers')
      .where({ id: customer.id })
      .update({ status: 'merged', merged_into_id: (await makeCustomer(t.app, agent, north)).customer.id });
    const res = await request(t.app).get(`/api/customers/${customer.id}`).set(agent.auth);
    expect(res.status).not.toBe(200);
    expect(await t.db('audit_log').where({ entity_id: customer.id, action: 'customer.sensitive_read' })).toEqual([]);
  });

  it('masks the national id for every role and lets senior agents and above unmask it, audited', async () => {
    const { customer } = await makeCustomer(t.app, agent, north, { nationalId: '555-12-3456' });
    for (const session of [agent, senior, underwriter]) {
      expect((await request(t.app).get(`/api/customers/${customer.id}`).set(session.auth).expect(200)).body.nationalIdMasked).toBe('***-**-3456');
    }
    expect((await request(t.app).get(`/api/customers/${customer.id}/national-id`).set(agent.auth).expect(403)).body.code).toBe('PERMISSION_DENIED');
    expect((await request(t.app).get(`/api/customers/${customer.id}/national-id`).set(senior.auth).expect(200)).body).toEqual({ nationalId: '555-12-3456' });
    expect((await request(t.app).get(`/api/customers/${customer.id}/national-id`).set(underwriter.auth).expect(200)).body.nationalId).toBe('555-12-3456');
    const unmasked = await t.db('audit_log').where({ entity_id: customer.id, action: 'customer.sensitive_read' }).whereRaw("metadata->>'what' = 'national_id'");
    expect(unmasked).toHaveLength(2);
  });
});

describe('changing a customer', () => {
  it('requires If-Match (428) and refuses a stale version (412 with the current one)', async () => {
    const { customer } = await makeCustomer(t.app, agent, north);
    await request(t.app).patch(`/api/customers/${customer.id}`).set(agent.auth).send({ occupation: 'Nurse' }).expect(428);
    const ok = await request(t.app)
      .patch(`/api/customers/${customer.id}`)
      .set(agent.auth)
      .set('If-Match', '"1"')
      .send({ occupation: 'Nurse', phone: '+44 20 7946 0958' })
      .expect(200);
    expect(ok.body).toMatchObject({ occupation: 'Nurse', phone: '+442079460958', version: 2 });
    const stale = await request(t.app).patch(`/api/customers/${customer.id}`).set(agent.auth).set('If-Match', '"1"').send({ occupation: 'Chef' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });
  });

  it('records when a consent is withdrawn, and audits field changes', async () => {
    const { customer } = await makeCustomer(t.app, agent, north, { consents: { marketing: true, dataProcessing: true } });
    const withdrawnAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
    t.clock.set(withdrawnAt);
    const res = await request(t.app)
      .patch(`/api/customers/${customer.id}`)
      .set(agent.auth)
      .set('If-Match', '"1"')
      .send({ consents: { marketing: false } })
      .expect(200);
    expect(res.body.consents.marketing).toEqual({ given: false, changedAt: withdrawnAt.toISOString() });
    expect(res.body.consents.dataProcessing.changedAt).not.toBe(withdrawnAt.toISOString());
    const audit = await t.db('audit_log').where({ entity_id: customer.id, action: 'customer.update' }).first();
    expect(audit.changes.consent_marketing).toEqual({ before: true, after: false });
  });

  it('changes status with a reason and history; an illegal change is 409 with the current status', async () => {
    const { customer } = await makeCustomer(t.app, agent, north);
    const active = await request(t.app)
      .post(`/api/customers/${customer.id}/status`)
      .set(senior.auth)
      .set('If-Match', '"1"')
      .send({ status: 'active', reason: 'First policy signed' })
      .expect(200);
    expect(active.body).toMatchObject({ status: 'active', statusReason: 'First policy signed' });
    await request(t.app)
      .post(`/api/customers/${customer.id}/status`)
      .set(senior.auth)
      .set('If-Match', '"2"')
      .send({ status: 'deceased', reason: 'Death certificate received' })
      .expect(200);
    const illegal = await request(t.app)
      .post(`/api/customers/${customer.id}/status`)
      .set(senior.auth)
      .set('If-Match', '"3"')
      .send({ status: 'active', reason: 'Oops' })
      .expect(409);
    expect(illegal.body).toMatchObject({ code: 'ILLEGAL_STATUS_CHANGE', currentStatus: 'deceased' });
    const history = await t.db('customer_status_history').where({ customer_id: customer.id }).orderBy('id');
    expect(history.map((h) => h.to_status)).toEqual(['prospect', 'active', 'deceased']);
    // Agents may not change status at all.
    expect((await request(t.app).post(`/api/customers/${customer.id}/status`).set(agent.auth).set('If-Match', '"3"').send({ status: 'inactive', reason: 'x' })).status).toBe(403);
  });
});
