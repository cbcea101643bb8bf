// Write-off proposals through HTTP on PostgreSQL (a database of its own): unpaid invoices with a
// small amount left open for a long time are proposed, oldest first, for the reader's branches only;
// a large balance, a recent one and another branch's are not. Each says whether the reader's own
// write-off limit covers it, and writing one off through billing's endpoint takes it off the list.
import crypto from 'node:crypto';
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { addDays } from '../../../platform/calendar';
import { RAISE_INVOICES_JOB } from '../../billing';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';

let w: BillingWorld;
/** small: 1.50 left open; large: nothing paid; recent: 1.50 left open on an invoice due later; other: 1.50 open in another branch. */
let small: IssuedPolicy, large: IssuedPolicy, other: IssuedPolicy;
let agent: Session;
let senior: Session;
type Body = request.Response['body'];

const firstInvoice = async (p: IssuedPolicy) =>
  w.t.db('invoices').where({ policy_id: p.policy.id }).orderBy('due_date').first('id', 'invoice_number', w.t.db.raw(`to_char(due_date, 'YYYY-MM-DD') AS due_date`));
/** Pays all but `leave` of what the policy owes now. */
const payAllBut = async (p: IssuedPolicy, leave: number, reference: string) => {
  const session = await w.as('agent', p.policy.branchId);
  const { amountDue } = await w.billingOf(session, p.policy.id);
  await w.pay(session, { policyId: p.policy.id, method: 'bank_transfer', reference, amount: amountDue - leave, currency: 'USD' }).expect(201);
};
const proposals = async (session: Session, query = ''): Promise<Body> =>
  (await request(w.t.app).get(`/api/collections/write-off-proposals${query}`).set(session.auth).expect(200)).body;

beforeAll(async () => {
  w = await billingWorld('policydesk_write_off_proposals', { startAt: '2027-01-11T10:00:00Z' });
  await w.t.db('approval_limits').insert({ role: 'senior_agent', kind: 'write_off_amount', currency: 'USD', max_amount: 100, revision: 1, updated_at: new Date() });
  small = await w.issuedPolicy();
  // A large sum insured: its first invoice is far above the 25.00 threshold.
  large = await w.issuedPolicy({
    coverages: [
      { code: 'DEATH', sumInsured: 300_000_00 },
      { code: 'ADB', sumInsured: 50_000_00 },
    ],
  });
  other = await w.issuedPolicy({ branchId: w.otherBranch });
  await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
  await payAllBut(small, 150, 'BT-SMALL');
  await payAllBut(other, 150, 'BT-OTHER');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

describe('GET /api/collections/write-off-proposals', () => {
  it('proposes small balances open 60 days or more, of the reader’s branches only, with the reader’s limit', async () => {
    const first = await firstInvoice(small);
    // 59 days after the due date: too recent. (Sessions are made on the clock's day: tokens expire.)
    w.t.clock.set(`${addDays(first.due_date, 59)}T10:00:00Z`);
    agent = await w.as('agent');
    expect((await proposals(agent)).items).toEqual([]);

    w.t.clock.set(`${addDays(first.due_date, 60)}T10:00:00Z`);
    agent = await w.as('agent');
    senior = await w.as('senior_agent');
    const seen = await proposals(agent);
    expect(seen).toMatchObject({ maxAmount: 2_500, minDaysPastDue: 60 });
    // The large unpaid invoice is not small; the other branch's is not the agent's.
    expect(seen.items).toEqual([
      expect.objectContaining({
        invoiceId: first.id,
        invoiceNumber: first.invoice_number,
        policyNumber: small.policy.policyNumber,
        currency: 'USD',
        openAmount: 150,
        dueDate: first.due_date,
        daysPastDue: 60,
        yourLimit: null,
        withinYourLimit: false,
      }),
    ]);
    expect(seen.items[0].customer.id).toBe(small.customer.id);
    // The senior agent's limit is 1.00: not enough for 1.50.
    expect((await proposals(senior)).items[0]).toMatchObject({ yourLimit: 100, withinYourLimit: false });
    await w.t.db('approval_limits').where({ role: 'senior_agent', kind: 'write_off_amount' }).update({ max_amount: 250 });
    expect((await proposals(senior)).items[0]).toMatchObject({ yourLimit: 250, withinYourLimit: true });

    // A higher threshold brings the large balance in; a lower one leaves the small one out.
    const wide = await proposals(agent, '?maxAmount=1000000&minDaysPastDue=0');
    expect(wide.items.map((i: Body) => i.policyNumber).sort()).toEqual([large.policy.policyNumber, small.policy.policyNumber].sort());
    expect((await proposals(agent, '?maxAmount=149')).items).toEqual([]);
    // Another branch's agent sees theirs only; a branch filter outside the reader's scope is empty.
    const theirs = await proposals(await w.as('agent', w.otherBranch));
    expect(theirs.items.map((i: Body) => i.policyNumber)).toEqual([other.policy.policyNumber]);
    expect((await proposals(agent, `?branchId=${w.otherBranch}`)).items).toEqual([]);
  });

  it('drops an invoice once it is written off through billing (within the limit)', async () => {
    const first = await firstInvoice(small);
    const written = await request(w.t.app)
      .post(`/api/invoices/${first.id}/write-off`)
      .set(senior.auth)
      .set('Idempotency-Key', crypto.randomUUID())
      .send({ amount: 150, reason: 'Too small to chase' });
    expect([written.status, written.body.code]).toEqual([201, undefined]);
    expect((await proposals(senior)).items).toEqual([]);
  });

  it('refuses odd parameters with the field (400), and roles without collections:read (403)', async () => {
    const bad = await request(w.t.app).get('/api/collections/write-off-proposals?maxAmount=-1&minDaysPastDue=abc&limit=501&x=1').set(agent.auth).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.limit', 'query.maxAmount', 'query.minDaysPastDue', 'query.x']);
    await request(w.t.app)
      .get('/api/collections/write-off-proposals')
      .set((await w.as('underwriter')).auth)
      .expect(403);
  });
});
