// The overdue worklist (GET /api/billing/overdue): one row per policy of the caller's branches with
// overdue invoices, most days past due first, with the customer, the overdue amount and the last
// contact; filters; keyset paging without duplicates; forged cursors refused. Policies are issued
// through the real approval on different days, then the invoice and overdue jobs run: a database of
// its own.
import crypto from 'node:crypto';
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import type { TestApp } from '../../../../test/support/test-app';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { InvoiceService } from '../invoices.service';
import { billingWorld, type BillingWorld, type IssuedPolicy } from './billing-fixtures';

let w: BillingWorld;
let t: TestApp;
let invoices: InvoiceService;
/** Issued 2027-01-10, 01-20, 02-05, 02-05; `other` 01-10 in another branch. Today 2027-03-01. */
let p1: IssuedPolicy, p2: IssuedPolicy, p3: IssuedPolicy, p4: IssuedPolicy, other: IssuedPolicy;
const TODAY = '2027-03-01';

interface Row {
  policyId: string;
  policyNumber: string;
  customer: { id: string; customerNumber: string; name: string };
  branchId: string;
  currency: string;
  overdueAmount: number;
  overdueSince: string;
  daysPastDue: number;
  overdueInvoices: number;
  lastContact: { at: string; kind: string; summary: string } | null;
}

beforeAll(async () => {
  w = await billingWorld('policydesk_overdue', { startAt: '2027-01-10T10:00:00Z' });
  t = w.t;
  invoices = new InvoiceService(t.db, t.clock, w.ledger, t.services.audit, t.services.customerProfiles, 14);
  p1 = await w.issuedPolicy();
  other = await w.issuedPolicy({ branchId: w.otherBranch });
  t.clock.set('2027-01-20T10:00:00Z');
  p2 = await w.issuedPolicy();
  t.clock.set('2027-02-05T10:00:00Z');
  p3 = await w.issuedPolicy();
  p4 = await w.issuedPolicy();
  t.clock.set(`${TODAY}T10:00:00Z`);
  await invoices.raiseDue();
  await invoices.markOverdue();
}, PROCESS_TEST_TIMEOUT_MS * 2);
afterAll(() => w.close());

const list = (session: Session, query: Record<string, string | number> = {}) => request(t.app).get('/api/billing/overdue').query(query).set(session.auth);
const ours = (rows: Row[]) => rows.filter((r) => [p1, p2, p3, p4, other].some((p) => p.policy.id === r.policyId));

/** Every row, page by page (`limit` per page), checking each page's shape on the way. */
async function allPages(session: Session, query: Record<string, string | number>, limit: number): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const res = await list(session, { ...query, limit, ...(cursor ? { cursor } : {}) }).expect(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    rows.push(...res.body.items);
    cursor = res.body.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 100);
  return { rows, pages };
}

