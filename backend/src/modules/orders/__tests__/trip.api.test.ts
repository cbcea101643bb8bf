// Single-trip travel is a trip, not a year (issue 15): a trip product's quote, application and
// policy carry the trip's dates and destination, the term is the trip, and the premium is one single
// premium billed as one invoice. Approval limits are one global table: a database of its own.
import request from 'supertest';
import { singleTripTravel } from '../../../../../seeds/reference/catalog/travel';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { makeCustomer, publishProduct, type Session, sessionAs } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { InvoiceService } from '../../billing/invoices.service';
import { LedgerService } from '../../billing/ledger.service';
import { ScheduleService } from '../../billing/schedule.service';
import { orderFixtures } from './order-fixtures';

let t: TestApp;
let url: string;
const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
let admin: Session;
let agent: Session;
let underwriter: Session;
let branch: string;
let tripProduct: string;
let termProduct: string;
let f: ReturnType<typeof orderFixtures>;

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const today = () => t.clock.businessDate();
const medical = [{ code: 'MEDICAL', sumInsured: 100_000_00 }];
const answers = Object.fromEntries(
  singleTripTravel.declarationQuestions.map((q) => [q.code, { answer: q.answerType === 'yes_no' ? false : q.answerType === 'number' ? 0 : 'none' }]),
);
const card = { type: 'card', cardNumber: '4111 1111 1111 1111', expiryMonth: 12, expiryYear: 2031, holderName: 'Ana Rivera' };

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl, 'policydesk_trip');
  t = createTestApp({ env: { DATABASE_URL: url } });
  f = orderFixtures(t);
  admin = await sessionAs(t, 'admin');
  ({ branch, agent, underwriter, productId: termProduct } = await f.team());
  tripProduct = (await publishProduct(t, admin, { code: 'TRIP', name: 'Trip test travel', category: 'travel', definition: singleTripTravel })).id;
  await t.db('approval_limits').insert([{ role: 'underwriter', kind: 'order_sum_insured', currency: 'USD', max_amount: 5_000_000_00, revision: 1, updated_at: new Date() }]);
}, PROCESS_TEST_TIMEOUT_MS);
afterEach(() => t.clock.reset());
afterAll(async () => {
  await t.close();
  await dropDatabase(adminUrl, url);
});

/** A trip leaving in `inDays` days for `days` days (both counted). */
const tripOf = (inDays: number, days: number, destinationZone = 'europe') => ({
  departureDate: addDays(today(), inDays),
  returnDate: addDays(today(), inDays + days - 1),
  destinationZone,
});

/** POST /api/quotes of a trip for a new customer (the body's fields override the defaults), expecting `status`. */
async function quoteTrip(session: Session, body: Record<string, unknown> = {}, status = 201) {
  const { customer } = await makeCustomer(t.app, session, branch, { dateOfBirth: f.yearsAgo(35) });
  return request(t.app)
    .post('/api/quotes')
    .set(session.auth)
    .send({ customerId: customer.id, productId: tripProduct, coverages: medical, trip: tripOf(10, 15), paymentFrequency: 'single', save: true, ...body })
    .expect(status);
}

/** A trip application submitted, taken for review and its itinerary verified: ready for a decision. */
async function tripInReview(trip = tripOf(10, 15)) {
  const quote = (await quoteTrip(agent, { trip })).body;
  const draft = (await request(t.app).post('/api/orders').set(agent.auth).send({ quoteId: quote.id }).expect(201)).body;
  await f.uploadAll(agent, draft);
  const filled = (await f.patch(agent, draft.id, draft.version, { beneficiaries: [], declarations: answers, paymentMethod: card }).expect(200)).body;
  const submitted = (await f.step(agent, filled.id, 'submit', filled.version).expect(200)).body;
  const reviewing = (await f.step(underwriter, submitted.id, 'start-review', submitted.version).expect(200)).body;
  return { quote, order: await f.verifyAll(underwriter, reviewing) };
}

