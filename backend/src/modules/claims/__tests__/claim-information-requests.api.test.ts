// Requests for information to the claimant on a real PostgreSQL: asked on an open claim by a due
// date, sent through the notifications outbox in the same transaction (to the reporter, else the
// policyholder; nothing when there is no address), listed, marked received or cancelled once —
// with history and audit rows, cancelled when the claim is withdrawn — and refused on a closed claim, outside the branch, without
// claims:investigate, with a bad due date or a NUL byte; a concurrent double receive lets one win.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';
import { publishProduct } from '../../../../test/support/factories';
import { withReferralCleared } from './claim-fixtures';

let w: BillingWorld;
type Body = request.Response['body'];
let policy: IssuedPolicy;
let agent: Session;
let adjuster: Session;
let manager: Session;

// 2027-01-11 is a Monday.
const START = '2027-01-11';

beforeAll(async () => {
  w = await billingWorld('policydesk_claim_inforeq', { startAt: `${START}T10:00:00Z` });
  const definition = {
    ...termLife,
    claims: {
      lossTypes: [
        { lossType: 'death', coverages: ['DEATH', 'ADB'] },
        { lossType: 'accident', coverages: ['ADB'] },
      ],
    },
  };
  const productId = (await publishProduct(w.t, w.admin, { code: 'CIR', name: 'Information requests term life', category: 'life', definition })).id;
  policy = await w.issuedPolicy({ productId });
  agent = await w.as('agent');
  adjuster = await w.as('claims_adjuster');
  manager = await w.as('manager');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const act = (session: Session, claim: { id: string; version: number }, action: string, body: object = {}) =>
  request(w.t.app).post(`/api/claims/${claim.id}/${action}`).set(session.auth).set('If-Match', `"${claim.version}"`).send(body);
const getClaim = async (id: string): Promise<Body> => (await request(w.t.app).get(`/api/claims/${id}`).set(adjuster.auth).expect(200)).body;

/** A claim under investigation (or only submitted), reported by `reporter`. */
async function openClaim(reporter: object = { kind: 'beneficiary', name: 'Sam Heir', email: 'sam.heir@example.test' }, investigate = true): Promise<Body> {
  const draft = (
    await request(w.t.app)
      .post('/api/claims')
      .set(agent.auth)
      .send({ policyId: policy.policy.id, lossDate: START, lossType: 'accident', description: 'A fall at home', location: 'Home', reporter })
      .expect(201)
  ).body;
  let claim = await withReferralCleared(w.t.app, manager, (await act(agent, draft, 'submit').expect(200)).body);
  if (investigate) claim = (await act(adjuster, claim, 'start-investigation').expect(200)).body;
  return claim;
}
const ask = (session: Session, claim: { id: string; version: number }, body: object) => act(session, claim, 'information-requests', body);
const requestAct = (session: Session, claim: { id: string; version: number }, requestId: string, action: 'receive' | 'cancel', body: object = {}) =>
  act(session, claim, `information-requests/${requestId}/${action}`, body);
const outboxOf = (requestId: string) => w.t.db('notification_outbox').where({ idempotency_key: `claim-information-request:${requestId}` });

it('asks the reporter by email, shows the open request on the claim, lists it and marks it received — history, audit, the claim’s version moved', async () => {
  const claim = await openClaim();
  const res = await ask(adjuster, claim, { items: 'The hospital discharge letter', documentCode: 'MEDICAL_RECORDS', dueOn: '2027-01-25' }).expect(201);
  expect(res.headers.etag).toBe(`"${claim.version + 1}"`);
  expect(res.body.claimVersion).toBe(claim.version + 1);
  const [asked] = res.body.items;
  expect(asked).toMatchObject({
    items: 'The hospital discharge letter',
    documentCode: 'MEDICAL_RECORDS',
    dueOn: '2027-01-25',
    status: 'open',
    overdue: false,
    delivery: { channel: 'email', to: 'reporter', recipient: 'sam.heir@example.test' },
    closedBy: null,
  });
  const [message] = await outboxOf(asked.id);
  expect(message).toMatchObject({ channel: 'email', template_key: 'claim-information-request', recipient: 'sam.heir@example.test', purpose: 'service' });
  expect(message.data).toEqual({ customerName: 'Sam Heir', claimNumber: claim.claimNumber, items: 'The hospital discharge letter', dueOn: '2027-01-25' });

  const shown = await getClaim(claim.id);
  expect(shown.version).toBe(claim.version + 1);
  expect(shown.openInformationRequests).toEqual([{ id: asked.id, items: 'The hospital discharge letter', documentCode: 'MEDICAL_RECORDS', dueOn: '2027-01-25', overdue: false }]);
  const listed = (await request(w.t.app).get(`/api/claims/${claim.id}/information-requests`).set(agent.auth).expect(200)).body;
  expect(listed.items.map((r: Body) => r.id)).toEqual([asked.id]);

  const received = await requestAct(adjuster, shown, asked.id, 'receive', { note: 'Letter came by post' }).expect(200);
  expect(received.body.items[0]).toMatchObject({ status: 'received', closeNote: 'Letter came by post', closedBy: { name: expect.any(String) } });
  expect(received.body.items[0].history.map((h: Body) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
    [null, 'open', 'The hospital discharge letter'],
    ['open', 'received', 'Letter came by post'],
  ]);
  expect((await getClaim(claim.id)).openInformationRequests).toEqual([]);
  const audit = await w.t.db('audit_log').where({ entity_id: claim.id }).whereIn('action', ['claim.information_request', 'claim.information_received']).orderBy('id');
  expect(audit.map((a) => a.action)).toEqual(['claim.information_request', 'claim.information_received']);

  // Received is final: neither received again nor cancelled (409 with the status), and the database refuses it too.
  const again = await requestAct(adjuster, await getClaim(claim.id), asked.id, 'receive').expect(409);
  expect(again.body).toMatchObject({ code: 'CLAIM_INFORMATION_REQUEST_CLOSED', currentStatus: 'received' });
  await requestAct(adjuster, await getClaim(claim.id), asked.id, 'cancel', { reason: 'Changed my mind' }).expect(409);
  await expect(w.t.db('claim_information_requests').where({ id: asked.id }).update({ status: 'open', closed_at: null, closed_by: null })).rejects.toThrow(
    /closed and cannot change/,
  );
});

it('cancels an open request with its reason (required), and the claim no longer shows it', async () => {
  const claim = await openClaim();
  const asked = (await ask(adjuster, claim, { items: 'Witness statement', dueOn: '2027-01-20' }).expect(201)).body.items[0];
  let current = await getClaim(claim.id);
  const missing = await requestAct(adjuster, current, asked.id, 'cancel', {}).expect(400);
  expect(missing.body.errors[0].path).toBe('reason');
  const cancelled = await requestAct(adjuster, current, asked.id, 'cancel', { reason: 'Found in the police file' }).expect(200);
  expect(cancelled.body.items[0]).toMatchObject({ status: 'cancelled', closeNote: 'Found in the police file' });
  current = await getClaim(claim.id);
  expect(current.openInformationRequests).toEqual([]);
  expect(await w.t.db('audit_log').where({ entity_id: claim.id, action: 'claim.information_cancel' })).toHaveLength(1);
  expect(await w.t.db('claim_information_request_history').where({ request_id: asked.id }).orderBy('id').pluck('to_status')).toEqual(['open', 'cancelled']);
});

it('cancels what is still open when the claim is withdrawn, with the reason, in the withdrawal’s transaction', async () => {
  const claim = await openClaim(undefined, false);
  const asked = (await ask(adjuster, claim, { items: 'The police report', dueOn: '2027-01-20' }).expect(201)).body.items[0];
  const received = (await ask(adjuster, await getClaim(claim.id), { items: 'Photos of the stairs', dueOn: '2027-01-20' }).expect(201)).body.items.find(
    (r: Body) => r.items === 'Photos of the stairs',
  );
  await requestAct(adjuster, await getClaim(claim.id), received.id, 'receive').expect(200);
  await act(agent, await getClaim(claim.id), 'withdraw', { reason: 'The customer found the money' }).expect(200);
  const listed = (await request(w.t.app).get(`/api/claims/${claim.id}/information-requests`).set(adjuster.auth).expect(200)).body.items;
  expect(listed.find((r: Body) => r.id === asked.id)).toMatchObject({ status: 'cancelled', closeNote: 'No longer needed: the claim was withdrawn' });
  expect(listed.find((r: Body) => r.id === received.id)).toMatchObject({ status: 'received' });
  expect((await getClaim(claim.id)).openInformationRequests).toEqual([]);
  expect(await w.t.db('claim_information_request_history').where({ request_id: asked.id }).orderBy('id').pluck('to_status')).toEqual(['open', 'cancelled']);
});

it('texts a reporter’s international number, else writes to the policyholder; with no address at all nothing is sent and the request says so', async () => {
  const texted = await openClaim({ kind: 'third_party', name: 'Other Driver', phone: '+1 555 010 9999' }, false);
  const bySms = (await ask(adjuster, texted, { items: 'Your insurer’s details', dueOn: START }).expect(201)).body.items[0];
  expect(bySms.delivery).toEqual({ channel: 'sms', to: 'reporter', recipient: '+15550109999' });
  expect((await outboxOf(bySms.id))[0]).toMatchObject({ channel: 'sms', template_key: 'claim-information-request' });

  // A national number cannot be texted: the policyholder gets it (their email on file).
  const national = await openClaim({ kind: 'policyholder', name: 'Pat Holder', phone: '(555) 123-4567' });
  const toHolder = (await ask(adjuster, national, { items: 'Bank details', dueOn: '2027-02-01' }).expect(201)).body.items[0];
  const customer = await w.t.db('customers').where({ id: policy.customer.id }).first();
  expect(toHolder.delivery).toMatchObject({ to: 'policyholder', channel: customer.email ? 'email' : 'sms' });
  expect((await outboxOf(toHolder.id))[0]).toMatchObject({ customer_id: policy.customer.id, template_key: 'claim-information-request' });

  // Neither: nothing queued, the request is open and says it was not sent (the adjuster phones).
  await w.t.db('customers').where({ id: policy.customer.id }).update({ email: null, phone: null });
  try {
    const unreachable = await openClaim({ kind: 'policyholder', name: 'Pat Holder', phone: '(555) 123-4567' });
    const unsent = (await ask(adjuster, unreachable, { items: 'Bank details', dueOn: '2027-02-01' }).expect(201)).body.items[0];
    expect(unsent).toMatchObject({ status: 'open', delivery: { channel: null, to: null, recipient: null } });
    expect(await outboxOf(unsent.id)).toEqual([]);
    const [row] = await w.t.db('audit_log').where({ entity_id: unreachable.id, action: 'claim.information_request' });
    expect(row.metadata).toMatchObject({ sentVia: null });
  } finally {
    await w.t.db('customers').where({ id: policy.customer.id }).update({ email: customer.email, phone: customer.phone });
  }
});

it('takes a request only on a submitted, investigated or reopened claim (409 CLAIM_NOT_OPEN with the status), and a document the claim needs', async () => {
  const submitted = await openClaim(undefined, false);
  await ask(adjuster, submitted, { items: 'Photos', dueOn: START }).expect(201);
  const draft = (
    await request(w.t.app)
      .post('/api/claims')
      .set(agent.auth)
      .send({
        policyId: policy.policy.id,
        lossDate: START,
        lossType: 'accident',
        description: 'A fall',
        location: 'Home',
        reporter: { kind: 'policyholder', name: 'Pat', phone: '5551234' },
      })
      .expect(201)
  ).body;
  const refused = await ask(adjuster, draft, { items: 'Anything', dueOn: START }).expect(409);
  expect(refused.body).toMatchObject({ code: 'CLAIM_NOT_OPEN', currentStatus: 'draft' });
  const withdrawn = (await act(agent, draft, 'withdraw', { reason: 'Reported twice' }).expect(200)).body;
  expect((await ask(adjuster, withdrawn, { items: 'Anything', dueOn: START }).expect(409)).body.currentStatus).toBe('withdrawn');

  const claim = await openClaim();
  const wrongDoc = await ask(adjuster, claim, { items: 'The police report', documentCode: 'POLICE_REPORT', dueOn: START }).expect(400);
  expect(wrongDoc.body.errors[0].path).toBe('documentCode');
  // If-Match on the claim: an older version is 412.
  await ask(adjuster, { id: claim.id, version: claim.version - 1 }, { items: 'Photos', dueOn: START }).expect(412);
});

it('refuses due dates in the past or more than 90 days ahead, malformed ones and NUL bytes (400 with the field)', async () => {
  const claim = await openClaim();
  const past = await ask(adjuster, claim, { items: 'Photos', dueOn: '2027-01-10' }).expect(400);
  expect(past.body).toMatchObject({ code: 'CLAIM_INFORMATION_DUE_INVALID', errors: [{ path: 'dueOn' }] });
  const far = await ask(adjuster, claim, { items: 'Photos', dueOn: '2027-04-12' }).expect(400);
  expect(far.body).toMatchObject({ code: 'CLAIM_INFORMATION_DUE_INVALID', errors: [{ path: 'dueOn' }] });
  await ask(adjuster, claim, { items: 'Photos', dueOn: '2027-04-11' }).expect(201); // day 90
  const malformed = await ask(adjuster, await getClaim(claim.id), { items: 'Photos', dueOn: '2027-02-30' }).expect(400);
  expect(malformed.body.errors[0].path).toBe('dueOn');
  const nul = await ask(adjuster, await getClaim(claim.id), { items: 'Photos\u0000', dueOn: START }).expect(400);
  expect(nul.body.errors[0].path).toBe('items');
  await ask(adjuster, await getClaim(claim.id), { items: '   ', dueOn: START }).expect(400);
});

it('needs claims:investigate to ask, receive or cancel (an agent gets 403), and hides another branch’s claim (404)', async () => {
  const claim = await openClaim();
  await ask(agent, claim, { items: 'Photos', dueOn: START }).expect(403);
  const asked = (await ask(adjuster, claim, { items: 'Photos', dueOn: START }).expect(201)).body.items[0];
  const current = await getClaim(claim.id);
  await requestAct(agent, current, asked.id, 'receive').expect(403);
  await requestAct(agent, current, asked.id, 'cancel', { reason: 'x' }).expect(403);

  const outsider = await w.as('claims_adjuster', w.otherBranch);
  await ask(outsider, current, { items: 'Photos', dueOn: START }).expect(404);
  await request(w.t.app).get(`/api/claims/${claim.id}/information-requests`).set(outsider.auth).expect(404);
  await requestAct(outsider, current, asked.id, 'receive').expect(404);
  // Another claim's request is not this claim's.
  const other = await openClaim();
  await requestAct(adjuster, other, asked.id, 'receive').expect(404);
});

it('lets exactly one of two concurrent receives win', async () => {
  const claim = await openClaim();
  const asked = (await ask(adjuster, claim, { items: 'Photos', dueOn: START }).expect(201)).body.items[0];
  const current = await getClaim(claim.id);
  const other = await w.as('claims_adjuster');
  const results = await Promise.all([requestAct(adjuster, current, asked.id, 'receive', { note: 'Mine' }), requestAct(other, current, asked.id, 'receive', { note: 'Theirs' })]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
  expect(await w.t.db('claim_information_request_history').where({ request_id: asked.id, to_status: 'received' })).toHaveLength(1);
  expect(await w.t.db('audit_log').where({ entity_id: claim.id, action: 'claim.information_received' })).toHaveLength(1);
});
