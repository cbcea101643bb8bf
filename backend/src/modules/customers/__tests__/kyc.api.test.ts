import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeCustomer, type Session, sessionAs } from '../../../../test/support/factories';
import { EXPIRE_KYC_JOB } from '..';
import { addMonths } from '../kyc.service';

const t = appForFile({ env: { KYC_VALIDITY_MONTHS: '24' } });
let branch: string;
let agent: Session;
let senior: Session;
beforeAll(async () => {
  branch = (await makeBranch(t.db)).id;
  agent = await sessionAs(t, 'agent', branch);
  senior = await sessionAs(t, 'senior_agent', branch);
});
afterEach(() => t.clock.reset());

const today = () => t.clock.businessDate();
const document = (overrides: Record<string, unknown> = {}) => ({
  documentType: 'passport',
  documentNumber: 'X12345678',
  issuingCountry: 'US',
  expiryDate: addMonths(today(), 60),
  ...overrides,
});

async function submitted(overrides: Record<string, unknown> = {}) {
  const { customer } = await makeCustomer(t.app, agent, branch);
  const res = await request(t.app).post(`/api/customers/${customer.id}/kyc/verifications`).set(agent.auth).set('If-Match', '"1"').send(document(overrides)).expect(201);
  return { customerId: customer.id, verification: res.body };
}

const verify = (customerId: string, v: { id: string; version: number }, session = senior) =>
  request(t.app).post(`/api/customers/${customerId}/kyc/verifications/${v.id}/verify`).set(session.auth).set('If-Match', `"${v.version}"`).send({});
const kycOf = async (customerId: string) => (await request(t.app).get(`/api/customers/${customerId}/kyc`).set(agent.auth).expect(200)).body;

describe('KYC', () => {
  it('recording a document makes KYC pending; the number is encrypted and shown masked', async () => {
    const { customerId, verification } = await submitted();
    expect(verification).toMatchObject({ documentNumberMasked: '*****5678', result: 'pending' });
    expect((await kycOf(customerId)).status).toBe('pending');
    const row = await t.db('kyc_verifications').where({ id: verification.id }).first();
    expect(JSON.stringify(row)).not.toContain('X12345678');
  });

  it('is verified by someone else (the recorder gets 409 FOUR_EYES), until the earlier of document expiry and 24 months', async () => {
    const docExpiry = addMonths(today(), 12);
    const { customerId, verification } = await submitted({ expiryDate: docExpiry });
    const own = await request(t.app).post(`/api/customers/${customerId}/kyc/verifications/${verification.id}/verify`).set(agent.auth).set('If-Match', '"1"').send({});
    expect(own.status).toBe(403); // agents may not verify at all
    const sameSenior = await loggedIn(t.app, t.db, { role: 'senior_agent', branchId: branch });
    const { customer } = await makeCustomer(t.app, sameSenior.session, branch);
    const mine = await request(t.app).post(`/api/customers/${customer.id}/kyc/verifications`).set(sameSenior.session.auth).set('If-Match', '"1"').send(document()).expect(201);
    expect((await verify(customer.id, mine.body, sameSenior.session).expect(409)).body.code).toBe('FOUR_EYES');

    const ok = await verify(customerId, verification).expect(200);
    expect(ok.body).toMatchObject({ result: 'verified', checkedByName: expect.any(String) });
    const kyc = await kycOf(customerId);
    expect(kyc).toMatchObject({ status: 'verified', expiresOn: docExpiry });
  });

  it('refuses an expired document (409 DOCUMENT_EXPIRED) and a utility bill alone (409 NOT_AN_IDENTITY_DOCUMENT)', async () => {
    const expired = await submitted({ expiryDate: '2020-01-01' });
    expect((await verify(expired.customerId, expired.verification).expect(409)).body.code).toBe('DOCUMENT_EXPIRED');
    expect((await kycOf(expired.customerId)).status).toBe('pending');
    const bill = await submitted({ documentType: 'utility_bill', expiryDate: undefined });
    expect((await verify(bill.customerId, bill.verification).expect(409)).body.code).toBe('NOT_AN_IDENTITY_DOCUMENT');
  });

  it('rejects with a reason; a new document makes it pending again; a decided verification cannot change (409)', async () => {
    const { customerId, verification } = await submitted();
    const rejected = await request(t.app)
      .post(`/api/customers/${customerId}/kyc/verifications/${verification.id}/reject`)
      .set(senior.auth)
      .set('If-Match', '"1"')
      .send({ reason: 'Photo does not match' })
      .expect(200);
    expect(rejected.body).toMatchObject({ result: 'rejected', resultReason: 'Photo does not match' });
    expect((await kycOf(customerId)).status).toBe('rejected');
    expect((await verify(customerId, rejected.body).expect(409)).body.code).toBe('ILLEGAL_KYC_TRANSITION');
    const version = (await request(t.app).get(`/api/customers/${customerId}`).set(agent.auth)).body.version;
    await request(t.app)
      .post(`/api/customers/${customerId}/kyc/verifications`)
      .set(agent.auth)
      .set('If-Match', `"${version}"`)
      .send(document({ documentNumber: 'Y99999999' }))
      .expect(201);
    expect((await kycOf(customerId)).status).toBe('pending');
  });

  it('expires verified KYC by the daily job once its date has passed (moving the Clock)', async () => {
    const { customerId, verification } = await submitted({ expiryDate: addMonths(today(), 2) });
    await verify(customerId, verification).expect(200);
    const expiresOn = (await kycOf(customerId)).expiresOn;

    t.clock.set(`${expiresOn}T12:00:00Z`);
    await t.jobs.runNow(EXPIRE_KYC_JOB, {});
    expect((await t.db('customers').where({ id: customerId }).first()).kyc_status).toBe('verified');

    t.clock.set(`${expiresOn}T23:59:59Z`);
    t.clock.advance(1000); // the first second of the day after
    expect(t.clock.businessDate() > expiresOn).toBe(true);
    await t.jobs.runNow(EXPIRE_KYC_JOB, {});
    const row = await t.db('customers').where({ id: customerId }).first();
    expect(row.kyc_status).toBe('expired');
    const audit = await t.db('audit_log').where({ entity_id: customerId, action: 'customer.kyc_status_change' }).orderBy('id', 'desc').first();
    expect(audit).toMatchObject({ actor_user_id: null, changes: { kycStatus: { before: 'verified', after: 'expired' } } });
  });
});

