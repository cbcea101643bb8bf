// Shared by the order and approval tests: a published term-life product, saved quotes for new
// customers, drafts, a complete application, and request helpers with If-Match.
import request from 'supertest';
import type { TestApp } from '../../../../test/support/test-app';
import { makeBranch, makeCustomer, publishProduct, type Session, sessionAs } from '../../../../test/support/factories';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { addMonthsClamped } from '../../../platform/calendar';

export const allAnswers = Object.fromEntries(
  termLife.declarationQuestions.map((q) => [q.code, { answer: q.answerType === 'yes_no' ? false : q.answerType === 'number' ? 3 : 'none' }]),
);

export const completion = {
  beneficiaries: [
    { name: 'Ana Rivera', relationship: 'spouse', share: 60, tier: 'primary' },
    { name: 'Leo Rivera', relationship: 'child', dateOfBirth: '2015-04-02', share: 40, tier: 'primary' },
    { name: 'Estate', relationship: 'estate', share: 100, tier: 'contingent' },
  ],
  declarations: allAnswers,
  paymentMethod: { type: 'card', cardNumber: '4111 1111 1111 1111', expiryMonth: 12, expiryYear: 2031, holderName: 'Ana Rivera' },
};

/** The smallest file that is a PDF by its bytes. */
export const pdf = (text = 'Policydesk test document') => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

/** Who is quoted and for what: coverages (default 300,000 death + 100,000 accidental), age (38), other customer fields. */
export interface Applicant {
  coverages?: { code: string; sumInsured: number }[];
  age?: number;
  customer?: Record<string, unknown>;
  /** The term quoted (default 20 years). */
  termYears?: number;
}

export function orderFixtures(t: TestApp) {
  // The same day `years` ago, clamped: on 29 February the day of a year that has none is the 28th.
  const yearsAgo = (years: number) => addMonthsClamped(t.clock.businessDate(), -12 * years);
  const patch = (session: Session, id: string, version: number, body: object) =>
    request(t.app).patch(`/api/orders/${id}`).set(session.auth).set('If-Match', `"${version}"`).send(body);
  const step = (session: Session, id: string, action: string, version: number, body: object = {}) =>
    request(t.app).post(`/api/orders/${id}/${action}`).set(session.auth).set('If-Match', `"${version}"`).send(body);

  async function publishTermLife(admin: Session): Promise<string> {
    return (await publishProduct(t, admin, { code: 'ORD', name: 'Order test term life', category: 'life', definition: termLife })).id;
  }

  /** An admin, a branch with an agent and an underwriter, and a published term-life product. */
  async function team() {
    const admin = await sessionAs(t, 'admin');
    const branch = (await makeBranch(t.db)).id;
    const agent = await sessionAs(t, 'agent', branch);
    const underwriter = await sessionAs(t, 'underwriter', branch);
    return { admin, branch, agent, underwriter, productId: await publishTermLife(admin) };
  }

  async function savedQuote(agent: Session, branchId: string, productId: string, options: Applicant = {}) {
    const {
      coverages = [
        { code: 'DEATH', sumInsured: 300_000_00 },
        { code: 'ADB', sumInsured: 100_000_00 },
      ],
      age = 38,
      customer: overrides = {},
      termYears = 20,
    } = options;
    const { customer } = await makeCustomer(t.app, agent, branchId, { dateOfBirth: yearsAgo(age), ...overrides });
    const quote = (
      await request(t.app)
        .post('/api/quotes')
        .set(agent.auth)
        .send({ customerId: customer.id, productId, coverages, termYears, paymentFrequency: 'monthly', save: true })
        .expect(201)
    ).body;
    return { customer, quote };
  }

  async function draft(agent: Session, branchId: string, productId: string, options?: Applicant) {
    const { customer, quote } = await savedQuote(agent, branchId, productId, options);
    const order = (await request(t.app).post('/api/orders').set(agent.auth).send({ quoteId: quote.id }).expect(201)).body;
    return { customer, quote, order };
  }

  const upload = (session: Session, orderId: string, code: string, bytes: Buffer = pdf(code), filename = `${code.toLowerCase()}.pdf`) =>
    request(t.app).post(`/api/orders/${orderId}/documents`).set(session.auth).field('code', code).attach('file', bytes, { filename, contentType: 'application/pdf' });

  /** Uploads every document the order's checklist asks for. */
  async function uploadAll(agent: Session, order: { id: string; documents: { code: string }[] }) {
    for (const d of order.documents) await upload(agent, order.id, d.code).expect(201);
  }

  async function submitted(agent: Session, branchId: string, productId: string, options?: Applicant) {
    const d = await draft(agent, branchId, productId, options);
    await uploadAll(agent, d.order);
    const filled = (await patch(agent, d.order.id, d.order.version, completion).expect(200)).body;
    const order = (await step(agent, filled.id, 'submit', filled.version).expect(200)).body;
    return { ...d, order };
  }

  /** Submitted and taken for review by `underwriter`; its documents as uploaded (not yet reviewed). */
  async function takenForReview(agent: Session, underwriter: Session, branchId: string, productId: string, options?: Applicant) {
    const s = await submitted(agent, branchId, productId, options);
    const order = (await step(underwriter, s.order.id, 'start-review', s.order.version).expect(200)).body;
    return { ...s, order };
  }

  /** `underwriter` verifies every uploaded required document, as before an approval (verifying leaves the order's version as it is). */
  async function verifyAll<O extends { id: string; documents: { status: string; document: { id: string } | null }[] }>(underwriter: Session, order: O): Promise<O> {
    let current = order;
    for (const d of order.documents.filter((x) => x.status === 'uploaded'))
      current = (await request(t.app).post(`/api/orders/${order.id}/documents/${d.document!.id}/verify`).set(underwriter.auth).expect(200)).body;
    return current;
  }

  /** Taken for review by `underwriter`, who has verified its documents: ready for a decision. */
  async function inReview(agent: Session, underwriter: Session, branchId: string, productId: string, options?: Applicant) {
    const s = await takenForReview(agent, underwriter, branchId, productId, options);
    return { ...s, order: await verifyAll(underwriter, s.order) };
  }

  return { yearsAgo, patch, step, upload, uploadAll, publishTermLife, team, savedQuote, draft, submitted, takenForReview, verifyAll, inReview };
}
