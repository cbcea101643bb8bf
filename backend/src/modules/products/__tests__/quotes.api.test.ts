import crypto from 'node:crypto';
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { login, makeBranch, makeCustomer, makeUser, publishNewVersion, publishProduct, type Session, sessionAs } from '../../../../test/support/factories';
import { rateQuote } from '../rating/rate-quote';
import { termLife } from '../rating/__tests__/fixtures';
import { privateAuto } from '../../../../../seeds/reference/catalog/auto';

const t = appForFile();
let admin: Session;
let agent: Session;
let branch: string;
let productId: string;
let autoId: string;

async function publish(code: string, category: string, definition: unknown): Promise<string> {
  return (await publishProduct(t, admin, { code, name: `Quote test ${code}`, category, definition })).id;
}

beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
  branch = (await makeBranch(t.db)).id;
  agent = await sessionAs(t, 'agent', branch);
  productId = await publish('TLQ', 'life', termLife);
  autoId = await publish('AUTOQ', 'auto', privateAuto);
});
afterEach(() => t.clock.reset());

const yearsAgo = (years: number) => `${Number(t.clock.businessDate().slice(0, 4)) - years}${t.clock.businessDate().slice(4)}`;
const applicant = (overrides: Record<string, unknown> = {}) => ({ dateOfBirth: yearsAgo(35), gender: 'male', smoker: false, region: 'TX', occupationClass: 1, ...overrides });
const body = (overrides: Record<string, unknown> = {}) => ({
  productId,
  applicant: applicant(),
  coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }],
  termYears: 20,
  paymentFrequency: 'monthly',
  ...overrides,
});