describe('the overdue worklist', () => {
  it("lists the branch's policies with overdue invoices, most days past due first: policy, customer, days, amount, invoices", async () => {
    const agent = await w.as('agent');
    const res = await list(agent, { limit: 100 }).expect(200);
    const rows = ours(res.body.items);
    expect(rows.map((r) => r.policyId)).toEqual([p1.policy.id, p2.policy.id, ...[p3.policy.id, p4.policy.id].sort()]);

    const [r1, r2, r3] = rows as [Row, Row, Row];
    const billing1 = await w.billingOf(agent, p1.policy.id);
    expect(r1).toEqual({
      policyId: p1.policy.id,
      policyNumber: p1.policy.policyNumber,
      customer: { id: p1.customer.id, customerNumber: p1.customer.customerNumber, name: `${p1.customer.firstName} ${p1.customer.lastName}` },
      branchId: w.branch,
      currency: 'USD',
      overdueAmount: billing1.overdueAmount,
      overdueSince: '2027-01-10',
      daysPastDue: 50,
      overdueInvoices: 2,
      lastContact: null,
    });
    expect(billing1.overdueSince).toBe('2027-01-10');
    expect(r2).toMatchObject({ overdueSince: '2027-01-20', daysPastDue: 40, overdueInvoices: 2, overdueAmount: (await w.billingOf(agent, p2.policy.id)).overdueAmount });
    expect(r3).toMatchObject({ overdueSince: '2027-02-05', daysPastDue: 24, overdueInvoices: 1 });
    // The March invoice of p1 is raised but not yet due: not overdue, not counted.
    expect(billing1.amountDue).toBeGreaterThan(billing1.overdueAmount);
  });

  it("never shows another branch's policies (not even when asked for that branch or customer); an admin sees every branch's", async () => {
    const agent = await w.as('agent');
    const all = (await list(agent, { limit: 100 }).expect(200)).body.items as Row[];
    expect(all.every((r) => r.branchId === w.branch)).toBe(true);
    expect(all.some((r) => r.policyId === other.policy.id)).toBe(false);
    expect((await list(agent, { branchId: w.otherBranch }).expect(200)).body.items).toEqual([]);
    expect((await list(agent, { customerId: other.customer.id }).expect(200)).body.items).toEqual([]);
    // The policy itself is 404 to the agent.
    await request(t.app).get(`/api/policies/${other.policy.id}/billing`).set(agent.auth).expect(404);

    const otherAgent = await w.as('agent', w.otherBranch);
    expect(ours((await list(otherAgent, { limit: 100 }).expect(200)).body.items).map((r) => r.policyId)).toEqual([other.policy.id]);
    const admin = await w.as('admin');
    const both = ours((await list(admin, { limit: 100 }).expect(200)).body.items).map((r) => r.policyId);
    expect(both).toEqual(expect.arrayContaining([p1.policy.id, other.policy.id]));
  });

  it('is for those who collect: an underwriter is refused (403)', async () => {
    const res = await list(await w.as('underwriter')).expect(403);
    expect(res.body.code).toBe('PERMISSION_DENIED');
  });

  it('filters by days past due, amount, product, customer and policy number', async () => {
    const agent = await w.as('agent');
    const ids = async (query: Record<string, string | number>) => ours((await list(agent, { limit: 100, ...query }).expect(200)).body.items).map((r) => r.policyId);
    expect(await ids({ daysFrom: 45 })).toEqual([p1.policy.id]);
    expect(await ids({ daysFrom: 40 })).toEqual([p1.policy.id, p2.policy.id]);
    expect((await ids({ daysTo: 30 })).sort()).toEqual([p3.policy.id, p4.policy.id].sort());
    expect(await ids({ daysFrom: 30, daysTo: 45 })).toEqual([p2.policy.id]);

    const amounts = ours((await list(agent, { limit: 100 }).expect(200)).body.items).map((r) => r.overdueAmount);
    const largest = Math.max(...amounts);
    const atLeastLargest = await ids({ amountMin: largest });
    expect(atLeastLargest.length).toBeGreaterThan(0);
    expect(atLeastLargest.length).toBeLessThan(4);
    expect(await ids({ amountMin: largest + 1 })).toEqual([]);

    expect((await ids({ productId: w.productId })).length).toBe(4);
    expect(await ids({ productId: crypto.randomUUID() })).toEqual([]);
    expect(await ids({ customerId: p2.customer.id })).toEqual([p2.policy.id]);
    const number = p3.policy.policyNumber as string;
    expect(await ids({ q: number })).toEqual([p3.policy.id]);
    expect(await ids({ q: number.slice(-4).toLowerCase() })).toEqual(expect.arrayContaining([p3.policy.id]));
    // LIKE wildcards are text, not patterns.
    expect(await ids({ q: '%' })).toEqual([]);
  });

  it('refuses nonsense filters with 400 naming the field', async () => {
    const agent = await w.as('agent');
    for (const [query, path] of [
      [{ daysFrom: 40, daysTo: 30 }, 'daysTo'],
      [{ daysFrom: 0 }, 'daysFrom'],
      [{ amountMin: -1 }, 'amountMin'],
      [{ amountMin: 'lots' }, 'amountMin'],
      [{ sort: 'name' }, 'sort'],
      [{ productId: 'x' }, 'productId'],
    ] as const) {
      const res = await list(agent, query).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: `query.${path}` })]));
    }
  });

  it.each([['-daysPastDue'], ['daysPastDue'], ['-amount'], ['amount']])('pages by keyset (sort %s): every row once, in order, the same as one big page', async (sort) => {
    const agent = await w.as('agent');
    const whole = (await list(agent, { sort, limit: 100 }).expect(200)).body.items as Row[];
    expect(whole.length).toBeGreaterThanOrEqual(4);
    const { rows, pages } = await allPages(agent, { sort }, 1);
    expect(pages).toBe(whole.length);
    expect(new Set(rows.map((r) => r.policyId)).size).toBe(rows.length);
    expect(rows.map((r) => r.policyId)).toEqual(whole.map((r) => r.policyId));
    const key = (r: Row) => (sort.endsWith('amount') ? r.overdueAmount : -r.daysPastDue);
    const keys = rows.map(key);
    const sorted = [...keys].sort((a, b) => (sort.startsWith('-') === sort.endsWith('amount') ? b - a : a - b));
    expect(keys).toEqual(sorted);
    // Filters hold across pages.
    const filtered = await allPages(agent, { sort, daysFrom: 30 }, 1);
    expect(filtered.rows.every((r) => r.daysPastDue >= 30)).toBe(true);
  });

  it('refuses a forged, foreign or tampered cursor with 400 INVALID_CURSOR', async () => {
    const agent = await w.as('agent');
    const first = (await list(agent, { limit: 1 }).expect(200)).body;
    expect(first.nextCursor).toEqual(expect.any(String));
    const payload = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8'));
    const forged = (v: unknown[]) => Buffer.from(JSON.stringify({ ...payload, v })).toString('base64url');
    for (const [cursor, query] of [
      ['not-a-cursor', {}],
      [first.nextCursor, { sort: '-amount' }], // made for another order
      [forged(['not a date', crypto.randomUUID()]), {}],
      [forged(['2027-01-10', 'not-a-uuid']), {}],
      [forged([{ sql: 1 }, crypto.randomUUID()]), {}],
    ] as const) {
      const res = await list(agent, { limit: 1, cursor, ...query }).expect(400);
      expect(res.body.code).toBe('INVALID_CURSOR');
    }
  });

  it('shows the last contact: the latest payment attempt until a later module (the service desk) contributes its own', async () => {
    const agent = await w.as('agent');
    const paid = (await w.pay(agent, { policyId: p2.policy.id, method: 'cash', amount: 10_00, currency: 'USD' }).expect(201)).body;
    const row = ours((await list(agent, { customerId: p2.customer.id }).expect(200)).body.items)[0]!;
    expect(row.lastContact).toEqual({ at: paid.createdAt, kind: 'payment_attempt', summary: `Payment ${paid.paymentNumber} by cash, succeeded` });
    // Partly paid: still overdue, by less.
    expect(row.overdueAmount).toBe((await w.billingOf(agent, p2.policy.id)).overdueAmount);

    // A module registering a last-contact contributor (as the service desk will): the latest contact wins.
    const later = new Date(Date.parse(paid.createdAt) + 60_000);
    t.services.customerExtensions.addLastContact({
      name: 'test-service-desk',
      load: async (_db, customerIds) =>
        new Map(customerIds.filter((id) => id === p2.customer.id).map((id) => [id, { at: later, kind: 'call', summary: 'Promised to pay Friday' }])),
    });
    const again = ours((await list(agent, { customerId: p2.customer.id }).expect(200)).body.items)[0]!;
    expect(again.lastContact).toEqual({ at: later.toISOString(), kind: 'call', summary: 'Promised to pay Friday' });
  });

  it('drops a policy once its overdue invoices are paid', async () => {
    const agent = await w.as('agent');
    const billing = await w.billingOf(agent, p4.policy.id);
    await w.pay(agent, { policyId: p4.policy.id, method: 'cash', amount: billing.overdueAmount, currency: 'USD' }).expect(201);
    const ids = ours((await list(agent, { limit: 100 }).expect(200)).body.items).map((r) => r.policyId);
    expect(ids).not.toContain(p4.policy.id);
    expect(ids).toContain(p3.policy.id);
  });
});
