// Issue 21: customers are a realm of their own — a customer token is refused by every staff route and
// a staff token by every portal route, whatever the route (walked from the app's registered routes);
// a customer sees only their own records (another customer's id on any portal route is a 404); what
// a customer does is audited with the customer as actor and shows on the staff side.
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { billingWorld, type BillingWorld } from '../../billing/__tests__/billing-fixtures';
import { InvoiceService } from '../../billing/invoices.service';
import { PORTAL_TEST_ENV, numberOf, registeredCustomer, type PortalCustomer } from './portal-fixtures';

let w: BillingWorld;
let alice: PortalCustomer;
let bob: PortalCustomer;
let staff: { Authorization: string };

beforeAll(async () => {
  w = await billingWorld('portal_records', { env: PORTAL_TEST_ENV });
  alice = await registeredCustomer(w);
  bob = await registeredCustomer(w);
  // The daily job raises the first installments' invoices (due now).
  await new InvoiceService(w.t.db, w.t.clock, w.ledger, w.t.services.audit, w.t.services.customerProfiles, w.t.config.invoiceLeadDays).raiseDue();
  staff = w.admin.auth as { Authorization: string };
});
afterAll(() => w.close());

const ANY_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (path: string, fill: (param: string) => string = () => ANY_ID) => path.replace(/:([A-Za-z0-9_]+)/g, (_m, p: string) => fill(p));
const send = (method: string, path: string, auth: Record<string, string>) => {
  const r = request(w.t.app)[method as 'get'](path).set(auth);
  return method === 'get' ? r : r.send({});
};