describe('quotes', () => {
  it('prices for an applicant with the version in force: premium, installments and a worksheet that adds up', async () => {
    const res = await request(t.app).post('/api/quotes').set(agent.auth).send(body()).expect(200);
    const expected = rateQuote(termLife, {
      applicant: { entryAge: 35, gender: 'male', smoker: false, region: 'TX', occupationClass: 1, kycVerified: false },
      coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }],
      termYears: 20,
      paymentFrequency: 'monthly',
    });
    expect(res.body).toMatchObject({ id: null, quoteNumber: null, eligibility: { eligible: true }, applicant: { entryAge: 35 }, productVersionNumber: 1 });
    expect(res.body.price).toEqual(expected.price);
    expect(res.body.price.installments.count).toBe(12);
  });

  it('explains why someone is not eligible, and will not save such a quote (409)', async () => {
    const res = await request(t.app)
      .post('/api/quotes')
      .set(agent.auth)
      .send(body({ applicant: applicant({ dateOfBirth: yearsAgo(70) }) }))
      .expect(200);
    expect(res.body.eligibility.eligible).toBe(false);
    expect(res.body.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['ENTRY_AGE_TOO_HIGH']));
    expect(res.body.price).toBeNull();
    expect(
      (
        await request(t.app)
          .post('/api/quotes')
          .set(agent.auth)
          .send(body({ applicant: applicant({ dateOfBirth: yearsAgo(70) }), save: true }))
          .expect(409)
      ).body.code,
    ).toBe('QUOTE_NOT_ELIGIBLE');
  });

  it('saves a quote for a customer (their age and data), valid 30 days, listed on the customer', async () => {
    const { customer } = await makeCustomer(t.app, agent, branch, { dateOfBirth: yearsAgo(42), smoker: true });
    const saved = await request(t.app)
      .post('/api/quotes')
      .set(agent.auth)
      .send(body({ applicant: undefined, customerId: customer.id, save: true }))
      .expect(201);
    expect(saved.body).toMatchObject({ quoteNumber: expect.stringMatching(/^Q-\d{6,}$/), customerId: customer.id, applicant: { entryAge: 42, smoker: true }, expired: false });
    const validUntil = new Date(Date.parse(`${t.clock.businessDate()}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(saved.body.validUntil).toBe(validUntil);
    const listed = await request(t.app).get(`/api/customers/${customer.id}/quotes`).set(agent.auth).expect(200);
    expect(listed.body.items.map((q: { id: string }) => q.id)).toEqual([saved.body.id]);
    // Another branch sees neither the customer's quotes nor the quote.
    const outsider = await sessionAs(t, 'agent');
    await request(t.app).get(`/api/customers/${customer.id}/quotes`).set(outsider.auth).expect(404);
    await request(t.app).get(`/api/quotes/${saved.body.id}`).set(outsider.auth).expect(404);
    await request(t.app)
      .post('/api/quotes')
      .set(outsider.auth)
      .send(body({ applicant: undefined, customerId: customer.id }))
      .expect(404);
  });

  it('keeps a saved quote’s price after a new version is published, and reports it expired after 30 days', async () => {
    const saved = (
      await request(t.app)
        .post('/api/quotes')
        .set(agent.auth)
        .send(body({ save: true }))
        .expect(201)
    ).body;
    const dearer = { ...termLife, coverages: termLife.coverages.map((c) => (c.code === 'DEATH' ? { ...c, rate: '1.50' } : c)) };
    await publishNewVersion(t, admin, productId, dearer);

    const again = (await request(t.app).get(`/api/quotes/${saved.id}`).set(agent.auth).expect(200)).body;
    expect(again.price).toEqual(saved.price);
    expect(again.productVersionId).toBe(saved.productVersionId);
    const fresh = (await request(t.app).post('/api/quotes').set(agent.auth).send(body()).expect(200)).body;
    expect(fresh.productVersionNumber).toBe(2);
    expect(fresh.price.annualPremium).toBeGreaterThan(saved.price.annualPremium);
    await expect(t.db('quotes').where({ id: saved.id }).update({ annual_premium: 1 })).rejects.toThrow(/never changes/);

    t.clock.advance(31 * 86_400_000);
    const agentUser = await makeUser(t.db, { role: 'agent', branchId: branch });
    const later = await login(t.app, agentUser);
    expect((await request(t.app).get(`/api/quotes/${saved.id}`).set(later.auth).expect(200)).body.expired).toBe(true);
  });

  it('compares option sets side by side: eligibility, premium per frequency, differences', async () => {
    const res = await request(t.app)
      .post('/api/quotes/compare')
      .set(agent.auth)
      .send({
        applicant: applicant(),
        options: [
          { productId, coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }], termYears: 20 },
          {
            productId,
            coverages: [
              { code: 'DEATH', sumInsured: 500_000_00 },
              { code: 'ADB', sumInsured: 100_000_00 },
            ],
            termYears: 30,
          },
        ],
      })
      .expect(200);
    const [a, b] = res.body.options;
    expect(a.eligibility.eligible && b.eligibility.eligible).toBe(true);
    expect(Object.keys(a.premiumByFrequency).sort()).toEqual(['annual', 'monthly', 'quarterly', 'semi_annual']);
    expect(a.premiumByFrequency.monthly.installments).toBe(12);
    expect(b.premiumByFrequency.annual.annualPremium).toBeGreaterThan(a.premiumByFrequency.annual.annualPremium);
    expect(a.premiumByFrequency.monthly.annualPremium).toBeGreaterThan(a.premiumByFrequency.annual.annualPremium);
    expect(res.body.differences.sort()).toEqual(['coverages.ADB', 'coverages.DEATH.sumInsured', 'termYears']);
    await request(t.app)
      .post('/api/quotes/compare')
      .set(agent.auth)
      .send({ applicant: applicant(), options: [{ productId, coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }], termYears: 20 }] })
      .expect(400);
  });

  it('lists what an application will need: exams by age and amount, referrals, documents — and keeps them on the saved quote', async () => {
    const older = body({ applicant: applicant({ dateOfBirth: yearsAgo(55), smoker: true }), coverages: [{ code: 'DEATH', sumInsured: 600_000_00 }], save: true });
    const saved = (await request(t.app).post('/api/quotes').set(agent.auth).send(older).expect(201)).body;
    expect(saved.requirements.medicalExams.map((e: { exam: string }) => e.exam)).toEqual(['paramedical', 'blood_panel', 'urinalysis']);
    expect(saved.requirements.referrals).toEqual([{ code: 'OLDER_SMOKER', message: expect.any(String) }]);
    expect(saved.requirements.documents.map((d: { code: string }) => d.code)).toEqual(['PROOF_OF_IDENTITY', 'SIGNED_APPLICATION']);
    expect((await request(t.app).get(`/api/quotes/${saved.id}`).set(agent.auth).expect(200)).body.requirements).toEqual(saved.requirements);
  });

  it('asks for the risk details the product rates on (vehicle age and use for auto), and keeps only those', async () => {
    const car = {
      productId: autoId,
      applicant: applicant(),
      coverages: [
        { code: 'LIABILITY', sumInsured: 300_000_00 },
        { code: 'COLLISION', sumInsured: 20_000_00, deductible: 500_00 },
      ],
      termYears: 1,
      paymentFrequency: 'annual',
    };
    const missing = await request(t.app).post('/api/quotes').set(agent.auth).send(car).expect(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.errors).toEqual([
      { path: 'risk.vehicleAge', message: 'Required for this product' },
      { path: 'risk.vehicleUse', message: 'Required for this product' },
    ]);
    const bad = await request(t.app)
      .post('/api/quotes')
      .set(agent.auth)
      .send({ ...car, risk: { vehicleAge: 12, vehicleUse: 'racing' } })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['risk.vehicleUse']);
    const priced = (
      await request(t.app)
        .post('/api/quotes')
        .set(agent.auth)
        .send({ ...car, risk: { vehicleAge: 12, vehicleUse: 'business', tripDays: 5 } })
        .expect(200)
    ).body;
    expect(priced.risk).toEqual({ vehicleAge: 12, vehicleUse: 'business' });
    expect(priced.price.worksheet.filter((s: { table?: string }) => s.table === 'USE').map((s: { row: string }) => s.row)).toEqual(['business', 'business']);
    expect(priced.requirements.documents.map((d: { code: string }) => d.code)).toContain('VEHICLE_PHOTOS');
    expect(priced.requirements.medicalExams).toEqual([]);
  });

  it('compares risk details too, and points field errors at the option they belong to', async () => {
    const car = (vehicleUse: string) => ({ productId: autoId, risk: { vehicleAge: 4, vehicleUse }, coverages: [{ code: 'LIABILITY', sumInsured: 300_000_00 }], termYears: 1 });
    const res = (
      await request(t.app)
        .post('/api/quotes/compare')
        .set(agent.auth)
        .send({ applicant: applicant(), options: [car('private'), car('business')] })
        .expect(200)
    ).body;
    expect(res.differences).toEqual(['risk.vehicleUse']);
    expect(res.options[1].risk).toEqual({ vehicleAge: 4, vehicleUse: 'business' });
    expect(res.options[1].premiumByFrequency.annual.annualPremium).toBeGreaterThan(res.options[0].premiumByFrequency.annual.annualPremium);
    const bad = await request(t.app)
      .post('/api/quotes/compare')
      .set(agent.auth)
      .send({ applicant: applicant(), options: [car('private'), { ...car('private'), risk: undefined }] })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['options.1.risk.vehicleAge', 'options.1.risk.vehicleUse']);
  });

  it('validates the request: either a customer or an applicant, known fields only', async () => {
    const both = await request(t.app)
      .post('/api/quotes')
      .set(agent.auth)
      .send(body({ customerId: crypto.randomUUID() }))
      .expect(400);
    expect(both.body.errors.map((e: { path: string }) => e.path)).toContain('customerId');
    const extra = await request(t.app)
      .post('/api/quotes')
      .set(agent.auth)
      .send(body({ discount: 10 }))
      .expect(400);
    expect(extra.body.errors).toEqual([{ path: 'discount', message: 'Unknown field' }]);
  });
});