describe('risk score', () => {
  it('lists factors that add up to the score, and is recomputed (with history) when KYC changes', async () => {
    const { customerId, verification } = await submitted();
    const before = (await request(t.app).get(`/api/customers/${customerId}/risk`).set(agent.auth).expect(200)).body;
    expect(before.factors.reduce((s: number, f: { points: number }) => s + f.points, 0)).toBe(before.score);
    expect(before.factors.find((f: { code: string }) => f.code === 'kyc')).toMatchObject({ value: 'pending', points: 5 });

    await verify(customerId, verification).expect(200);
    const after = (await request(t.app).get(`/api/customers/${customerId}/risk`).set(agent.auth).expect(200)).body;
    expect(after.score).toBe(before.score - 5);
    expect(after.history.map((h: { reason: string }) => h.reason)).toEqual(['KYC verified', 'KYC pending', 'Customer created']);
    const customer = (await request(t.app).get(`/api/customers/${customerId}`).set(agent.auth)).body;
    expect([customer.riskScore, customer.riskLevel]).toEqual([after.score, after.level]);
  });

  it('is recomputed when a profile input changes (smoker)', async () => {
    const { customer } = await makeCustomer(t.app, agent, branch, { smoker: false });
    await request(t.app).patch(`/api/customers/${customer.id}`).set(agent.auth).set('If-Match', '"1"').send({ smoker: true }).expect(200);
    const risk = (await request(t.app).get(`/api/customers/${customer.id}/risk`).set(agent.auth)).body;
    expect(risk.factors.find((f: { code: string }) => f.code === 'smoker')).toMatchObject({ value: 'yes', points: 15 });
    expect(risk.history[0].reason).toBe('Profile changed');
  });
});