describe('realm separation, on every registered route', () => {
  it('refuses a customer token on every staff route (401), whatever the route', async () => {
    const staffRoutes = w.t.routes.filter((r) => r.path.startsWith('/api/') && r.access !== 'public' && r.access !== 'customer');
    expect(staffRoutes.length).toBeGreaterThan(100);
    const accepted: string[] = [];
    for (const r of staffRoutes) {
      const res = await send(r.method, concrete(r.path), alice.auth);
      if (res.status !== 401) accepted.push(`${r.method.toUpperCase()} ${r.path} → ${res.status}`);
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a staff token (even an administrator’s) on every portal route (401)', async () => {
    const portalRoutes = w.t.routes.filter((r) => r.access === 'customer');
    expect(portalRoutes.length).toBeGreaterThanOrEqual(8);
    for (const r of portalRoutes) {
      const res = await send(r.method, concrete(r.path), staff);
      expect([`${r.method} ${r.path}`, res.status, res.body.code]).toEqual([`${r.method} ${r.path}`, 401, 'PORTAL_TOKEN_INVALID']);
    }
  });

  it('every non-public route under /api/portal is a customer route, and the document says which realm', async () => {
    const doc = w.t.openApiDocument() as unknown as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    for (const r of w.t.routes.filter((x) => x.path.startsWith('/api/portal/') && x.access !== 'public')) expect(r.access).toBe('customer');
    expect(doc.paths['/api/portal/home']!.get!.security).toEqual([{ portalBearerAuth: [] }]);
    expect(doc.paths['/api/customers/{id}']!.get!.security).toEqual([{ bearerAuth: [] }]);
  });

  it("refuses Alice's own claims signed with the staff key: the realms' keys differ", async () => {
    const claims = jwt.decode(alice.accessToken) as jwt.JwtPayload;
    const staffKey = crypto.createSecretKey(Buffer.from(w.t.config.secrets.jwtSigningKey!, 'base64'));
    const forged = jwt.sign(claims, staffKey, { algorithm: 'HS256' });
    expect((await request(w.t.app).get('/api/portal/home').set('Authorization', `Bearer ${forged}`).expect(401)).body.code).toBe('PORTAL_TOKEN_INVALID');
    // The genuine token still works.
    await request(w.t.app).get('/api/portal/home').set(alice.auth).expect(200);
  });
});

describe('a customer sees only their own records', () => {
  /** Bob's record of each kind a portal path names. */
  async function bobsIds() {
    const policy = (await request(w.t.app).get(`/api/portal/policies/${bob.issued.policy.id}`).set(bob.auth).expect(200)).body;
    const invoices = (await request(w.t.app).get('/api/portal/invoices').set(bob.auth).expect(200)).body.items;
    const documents = (await request(w.t.app).get('/api/portal/documents').set(bob.auth).expect(200)).body.items;
    expect(invoices.length).toBeGreaterThan(0);
    expect(documents.length).toBeGreaterThan(0);
    return { policy: policy.id as string, invoice: invoices[0].id as string, document: documents[0].id as string };
  }

  it("answers 404 for Bob's ids on every portal route that takes one, when Alice asks", async () => {
    const ids = await bobsIds();
    const withParams = w.t.routes.filter((r) => r.access === 'customer' && r.path.includes(':'));
    expect(withParams.length).toBeGreaterThanOrEqual(4);
    const kindOf = (path: string) =>
      path.startsWith('/api/portal/policies') ? 'policy' : path.startsWith('/api/portal/invoices') ? 'invoice' : path.startsWith('/api/portal/documents') ? 'document' : undefined;
    for (const r of withParams) {
      const kind = kindOf(r.path);
      expect([r.path, kind]).toEqual([r.path, expect.any(String)]); // a new route must be added to this walk
      const bobsPath = concrete(r.path, () => ids[kind!]);
      // Alice gets the same answer as for an id that does not exist; then Bob reaches it (a payment
      // route pays: 201 — it runs after Alice's attempt, so hers would have found it open).
      const key = { Authorization: '', 'Idempotency-Key': crypto.randomUUID() };
      const as = (who: PortalCustomer) => (r.method === 'get' ? who.auth : { ...key, Authorization: who.auth.Authorization });
      const res = await send(r.method, bobsPath, as(alice));
      expect([bobsPath, res.status]).toEqual([bobsPath, 404]);
      expect((await send(r.method, concrete(r.path), as(alice))).status).toBe(404);
      expect([bobsPath, (await send(r.method, bobsPath, as(bob))).status]).toEqual([bobsPath, r.method === 'get' ? 200 : 201]);
    }
  });

  it("never lists Bob's records in Alice's lists", async () => {
    const ids = await bobsIds();
    for (const path of ['/api/portal/home', '/api/portal/policies', '/api/portal/invoices', '/api/portal/payments', '/api/portal/documents']) {
      const body = JSON.stringify((await request(w.t.app).get(path).set(alice.auth).expect(200)).body);
      for (const id of Object.values(ids)) expect([path, body.includes(id)]).toEqual([path, false]);
      expect(body).not.toContain(bob.customerId);
    }
  });
});

describe('home, policy, schedule, invoices, payments', () => {
  it("shows Alice's policy, her next invoice and no open claims or requests", async () => {
    const home = (await request(w.t.app).get('/api/portal/home').set(alice.auth).expect(200)).body;
    expect(home.customer).toMatchObject({ customerId: alice.customerId, username: alice.username });
    expect(home.policies).toEqual([expect.objectContaining({ id: alice.issued.policy.id, policyNumber: numberOf(alice.issued), status: 'active' })]);
    expect(home.nextInvoice).toMatchObject({ policyNumber: numberOf(alice.issued), openAmount: expect.any(Number) });
    expect(home.nextInvoice.openAmount).toBeGreaterThan(0);
    expect(home.openClaims).toEqual([]);
    expect(home.openRequests).toEqual([]);
  });

  it('shows the terms in force today and downloads the current schedule PDF', async () => {
    const policy = (await request(w.t.app).get(`/api/portal/policies/${alice.issued.policy.id}`).set(alice.auth).expect(200)).body;
    expect(policy.terms).toMatchObject({ version: 1, coverages: expect.arrayContaining([expect.objectContaining({ code: 'DEATH' })]) });
    expect(policy.schedule).toMatchObject({ version: 1, documentId: expect.any(String) });
    const pdf = await request(w.t.app)
      .get(`/api/portal/policies/${alice.issued.policy.id}/schedule`)
      .set(alice.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lists invoices with their open amounts and the payments', async () => {
    const invoices = (await request(w.t.app).get('/api/portal/invoices').set(alice.auth).expect(200)).body.items;
    expect(invoices.length).toBeGreaterThan(0);
    for (const i of invoices) expect(i).toMatchObject({ policyNumber: numberOf(alice.issued), currency: 'USD' });
    const one = (await request(w.t.app).get(`/api/portal/invoices/${invoices[0].id}`).set(alice.auth).expect(200)).body;
    expect(one).toEqual(invoices[0]);
    expect((await request(w.t.app).get('/api/portal/payments').set(alice.auth).expect(200)).body).toEqual({ items: expect.any(Array) });
  });
});

describe('audit: the customer is the actor, and staff see it on the customer', () => {
  it("records Alice's registration, login and reads under her customer record, with her as actor", async () => {
    await request(w.t.app).get('/api/portal/home').set(alice.auth).expect(200);
    const trail = (await request(w.t.app).get('/api/audit').query({ entityType: 'customer', entityId: alice.customerId, limit: 100 }).set(staff).expect(200)).body.items;
    const byCustomer = trail.filter((e: { actorRole: string }) => e.actorRole === 'customer');
    expect(byCustomer.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['portal.register', 'portal.view']));
    for (const e of byCustomer) expect(e).toMatchObject({ actorUserId: null, actorCustomerId: alice.customerId, actorName: expect.any(String), branchId: w.branch });
    // A branch manager sees it in the customer's history too (branch scoped as staff entries are).
    const manager = await w.as('manager');
    const seen = (await request(w.t.app).get('/api/audit').query({ entityType: 'customer', entityId: alice.customerId, action: 'portal.register' }).set(manager.auth).expect(200))
      .body.items;
    expect(seen).toHaveLength(1);
  });
});