describe('a trip product is quoted for the trip', () => {
  it('prices the trip from its dates and destination: trip length and zone as risk, no term in years, one single premium', async () => {
    const trip = tripOf(10, 15, 'worldwide');
    const quote = (await quoteTrip(agent, { trip })).body;
    expect(quote).toMatchObject({
      termYears: null,
      paymentFrequency: 'single',
      trip: { ...trip, days: 15 },
      risk: { tripDays: 15, destinationZone: 'worldwide' },
      price: { installments: { count: 1, amount: quote.price.annualPremium, firstAmount: quote.price.annualPremium } },
    });
    // The trip's length and destination are priced by the product's tables.
    const factors = quote.price.worksheet.filter((s: { kind: string }) => s.kind === 'factor').map((s: { table: string; row: string }) => `${s.table}:${s.row}`);
    expect(factors).toEqual(expect.arrayContaining(['ZONE:worldwide', 'TRIP_LENGTH:15–31']));
    // A longer trip to the same place costs more.
    const longer = (await quoteTrip(agent, { trip: tripOf(10, 40, 'worldwide') })).body;
    expect(longer.price.annualPremium).toBeGreaterThan(quote.price.annualPremium);
    // The saved quote reads back the same.
    expect((await request(t.app).get(`/api/quotes/${quote.id}`).set(agent.auth).expect(200)).body).toMatchObject({ trip: { ...trip, days: 15 }, termYears: null });
  });

  it('refuses a trip that is missing, backwards, too long or already started, and annual payment or a term for a trip (400 with the fields)', async () => {
    const paths = async (body: Record<string, unknown>) => ((await quoteTrip(agent, body, 400)).body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(await paths({ trip: undefined })).toEqual(['trip']);
    expect(await paths({ trip: { ...tripOf(10, 5), returnDate: addDays(today(), 8) } })).toEqual(['trip.returnDate']);
    expect(await paths({ trip: tripOf(10, 181) })).toEqual(['trip.returnDate']);
    expect(await paths({ trip: tripOf(-1, 5) })).toEqual(['trip.departureDate']);
    expect(await paths({ paymentFrequency: 'annual', termYears: 1 })).toEqual(['paymentFrequency', 'termYears']);
    expect(await paths({ risk: { tripDays: 3 } })).toEqual(['risk.tripDays']);
    // The longest trip the product allows, leaving today, is fine.
    expect((await quoteTrip(agent, { trip: tripOf(0, 180) })).body.trip.days).toBe(180);
  });

  it('refuses a trip and a single premium for a product that is not a trip, and still asks it for a term', async () => {
    const { customer } = await makeCustomer(t.app, agent, branch, { dateOfBirth: f.yearsAgo(40) });
    const base = { customerId: customer.id, productId: termProduct, coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }] };
    const res = await request(t.app)
      .post('/api/quotes')
      .set(agent.auth)
      .send({ ...base, trip: tripOf(5, 5), paymentFrequency: 'single' })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['paymentFrequency', 'termYears', 'trip']);
    const ok = (
      await request(t.app)
        .post('/api/quotes')
        .set(agent.auth)
        .send({ ...base, termYears: 20, paymentFrequency: 'monthly' })
        .expect(200)
    ).body;
    expect(ok).toMatchObject({ termYears: 20, trip: null, price: { installments: { count: 12 } } });
  });

  it('compares a trip at its single premium only', async () => {
    const { customer } = await makeCustomer(t.app, agent, branch, { dateOfBirth: f.yearsAgo(30) });
    const res = await request(t.app)
      .post('/api/quotes/compare')
      .set(agent.auth)
      .send({
        customerId: customer.id,
        options: [
          { productId: tripProduct, coverages: medical, trip: tripOf(10, 7) },
          { productId: tripProduct, coverages: medical, trip: tripOf(10, 7, 'domestic') },
        ],
      })
      .expect(200);
    expect(Object.keys(res.body.options[0].premiumByFrequency)).toEqual(['single']);
    expect(res.body.options[0]).toMatchObject({ termYears: null, trip: { days: 7 } });
    expect(res.body.differences).toEqual(expect.arrayContaining(['trip', 'risk.destinationZone']));
  });

  it('refuses to publish a trip product paid annually or with a term, and a single premium without a trip (400)', async () => {
    const draft = async (definition: object) =>
      (
        await request(t.app)
          .post('/api/products')
          .set(admin.auth)
          .send({ code: `TRIPX_${Math.floor(Math.random() * 1e6)}`, name: 'Bad trip', category: 'travel', description: 'x', currency: 'USD', definition })
          .expect(201)
      ).body;
    const publishErrors = async (definition: object) => {
      const product = await draft(definition);
      const res = await request(t.app)
        .post(`/api/product-versions/${product.draftVersion.id}/publish`)
        .set(admin.auth)
        .set('If-Match', '"1"')
        .send({ effectiveFrom: today() })
        .expect(400);
      return (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    };
    expect(await publishErrors({ ...singleTripTravel, termYears: [1], frequencyLoadings: { annual: '0' } })).toEqual([
      'definition.frequencyLoadings.annual',
      'definition.termYears',
    ]);
    const { trip: _trip, ...notATrip } = singleTripTravel;
    expect(await publishErrors({ ...notATrip, termYears: [1], frequencyLoadings: { single: '0' } })).toEqual(['definition.frequencyLoadings.single']);
  });
});

