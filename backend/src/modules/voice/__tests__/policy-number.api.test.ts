// Several customers share the caller's number: the menu asks for a policy number, and the one whose
// policy it is becomes the caller. Policies are issued through the real approval (approval limits
// are one global table), so this file works on a database of its own.
import crypto from 'node:crypto';
import request from 'supertest';
import { makeCustomer } from '../../../../test/support/factories';
import { startJobSender } from '../../../../test/support/report-exports';
import type { TestApp } from '../../../../test/support/test-app';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { TEST_TWILIO_AUTH_TOKEN } from '../../../../test/support/voice-keys';
import type { RingingCall } from '../../../contracts/voice';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { MARK_OVERDUE_JOB, RAISE_INVOICES_JOB } from '../../billing';
import { twilioSignature } from '../signatures';

let w: BillingWorld;
let t: TestApp;
const ALL_DAY = [{ from: '00:00', to: '24:00' }];

beforeAll(async () => {
  w = await billingWorld('policydesk_voice');
  t = w.t;
  // A routed call queues its ring timeout (pg-boss) in the webhook's transaction.
  await startJobSender(t);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await t.jobs.stop(1_000);
  await w.close();
});

function twilio(path: string, params: Record<string, string>) {
  return request(t.app)
    .post(path)
    .set('Content-Type', 'application/x-www-form-urlencoded')
    .set('X-Twilio-Signature', twilioSignature(TEST_TWILIO_AUTH_TOKEN, `https://service.test${path}`, Object.entries(params)))
    .send(new URLSearchParams(params).toString());
}

it(
  'asks a shared number for the policy number and identifies its holder; the call and its case are theirs',
  async () => {
    const { customer, policy } = await w.issuedPolicy();
    const phone = (await t.db('customers').where({ id: customer.id }).first('phone')).phone as string;
    const other = await makeCustomer(t.app, w.admin, w.branch, { phone, confirmNotDuplicate: true });
    const [calendar] = await t
      .db('service_calendars')
      .insert({
        name: `Voice ${crypto.randomUUID()}`,
        time_zone: 'UTC',
        hours: JSON.stringify({ mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }),
        holidays: '[]',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id');
    const line = (
      await request(t.app)
        .post('/api/phone-lines')
        .set(w.admin.auth)
        .send({
          number: '+18005963057',
          name: 'Customer service',
          greeting: 'Hello.',
          calendarId: calendar.id,
          branchId: w.branch,
          menu: [{ digit: '3', queue: 'policy_changes', label: 'Policy changes' }],
          urgent: null,
          afterHours: 'voicemail',
          voicemailPrompt: 'Leave a message.',
          active: true,
        })
        .expect(201)
    ).body;

    // The policy's first premium is not paid: weeks later its invoice is overdue.
    t.clock.advance(75 * 86_400_000);
    for (const job of [RAISE_INVOICES_JOB, MARK_OVERDUE_JOB]) await t.jobs.runNow(job, {});
    const admin = await w.as('admin'); // the world's login expired meanwhile
    const agent = await w.as('agent');
    await request(t.app)
      .put('/api/agent-availability')
      .set(agent.auth)
      .send({ queues: ['policy_changes'] })
      .expect(200);

    const sid = `CA${crypto.randomBytes(16).toString('hex')}`;
    const incoming = await twilio('/api/voice/twilio/incoming', { CallSid: sid, From: phone, To: line.number }).expect(200);
    expect(incoming.text).toContain('policy?attempt=1');
    // Keyed as digits only (P-000042 → 42), with the pound key.
    const digits = `${Number((policy.policyNumber as string).replace(/\D/g, ''))}#`;
    const menu = await twilio('/api/voice/twilio/policy?attempt=1', { CallSid: sid, Digits: digits }).expect(200);
    expect(menu.text).toContain('menu?attempt=1');
    await twilio('/api/voice/twilio/menu?attempt=1', { CallSid: sid, Digits: '3' }).expect(200);

    const calls = (await request(t.app).get(`/api/phone-lines/${line.id}/calls`).set(admin.auth).expect(200)).body.items;
    expect(calls[0]).toMatchObject({ callerMatch: 'ambiguous', customerId: customer.id, queue: 'policy_changes' });
    expect(calls[0].customerId).not.toBe(other.customer.id);
    const caseRes = await request(t.app).get(`/api/cases/${calls[0].caseId}`).set(admin.auth).expect(200);
    expect(caseRes.body).toMatchObject({ type: 'policy_change_request', customer: { id: customer.id } });

    // The screen pop's caller card: the holder's case, policy and overdue premium.
    const ringing = (await request(t.app).get('/api/ringing-calls').set(agent.auth).expect(200)).body.items as RingingCall[];
    const card = ringing.find((c) => c.caseId === calls[0].caseId)!.caller!;
    expect(card.customer.id).toBe(customer.id);
    expect(card.sections.openCases!.items.map((i) => i.id)).toContain(calls[0].caseId);
    expect(card.sections.policies).toMatchObject({ count: 1, items: [{ id: policy.id, label: policy.policyNumber, href: `/policies/${policy.id}` }] });
    const overdue = await t.db('invoices').where({ customer_id: customer.id, status: 'overdue' });
    expect(overdue.length).toBeGreaterThan(0);
    expect(card.sections.overduePremium!.count).toBe(overdue.length);
    expect(card.sections.overduePremium!.total!.amount).toBeGreaterThan(0);
    expect(card.sections.openClaims).toMatchObject({ count: 0 });
  },
  PROCESS_TEST_TIMEOUT_MS,
);
