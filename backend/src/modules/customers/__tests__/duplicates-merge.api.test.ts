import request from 'supertest';
import type { AppModule } from '../../../platform/module';
import { appForFile } from '../../../../test/support/test-app';
import { customerBody, loggedIn, makeBranch, makeCustomer, type Session, sessionAs } from '../../../../test/support/factories';

// A later module, simulated: it keeps notes per customer, moves them on merge, and adds an overview
// section and lifetime-value figures — all without touching the customers module.
let failMerge = false;
const notesModule: AppModule = {
  name: 'notes-probe',
  register({ db, services }) {
    services.customerExtensions.addMergeHandler({
      name: 'notes',
      move: async (trx, { sourceId, targetId }) => {
        await trx('probe_customer_notes').where({ customer_id: sourceId }).update({ customer_id: targetId });
        if (failMerge) throw new Error('notes could not be moved');
      },
    });
    services.customerExtensions.addOverviewSection({
      key: 'notes',
      title: 'Notes',
      load: async (_db, _actor, customerId) => {
        const items = await db('probe_customer_notes').where({ customer_id: customerId }).orderBy('id', 'desc').limit(3).select('text');
        const [{ count }] = await db('probe_customer_notes').where({ customer_id: customerId }).count('* as count');
        return { count: Number(count), items };
      },
    });
    services.customerExtensions.addLifetimeValue({
      name: 'notes-as-premiums',
      load: async (_db, customerId) => ({
        premiumsPaid: 120_00 * Number((await db('probe_customer_notes').where({ customer_id: customerId }).count('* as c'))[0]!.c),
        claimsPaid: 50_00,
        expectedFuturePremiums: 10_00,
      }),
    });
  },
};

const t = appForFile({ modules: [notesModule] });
let north: string;
let south: string;
let agent: Session;
let manager: Session;
beforeAll(async () => {
  await t.ownerDb.raw('CREATE TABLE IF NOT EXISTS probe_customer_notes (id serial PRIMARY KEY, customer_id uuid NOT NULL REFERENCES customers(id), text text NOT NULL)');
  north = (await makeBranch(t.db)).id;
  south = (await makeBranch(t.db)).id;
  agent = await sessionAs(t, 'agent', north);
  manager = (await loggedIn(t.app, t.db, { role: 'manager', branchId: north, managedBranchIds: [north] })).session;
});
afterEach(() => {
  failMerge = false;
});