describe('a trip application and its policy', () => {
  it('carries the trip; the policy runs from departure to return with one installment, billed as one invoice for the single premium', async () => {
    const trip = tripOf(10, 15);
    const { quote, order } = await tripInReview(trip);
    expect(order).toMatchObject({ termYears: null, trip: { ...trip, days: 15 }, paymentFrequency: 'single', annualPremium: quote.price.annualPremium });
    const approved = (await f.step(underwriter, order.id, 'approve', order.version).expect(200)).body;
    const policy = (await request(t.app).get(`/api/policies/${approved.policyId}`).set(agent.auth).expect(200)).body;
    expect(policy).toMatchObject({
      termYears: null,
      trip: { ...trip, days: 15 },
      startDate: trip.departureDate,
      endDate: trip.returnDate,
      paymentFrequency: 'single',
      annualPremium: quote.price.annualPremium,
      installments: { count: 1, amount: quote.price.annualPremium, firstAmount: quote.price.annualPremium },
    });
    const customerPolicies = (await request(t.app).get(`/api/policies?customerId=${policy.customer.id}`).set(agent.auth).expect(200)).body.items;
    expect(customerPolicies).toEqual([expect.objectContaining({ paymentFrequency: 'single', startDate: trip.departureDate, endDate: trip.returnDate })]);

    // One installment: the whole premium, due on the departure date.
    const installments = await t.db('billing_installments').where({ policy_id: policy.id });
    expect(installments).toEqual([expect.objectContaining({ policy_year: 1, sequence: 1, due_date: trip.departureDate, amount: quote.price.annualPremium })]);
    // The invoice run raises one invoice for it; the daily schedule adds nothing more.
    const invoices = new InvoiceService(
      t.db,
      t.clock,
      new LedgerService(t.db, t.clock, t.services.audit, t.services.customerProfiles),
      t.services.audit,
      t.services.customerProfiles,
      14,
    );
    await invoices.raiseDue();
    await invoices.raiseDue();
    const schedule = new ScheduleService(t.db, t.clock);
    for (const date of [trip.departureDate, trip.returnDate, addDays(trip.returnDate, 400)]) await schedule.scheduleDue(date);
    expect(await t.db('billing_installments').where({ policy_id: policy.id })).toHaveLength(1);
    const billing = (await request(t.app).get(`/api/policies/${policy.id}/billing`).set(agent.auth).expect(200)).body;
    expect(billing.installments).toHaveLength(1);
    expect(billing.invoices).toHaveLength(1);
    expect(billing.invoices[0]).toMatchObject({ total: quote.price.annualPremium, openAmount: quote.price.annualPremium, dueDate: trip.departureDate });
    expect(billing.amountDue).toBe(quote.price.annualPremium);
  });

  it('a one-day trip leaving today is a one-day policy with its one installment', async () => {
    const { order } = await tripInReview(tripOf(0, 1));
    const approved = (await f.step(underwriter, order.id, 'approve', order.version).expect(200)).body;
    const policy = (await request(t.app).get(`/api/policies/${approved.policyId}`).set(agent.auth).expect(200)).body;
    expect(policy).toMatchObject({ startDate: today(), endDate: today(), trip: { days: 1 } });
    expect(await t.db('billing_installments').where({ policy_id: policy.id })).toHaveLength(1);
  });

  it('refuses to approve (and to submit) once the departure date has passed (409 TRIP_STARTED); the departure day itself is fine', async () => {
    const { order } = await tripInReview(tripOf(2, 5));
    t.clock.advance(3 * DAY);
    const late = await sessionAs(t, 'underwriter', branch);
    const res = await f.step(late, order.id, 'approve', order.version).expect(409);
    expect(res.body).toMatchObject({ code: 'TRIP_STARTED', departureDate: addDays(today(), -1) });
    expect((await t.db('orders').where({ id: order.id }).first()).status).toBe('in_underwriting');
    expect(await t.db('policies').where({ order_id: order.id })).toHaveLength(0);

    t.clock.reset();
    const quote = (await quoteTrip(agent, { trip: tripOf(1, 3) })).body;
    const draft = (await request(t.app).post('/api/orders').set(agent.auth).send({ quoteId: quote.id }).expect(201)).body;
    await f.uploadAll(agent, draft);
    const filled = (await f.patch(agent, draft.id, draft.version, { declarations: answers, paymentMethod: card }).expect(200)).body;
    t.clock.advance(2 * DAY);
    const lateAgent = await sessionAs(t, 'agent', branch);
    expect((await f.step(lateAgent, filled.id, 'submit', filled.version).expect(409)).body.code).toBe('TRIP_STARTED');

    // Approved on the departure day: starts that day.
    t.clock.reset();
    const onTime = await tripInReview(tripOf(1, 4));
    t.clock.advance(DAY);
    const approved = (await f.step(await sessionAs(t, 'underwriter', branch), onTime.order.id, 'approve', onTime.order.version).expect(200)).body;
    const policy = await t.db('policies').where({ id: approved.policyId }).first();
    expect(policy.start_date).toBe(today());
  });

  it('refuses a requested start date for a trip: it starts on the departure date (400)', async () => {
    const quote = (await quoteTrip(agent)).body;
    const draft = (await request(t.app).post('/api/orders').set(agent.auth).send({ quoteId: quote.id }).expect(201)).body;
    const res = await f.patch(agent, draft.id, draft.version, { requestedStartDate: addDays(today(), 3) }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'requestedStartDate' })]);
  });
});
