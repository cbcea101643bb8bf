// An unknown contact's interaction linked to a customer later (issue 14: "or an unknown contact with
// phone or email, linked to a customer later"): under If-Match, once, to a customer in your branches;
// it then belongs to the customer's branch, shows on their timeline and 360°, and the link is in the
// interaction's history and the audit trail.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeCustomer, sessionAs } from '../../../../test/support/factories';

const t = appForFile();

it("links an unknown caller's interaction to the customer it turned out to be, once, under If-Match and branch scope", async () => {
  const branch = await makeBranch(t.db);
  const { user, session } = await loggedIn(t.app, t.db, { role: 'agent', branchId: branch.id });
  const { customer } = await makeCustomer(t.app, session, branch.id);
  const unknown = await request(t.app)
    .post('/api/interactions')
    .set(session.auth)
    .send({ channel: 'phone_inbound', contactPhone: '+1 555 0199', subject: 'Asked about cover for a new car' })
    .expect(201);
  expect(unknown.headers.etag).toBe('"1"');
  expect(unknown.body).toMatchObject({ customer: null, version: 1 });
  const url = `/api/interactions/${unknown.body.id}/customer`;
  const link = (version: number, customerId: string, auth = session.auth) => request(t.app).post(url).set(auth).set('If-Match', `"${version}"`).send({ customerId });

  // Bad input, a stale version, a missing If-Match: refused, nothing changed.
  expect((await request(t.app).post(url).set(session.auth).set('If-Match', '"1"').send({ customerId: 'nope' }).expect(400)).body.errors[0].path).toBe('customerId');
  await request(t.app).post(url).set(session.auth).send({ customerId: customer.id }).expect(428);
  expect((await link(2, customer.id).expect(412)).body.code).toBe('VERSION_MISMATCH');

  // A customer of another branch is as unknown as one that does not exist; so is the interaction to an outsider.
  const elsewhere = await makeBranch(t.db);
  const { session: otherAgent } = await loggedIn(t.app, t.db, { role: 'agent', branchId: elsewhere.id });
  const { customer: foreign } = await makeCustomer(t.app, otherAgent, elsewhere.id);
  await link(1, foreign.id).expect(404);
  await link(1, customer.id, otherAgent.auth).expect(404);

  const linked = await link(1, customer.id).expect(200);
  expect(linked.headers.etag).toBe('"2"');
  expect(linked.body).toMatchObject({
    customer: { id: customer.id },
    contactPhone: '+1 555 0199',
    branchId: branch.id,
    version: 2,
    links: [{ kind: 'customer', id: customer.id }],
  });

  // Once: a second link (even to the same customer) is refused; so is linking a customer's own interaction.
  expect((await link(2, customer.id).expect(409)).body.code).toBe('INTERACTION_ALREADY_LINKED');
  const known = await request(t.app).post('/api/interactions').set(session.auth).send({ channel: 'email', customerId: customer.id, subject: 'Quote sent' }).expect(201);
  expect(
    (await request(t.app).post(`/api/interactions/${known.body.id}/customer`).set(session.auth).set('If-Match', '"1"').send({ customerId: customer.id }).expect(409)).body.code,
  ).toBe('INTERACTION_ALREADY_LINKED');

  // The customer's timeline and 360° now hold it.
  const timeline = await request(t.app).get(`/api/customers/${customer.id}/timeline`).set(session.auth).query({ kind: 'interaction' }).expect(200);
  expect(timeline.body.items.map((i: { id: string }) => i.id)).toEqual([known.body.id, unknown.body.id]);
  const overview = await request(t.app).get(`/api/customers/${customer.id}/overview`).set(session.auth).expect(200);
  expect(overview.body.sections.interactions).toMatchObject({ count: 2 });

  // History and audit, in the link's transaction.
  const history = await t.db('service_interaction_history').where({ interaction_id: unknown.body.id }).select('event', 'details', 'changed_by');
  expect(history).toEqual([{ event: 'customer_linked', details: { customerId: customer.id, fromBranchId: branch.id, toBranchId: branch.id }, changed_by: user.id }]);
  await expect(t.db('service_interaction_history').where({ interaction_id: unknown.body.id }).del()).rejects.toThrow();
  const audit = await t.db('audit_log').where({ action: 'interaction.link_customer', entity_id: unknown.body.id }).select('actor_user_id', 'changes', 'branch_id');
  expect(audit).toEqual([{ actor_user_id: user.id, changes: { customerId: { before: null, after: customer.id } }, branch_id: branch.id }]);
});

it('moves an unknown contact logged in one branch to the branch of the customer it was, when the agent serves both', async () => {
  const north = await makeBranch(t.db);
  const south = await makeBranch(t.db);
  const { session: manager } = await loggedIn(t.app, t.db, { role: 'manager', branchId: north.id, managedBranchIds: [south.id] });
  const { customer } = await makeCustomer(t.app, manager, south.id);
  const unknown = await request(t.app)
    .post('/api/interactions')
    .set(manager.auth)
    .send({ channel: 'email', contactEmail: 'someone@example.test', subject: 'Claim form?' })
    .expect(201);
  expect(unknown.body.branchId).toBe(north.id);
  const linked = await request(t.app).post(`/api/interactions/${unknown.body.id}/customer`).set(manager.auth).set('If-Match', '"1"').send({ customerId: customer.id }).expect(200);
  expect(linked.body).toMatchObject({ branchId: south.id, customer: { id: customer.id } });
  // An agent of the north branch no longer sees it; one of the south branch does.
  const northAgent = await sessionAs(t, 'agent', north.id);
  await request(t.app).get(`/api/interactions/${unknown.body.id}`).set(northAgent.auth).expect(404);
  const southAgent = await sessionAs(t, 'agent', south.id);
  await request(t.app).get(`/api/interactions/${unknown.body.id}`).set(southAgent.auth).expect(200);
});