describe('duplicates', () => {
  it.each([
    ['the same national id (any formatting)', (b: Record<string, unknown>) => ({ nationalId: String(b.nationalId).replace(/-/g, ' ') }), 'national_id'],
    ['the same email', (b: Record<string, unknown>) => ({ email: b.email }), 'email'],
    ['the same phone in another format', (b: Record<string, unknown>) => ({ phone: `+1${String(b.phone).replace(/\D/g, '')}` }), 'phone'],
    [
      'the same birth date and a similar name',
      (b: Record<string, unknown>) => ({ firstName: b.firstName, lastName: `${b.lastName}e`, dateOfBirth: b.dateOfBirth }),
      'name_and_birth_date',
    ],
  ])('refuses %s with 409 CUSTOMER_DUPLICATE listing the candidate', async (_n, same, reason) => {
    const { customer, body } = await makeCustomer(t.app, agent, north);
    const res = await request(t.app)
      .post('/api/customers')
      .set(agent.auth)
      .send(customerBody(north, same(body)))
      .expect(409);
    expect(res.body.code).toBe('CUSTOMER_DUPLICATE');
    expect(res.body.candidates).toEqual([expect.objectContaining({ id: customer.id, customerNumber: customer.customerNumber, reasons: [reason] })]);
    expect(res.body.inOtherBranch).toBe(false);
  });

  it('creates anyway with confirmNotDuplicate, recorded in the audit trail', async () => {
    const { customer, body } = await makeCustomer(t.app, agent, north);
    const res = await request(t.app)
      .post('/api/customers')
      .set(agent.auth)
      .send(customerBody(north, { email: body.email, confirmNotDuplicate: true }))
      .expect(201);
    const audit = await t.db('audit_log').where({ entity_id: res.body.id, action: 'customer.create' }).first();
    expect(audit.metadata).toEqual({ confirmedNotDuplicate: true, candidates: [customer.customerNumber] });
  });

  it('tells an agent only that a likely duplicate exists in another branch (no number, no name), and audits it; those who may see it get the details', async () => {
    const southAgent = await sessionAs(t, 'agent', south);
    const { customer, body } = await makeCustomer(t.app, agent, north);
    const probe = { email: body.email, nationalId: body.nationalId };
    const res = await request(t.app).post('/api/customers/duplicate-check').set(southAgent.auth).send(probe).expect(200);
    expect(res.body).toEqual({ items: [], inOtherBranch: true });
    for (const secret of [customer.customerNumber, customer.id, String(body.lastName).slice(1), String(body.firstName).slice(1)])
      expect(JSON.stringify(res.body)).not.toContain(secret);
    const [told] = await t.db('audit_log').where({ action: 'customer.duplicate_in_other_branch', entity_id: customer.id });
    expect(told).toMatchObject({ branch_id: north, metadata: { via: 'duplicate_check', reasons: ['national_id', 'email'] } });
    const southAgentId = (await request(t.app).get('/api/auth/me').set(southAgent.auth).expect(200)).body.user.id;
    expect(told.actor_user_id).toBe(southAgentId);
    // A manager of the North branch sees the event in their trail, and the candidate itself.
    const trail = (await request(t.app).get('/api/audit?action=customer.duplicate_in_other_branch&limit=100').set(manager.auth).expect(200)).body.items;
    expect(trail.map((e: { entityId: string }) => e.entityId)).toContain(customer.id);
    const full = (await request(t.app).post('/api/customers/duplicate-check').set(manager.auth).send(probe).expect(200)).body;
    expect(full).toEqual({
      items: [
        { id: customer.id, customerNumber: customer.customerNumber, name: `${body.firstName} ${body.lastName}`, dateOfBirth: body.dateOfBirth, reasons: ['national_id', 'email'] },
      ],
      inOtherBranch: false,
    });
    expect(await t.db('audit_log').where({ action: 'customer.duplicate_in_other_branch', entity_id: customer.id })).toHaveLength(1);
  });

  it('refuses a create that duplicates another branch’s customer without describing it; the refusal is audited; confirming creates it', async () => {
    const southAgent = await sessionAs(t, 'agent', south);
    const { customer, body } = await makeCustomer(t.app, agent, north);
    const res = await request(t.app)
      .post('/api/customers')
      .set(southAgent.auth)
      .send(customerBody(south, { email: body.email }))
      .expect(409);
    expect(res.body).toMatchObject({ code: 'CUSTOMER_DUPLICATE', candidates: [], inOtherBranch: true });
    expect(JSON.stringify(res.body)).not.toContain(customer.customerNumber);
    expect(await t.db('audit_log').where({ action: 'customer.duplicate_in_other_branch', entity_id: customer.id }).select('metadata')).toEqual([
      { metadata: { via: 'create', reasons: ['email'] } },
    ]);
    const created = (
      await request(t.app)
        .post('/api/customers')
        .set(southAgent.auth)
        .send(customerBody(south, { email: body.email, confirmNotDuplicate: true }))
        .expect(201)
    ).body;
    expect((await t.db('audit_log').where({ entity_id: created.id, action: 'customer.create' }).first()).metadata).toEqual({
      confirmedNotDuplicate: true,
      candidates: [customer.customerNumber],
    });
    expect((await t.db('audit_log').where({ action: 'customer.duplicate_in_other_branch', entity_id: customer.id }).orderBy('id')).map((a) => a.metadata)).toEqual([
      { via: 'create', reasons: ['email'] },
      { via: 'create', reasons: ['email'], customerId: created.id },
    ]);
  });

  it('checks PATCHed identity fields too, and lists a record’s duplicates', async () => {
    const a = await makeCustomer(t.app, agent, north);
    const b = await makeCustomer(t.app, agent, north);
    const res = await request(t.app).patch(`/api/customers/${b.customer.id}`).set(agent.auth).set('If-Match', '"1"').send({ email: a.body.email }).expect(409);
    expect(res.body.code).toBe('CUSTOMER_DUPLICATE');
    await request(t.app).patch(`/api/customers/${b.customer.id}`).set(agent.auth).set('If-Match', '"1"').send({ email: a.body.email, confirmNotDuplicate: true }).expect(200);
    const list = await request(t.app).get(`/api/customers/${b.customer.id}/duplicates`).set(agent.auth).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([a.customer.id]);
    // A non-identity change does not ask again.
    await request(t.app).patch(`/api/customers/${b.customer.id}`).set(agent.auth).set('If-Match', '"2"').send({ occupation: 'Baker' }).expect(200);
  });

  it('checks a draft while the agent types', async () => {
    const { customer, body } = await makeCustomer(t.app, agent, north);
    const res = await request(t.app)
      .post('/api/customers/duplicate-check')
      .set(agent.auth)
      .send({ firstName: body.firstName, lastName: body.lastName, dateOfBirth: body.dateOfBirth })
      .expect(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([customer.id]);
    expect((await request(t.app).post('/api/customers/duplicate-check').set(agent.auth).send({ firstName: 'Nobody' }).expect(200)).body.items).toEqual([]);
  });
});

describe('merge', () => {
  async function pair() {
    const target = (await makeCustomer(t.app, agent, north)).customer;
    const source = (await makeCustomer(t.app, agent, north)).customer;
    await request(t.app)
      .post(`/api/customers/${source.id}/kyc/verifications`)
      .set(agent.auth)
      .set('If-Match', '"1"')
      .send({ documentType: 'passport', documentNumber: 'P1234567', issuingCountry: 'US', expiryDate: '2040-01-01' })
      .expect(201);
    await t.db('probe_customer_notes').insert({ customer_id: source.id, text: 'Called about renewal' });
    return { target, source };
  }

  it('moves every record to the target, marks the source merged and redirects its URL, audited', async () => {
    const { target, source } = await pair();
    const res = await request(t.app).post(`/api/customers/${target.id}/merge`).set(manager.auth).set('If-Match', '"1"').send({ sourceId: source.id }).expect(200);
    expect(res.body.id).toBe(target.id);
    expect(await t.db('kyc_verifications').where({ customer_id: source.id })).toHaveLength(0);
    expect(await t.db('kyc_verifications').where({ customer_id: target.id })).toHaveLength(1);
    expect(await t.db('probe_customer_notes').where({ customer_id: target.id })).toHaveLength(1);
    const sourceRow = await t.db('customers').where({ id: source.id }).first();
    expect(sourceRow).toMatchObject({ status: 'merged', merged_into_id: target.id });
    const redirect = await request(t.app).get(`/api/customers/${source.id}`).set(manager.auth).expect(308);
    expect(redirect.headers.location).toBe(`/api/customers/${target.id}`);
    expect((await t.db('audit_log').whereIn('entity_id', [target.id, source.id]).whereIn('action', ['customer.merge', 'customer.merged_into'])).length).toBe(2);
    // The merged record can no longer change.
    expect(
      (await request(t.app).patch(`/api/customers/${source.id}`).set(manager.auth).set('If-Match', `"${sourceRow.version}"`).send({ occupation: 'x' }).expect(409)).body.code,
    ).toBe('CUSTOMER_MERGED');
  });

  it('keeps what only the source knew: the target’s empty email, phone, national id and occupation are filled; its own values stay', async () => {
    const target = (await makeCustomer(t.app, agent, north, { email: undefined, phone: undefined, nationalId: undefined, occupation: undefined })).customer;
    const source = (await makeCustomer(t.app, agent, north, { occupation: 'Pharmacist' })).customer;
    const sourceRow = await t.db('customers').where({ id: source.id }).first();
    const targetBefore = await t.db('customers').where({ id: target.id }).first();
    expect(targetBefore).toMatchObject({ email: null, phone: null, national_id_ciphertext: null, occupation: null });
    const merged = (await request(t.app).post(`/api/customers/${target.id}/merge`).set(manager.auth).set('If-Match', '"1"').send({ sourceId: source.id }).expect(200)).body;
    expect(merged).toMatchObject({ email: sourceRow.email, phone: sourceRow.phone, occupation: 'Pharmacist', firstName: targetBefore.first_name });
    const after = await t.db('customers').where({ id: target.id }).first();
    expect(after).toMatchObject({ national_id_ciphertext: sourceRow.national_id_ciphertext, national_id_index: sourceRow.national_id_index, phone_digits: sourceRow.phone_digits });
    const audit = await t.db('audit_log').where({ entity_id: target.id, action: 'customer.merge' }).first();
    expect(audit.metadata.filledFromSource).toEqual(expect.arrayContaining(['email', 'phone', 'occupation', 'national_id_masked']));
    expect(JSON.stringify(audit.changes)).not.toContain(sourceRow.national_id_ciphertext);
  });

  it('leaves both customers unchanged when any part fails (one transaction)', async () => {
    const { target, source } = await pair();
    failMerge = true;
    await request(t.app).post(`/api/customers/${target.id}/merge`).set(manager.auth).set('If-Match', '"1"').send({ sourceId: source.id }).expect(500);
    expect((await t.db('customers').where({ id: source.id }).first()).status).toBe('prospect');
    expect(await t.db('kyc_verifications').where({ customer_id: source.id })).toHaveLength(1);
    expect(await t.db('probe_customer_notes').where({ customer_id: source.id })).toHaveLength(1);
    expect((await t.db('customers').where({ id: target.id }).first()).version).toBe(1);
  });

  it('is for managers and admins only, and refuses merging a customer into itself', async () => {
    const { target, source } = await pair();
    await request(t.app).post(`/api/customers/${target.id}/merge`).set(agent.auth).set('If-Match', '"1"').send({ sourceId: source.id }).expect(403);
    expect((await request(t.app).post(`/api/customers/${target.id}/merge`).set(manager.auth).set('If-Match', '"1"').send({ sourceId: target.id }).expect(409)).body.code).toBe(
      'INVALID_MERGE',
    );
  });
});

describe('360° overview', () => {
  it('shows profile, KYC, risk, lifetime value and the sections other modules register', async () => {
    const { customer } = await makeCustomer(t.app, agent, north, { nationalId: '111-22-3333' });
    await t.db('probe_customer_notes').insert([
      { customer_id: customer.id, text: 'First call' },
      { customer_id: customer.id, text: 'Second call' },
    ]);
    const res = await request(t.app).get(`/api/customers/${customer.id}/overview`).set(agent.auth).expect(200);
    expect(res.body.customer).toMatchObject({ id: customer.id, nationalIdMasked: '***-**-3333' });
    expect(res.body.kyc.status).toBe('not_started');
    expect(res.body.risk.factors.reduce((s: number, f: { points: number }) => s + f.points, 0)).toBe(res.body.risk.score);
    // premiums paid − claims paid + expected future premiums
    expect(res.body.lifetimeValue).toEqual({ amount: 240_00 - 50_00 + 10_00, premiumsPaid: 240_00, claimsPaid: 50_00, expectedFuturePremiums: 10_00, currency: 'USD' });
    expect(res.body.sections.notes).toEqual({ title: 'Notes', count: 2, items: [{ text: 'Second call' }, { text: 'First call' }] });
    expect(await t.db('audit_log').where({ entity_id: customer.id, action: 'customer.sensitive_read' }).whereRaw("metadata->>'what' = 'overview'")).toHaveLength(1);
  });
});
