// Breakdowns and drill-downs of the KPIs (issue 18) on a real PostgreSQL, against a small data set
// worked out by hand: a KPI cut by branch, product or agent side by side within the reader's scope
// (an agent only themselves; a South reader nothing of North), a dimension the KPI lacks refused
// with a stable code; the rows behind a figure, paged, adding up to it, scoped as it, and exported
// through the reports module's export jobs to CSV and Excel.
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';
import { exportReport, exportTestEnv, parseCsv, startJobSender } from '../../../../test/support/report-exports';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';

type Body = request.Response['body'];
let w: BillingWorld;
let agentA: { session: Session; userId: string };
let agentB: { session: Session; userId: string };
let agentC: { session: Session; userId: string };
let manager: Session;
let southManager: Session;
let admin: Session;
let north: IssuedPolicy;
let south: IssuedPolicy;
let productId: string;

// The company's time zone is America/New_York: March 2027 runs from 2027-03-01T05:00Z to 2027-04-01T04:00Z.
const MARCH = { from: '2027-03-01', to: '2027-03-31' };
const JUNE = { from: '2027-06-01', to: '2027-06-30' };

beforeAll(async () => {
  w = await billingWorld('policydesk_kpi_drill', { startAt: '2027-07-01T15:00:00Z', env: { BUSINESS_TIMEZONE: 'America/New_York', ...exportTestEnv('kpi-drill') } });
  await startJobSender(w.t);
  agentA = await w.userAs('agent');
  agentB = await w.userAs('agent');
  agentC = await w.userAs('agent', w.otherBranch);
  manager = await w.as('manager');
  southManager = await w.as('manager', w.otherBranch);
  admin = await w.as('admin');
  north = await w.issuedPolicy();
  south = await w.issuedPolicy({ branchId: w.otherBranch });
  productId = (await w.t.db('policies').where('id', north.policy.id).first('product_id')).product_id;

  // Inbound contacts in March: A (North) 4, 3 resolved on first contact; B (North) 2, 1 resolved;
  // C (South) 2, none resolved. A's contact at 2027-03-01T04:59Z is still 28 February in New York.
  const contact = (who: Session, occurredAt: string, resolved: boolean) =>
    request(w.t.app)
      .post('/api/interactions')
      .set(who.auth)
      .send({ channel: 'phone_inbound', contactPhone: '+12125550100', subject: 'A question', occurredAt, resolvedOnFirstContact: resolved })
      .expect(201);
  for (const [at, resolved] of [
    ['2027-03-01T05:00:00Z', true],
    ['2027-03-10T15:00:00Z', true],
    ['2027-03-20T15:00:00Z', true],
    ['2027-03-31T23:00:00Z', false],
    ['2027-03-01T04:59:00Z', true],
  ] as const)
    await contact(agentA.session, at, resolved);
  await contact(agentB.session, '2027-03-05T15:00:00Z', true);
  await contact(agentB.session, '2027-03-06T15:00:00Z', false);
  await contact(agentC.session, '2027-03-07T15:00:00Z', false);
  await contact(agentC.session, '2027-03-08T15:00:00Z', false);

  // The ledger in June 2027: North premium 1,000.00, a claim paid 300.00 and 50.00 more held in
  // reserve; South premium 500.00 and a claim paid 400.00.
  await w.t.db.transaction(async (trx) => {
    const post = (p: IssuedPolicy, n: number, description: string, debit: { kind: string; owner: string }, credit: { kind: string; owner: string }, amount: number) =>
      w.ledger.post(trx, {
        externalId: `kpi-drill:${p.policy.id}:${n}`,
        effectiveDate: '2027-06-15',
        sourceType: 'invoice',
        description,
        createdBy: null,
        policyId: p.policy.id,
        customerId: p.customer.id,
        branchId: p === north ? w.branch : w.otherBranch,
        postings: [
          { account: { ...debit, currency: 'USD' }, direction: 'debit', amount },
          { account: { ...credit, currency: 'USD' }, direction: 'credit', amount },
        ],
      } as Parameters<typeof w.ledger.post>[1]);
    const company = (kind: string) => ({ kind, owner: 'company' });
    await post(north, 1, 'North premium', { kind: 'premium_receivable', owner: north.policy.id }, company('premium_income'), 1_000_00);
    await post(north, 2, 'CL-N1: paid', company('claims_paid'), { kind: 'cash_clearing', owner: 'bank_transfer' }, 300_00);
    await post(north, 3, 'CL-N1: reserve raised', company('claims_incurred'), company('claims_reserve'), 50_00);
    await post(south, 1, 'South premium', { kind: 'premium_receivable', owner: south.policy.id }, company('premium_income'), 500_00);
    await post(south, 2, 'CL-S1: paid', company('claims_paid'), { kind: 'cash_clearing', owner: 'bank_transfer' }, 400_00);
  });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await w.t.jobs.stop(1_000);
  await w.close();
});

const breakdown = (session: Session, key: string, query: Record<string, string>) => request(w.t.app).get(`/api/analytics/kpis/${key}/breakdown`).set(session.auth).query(query);
const rows = (session: Session, key: string, query: Record<string, string | number>) => request(w.t.app).get(`/api/analytics/kpis/${key}/rows`).set(session.auth).query(query);
const kpi = async (session: Session, key: string, query: Record<string, string>) =>
  (await request(w.t.app).get('/api/analytics/kpis').set(session.auth).query(query).expect(200)).body.items.find((k: Body) => k.key === key);
const FCR = 'service.first-contact-resolution';
const LOSS = 'billing.loss-ratio';

/** A drill-down side from the rows: their count, or the sum of a column (only rows whose `where` column is true). */
const sideOf = (page: Body, items: Body[], side: 'numerator' | 'denominator' | 'value') => {
  const { column, where } = page.reconcile[side];
  const kept = items.filter((r: Body) => !where || r[where] === true);
  return column ? kept.reduce((sum: number, r: Body) => sum + Number(r[column]), 0) : kept.length;
};

describe('breakdowns', () => {
  it('cuts a KPI by agent within a manager’s branch: each agent’s figure side by side, nothing of South', async () => {
    const res = (await breakdown(manager, FCR, { ...MARCH, by: 'agent' }).expect(200)).body;
    expect(res).toMatchObject({ key: FCR, by: 'agent', unit: 'ratio', from: MARCH.from, to: MARCH.to });
    // North: (3 + 1) ÷ (4 + 2) = 0.6667; A 3 ÷ 4 = 0.75; B 1 ÷ 2 = 0.5. C (South) is not a member.
    expect(res.total).toMatchObject({ value: 0.6667, numerator: 4, denominator: 6 });
    const byId = Object.fromEntries(res.items.map((i: Body) => [i.id, i]));
    expect(Object.keys(byId).sort()).toEqual([agentA.userId, agentB.userId].sort());
    expect(byId[agentA.userId]).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, met: false });
    expect(byId[agentB.userId]).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(typeof byId[agentA.userId].name).toBe('string');
  });

  it('cuts a KPI by branch: every branch for an admin, only South for a South manager', async () => {
    // North 4 ÷ 6 = 0.6667; South 0 ÷ 2 = 0 (counted, none resolved).
    const all = (await breakdown(admin, FCR, { ...MARCH, by: 'branch' }).expect(200)).body;
    expect(all.total).toMatchObject({ value: 0.5, numerator: 4, denominator: 8 });
    expect(Object.fromEntries(all.items.map((i: Body) => [i.id, [i.numerator, i.denominator, i.value]]))).toEqual({
      [w.branch]: [4, 6, 0.6667],
      [w.otherBranch]: [0, 2, 0],
    });
    const southOnly = (await breakdown(southManager, FCR, { ...MARCH, by: 'branch' }).expect(200)).body;
    expect(southOnly.items.map((i: Body) => i.id)).toEqual([w.otherBranch]);
    expect(southOnly.total).toMatchObject({ numerator: 0, denominator: 2 });
    // A South reader asking for North: not found, as on the dashboard.
    await breakdown(southManager, FCR, { ...MARCH, by: 'branch', branchId: w.branch }).expect(404);
    const southAgents = (await breakdown(southManager, FCR, { ...MARCH, by: 'agent' }).expect(200)).body;
    expect(southAgents.items.map((i: Body) => i.id)).toEqual([agentC.userId]);
  });

  it('gives an agent only themselves, whichever dimension', async () => {
    const byAgent = (await breakdown(agentA.session, FCR, { ...MARCH, by: 'agent' }).expect(200)).body;
    expect(byAgent.items).toEqual([expect.objectContaining({ id: agentA.userId, value: 0.75, numerator: 3, denominator: 4 })]);
    const byBranch = (await breakdown(agentA.session, FCR, { ...MARCH, by: 'branch' }).expect(200)).body;
    // Their branch, counting their own contacts only: 3 ÷ 4.
    expect(byBranch.items).toEqual([expect.objectContaining({ id: w.branch, numerator: 3, denominator: 4 })]);
    await breakdown(agentA.session, FCR, { ...MARCH, by: 'agent', agentId: agentB.userId }).expect(404);
  });

  it('cuts the loss ratio by branch and product; by agent it is refused with a stable code', async () => {
    // North (300 + 50) ÷ 1,000 = 0.35; South 400 ÷ 500 = 0.8; all (750 ÷ 1,500) = 0.5.
    const byBranch = (await breakdown(admin, LOSS, { ...JUNE, by: 'branch' }).expect(200)).body;
    expect(byBranch.total).toMatchObject({ value: 0.5, numerator: 750_00, denominator: 1_500_00 });
    expect(Object.fromEntries(byBranch.items.map((i: Body) => [i.id, i.value]))).toEqual({ [w.branch]: 0.35, [w.otherBranch]: 0.8 });
    expect(byBranch.currency).toBe('USD');
    // Both policies were sold on the world's product: one member, the whole 0.5.
    const byProduct = (await breakdown(admin, LOSS, { ...JUNE, by: 'product' }).expect(200)).body;
    expect(byProduct.items).toEqual([expect.objectContaining({ id: productId, value: 0.5, numerator: 750_00, denominator: 1_500_00 })]);
    // The manager (North) by product: 0.35.
    expect((await breakdown(manager, LOSS, { ...JUNE, by: 'product' }).expect(200)).body.items).toEqual([expect.objectContaining({ id: productId, value: 0.35 })]);

    const refused = await breakdown(admin, LOSS, { ...JUNE, by: 'agent' }).expect(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('KPI_DIMENSION_UNAVAILABLE');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'by' })]);
    // First-contact resolution has no product.
    expect((await breakdown(admin, FCR, { ...MARCH, by: 'product' }).expect(400)).body.code).toBe('KPI_DIMENSION_UNAVAILABLE');
    expect((await breakdown(admin, FCR, { ...MARCH, by: 'region' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await breakdown(admin, 'nothing.here', { ...MARCH, by: 'branch' }).expect(404);
  });
});

describe('drill-down', () => {
  it('opens the contacts behind first-contact resolution, paged, adding up to the figure, nothing of South', async () => {
    const first = (await rows(manager, FCR, { ...MARCH, limit: 4 }).expect(200)).body;
    expect(first).toMatchObject({ key: FCR, report: 'analytics.rows-service-first-contact-resolution', reconcile: { numerator: { column: null, where: 'resolved' } } });
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await rows(manager, FCR, { ...MARCH, limit: 4, cursor: first.nextCursor }).expect(200)).body;
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    // 6 North contacts in March (the one at 04:59Z is February's), 4 resolved — the figure's 4 ÷ 6.
    const figure = await kpi(manager, FCR, MARCH);
    expect(sideOf(first, all, 'numerator')).toBe(4);
    expect(sideOf(first, all, 'denominator')).toBe(6);
    expect([figure.numerator, figure.denominator]).toEqual([4, 6]);
    expect(new Set(all.map((r: Body) => r.id)).size).toBe(6);
    expect(all.every((r: Body) => r.occurredAt >= '2027-03-01T05:00:00' && r.occurredAt < '2027-04-01T04:00:00')).toBe(true);

    // A South manager's drill-down holds only C's two contacts; an agent only their own four.
    const southRows = (await rows(southManager, FCR, MARCH).expect(200)).body.items;
    expect(southRows).toHaveLength(2);
    expect(new Set(southRows.map((r: Body) => r.agent)).size).toBe(1);
    const own = (await rows(agentA.session, FCR, MARCH).expect(200)).body;
    expect([sideOf(own, own.items, 'numerator'), sideOf(own, own.items, 'denominator')]).toEqual([3, 4]);
    await rows(southManager, FCR, { ...MARCH, branchId: w.branch }).expect(404);
    await rows(manager, FCR, { ...MARCH, cursor: 'not-a-cursor' }).expect(400);
  });

  it('opens the ledger entries behind the loss ratio: claims incurred and premium earned sum to its two sides', async () => {
    const north_ = (await rows(manager, LOSS, JUNE).expect(200)).body;
    // North: entries premium 1,000.00, claim paid 300.00, reserve 50.00 → incurred 350.00, earned 1,000.00.
    expect(north_.items).toHaveLength(3);
    expect(sideOf(north_, north_.items, 'numerator')).toBe(350_00);
    expect(sideOf(north_, north_.items, 'denominator')).toBe(1_000_00);
    const figure = await kpi(manager, LOSS, JUNE);
    expect([figure.numerator, figure.denominator]).toEqual([350_00, 1_000_00]);
    expect(north_.items.map((r: Body) => r.description).sort()).toEqual(['CL-N1: paid', 'CL-N1: reserve raised', 'North premium']);
    expect(north_.items.every((r: Body) => r.policy === north.policy.policyNumber && r.date === '2027-06-15' && r.currency === 'USD')).toBe(true);
    // Every branch: 750.00 ÷ 1,500.00 over five entries; the South manager sees South's two only.
    const all = (await rows(admin, LOSS, JUNE).expect(200)).body;
    expect([all.items.length, sideOf(all, all.items, 'numerator'), sideOf(all, all.items, 'denominator')]).toEqual([5, 750_00, 1_500_00]);
    const south_ = (await rows(southManager, LOSS, JUNE).expect(200)).body.items;
    expect(south_.map((r: Body) => r.description).sort()).toEqual(['CL-S1: paid', 'South premium']);
    // An agent may not read the ledger: the KPI, and so its rows, are not theirs.
    await rows(agentA.session, LOSS, JUNE).expect(404);
  });

  it('every KPI opens rows that add up to its figure (count or sum), for an admin and for a manager', async () => {
    for (const [session, period] of [
      [admin, MARCH],
      [admin, JUNE],
      [manager, { from: '2027-01-01', to: '2027-07-01' }],
    ] as const) {
      const list = (await request(w.t.app).get('/api/analytics/kpis').set(session.auth).query(period).expect(200)).body.items;
      expect(list.length).toBeGreaterThan(10);
      for (const figure of list) {
        const page = (await rows(session, figure.key, { ...period, limit: 500 }).expect(200)).body;
        expect(page.nextCursor).toBeNull();
        expect(page.columns.length).toBeGreaterThan(0);
        for (const side of ['value', 'numerator', 'denominator'] as const) {
          if (!page.reconcile[side]) continue;
          const expected = figure[side] ?? 0;
          // Hours are summed with two decimals in the figure.
          expect([figure.key, side, sideOf(page, page.items, side)]).toEqual([figure.key, side, expect.closeTo(expected, 1)]);
        }
      }
    }
  });

  it('exports the rows behind a figure to CSV and Excel through the report export jobs, scoped as the dashboard', async () => {
    const csv = await exportReport(w.t, southManager.auth, 'analytics.rows-billing-loss-ratio', { format: 'csv', params: JUNE });
    const lines = parseCsv(csv.file.toString('utf8'));
    expect(lines[0]).toEqual(['Date', 'Entry', 'Source', 'Description', 'Policy', 'Claims incurred', 'Premium earned', 'Currency']);
    // South's two entries only: claims 400.00, premium 500.00.
    expect(
      lines
        .slice(1)
        .map((l) => [l[3], l[5], l[6]])
        .sort(),
    ).toEqual([
      ['CL-S1: paid', '400.00', '0.00'],
      ['South premium', '0.00', '500.00'],
    ]);
    expect(csv.export.rowsWritten).toBe(2);

    const xlsx = await exportReport(w.t, manager.auth, 'analytics.rows-service-first-contact-resolution', { format: 'xlsx', params: { ...MARCH, agentId: agentB.userId } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.file as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    const header =
      cells(1).indexOf('Resolved on first contact') >= 0 ? 1 : [...Array(sheet.rowCount).keys()].map((i) => i + 1).find((n) => cells(n).includes('Resolved on first contact'))!;
    expect(cells(header)).toEqual(['When', 'Channel', 'Subject', 'Agent', 'Resolved on first contact']);
    // B's two March contacts: one resolved — the drill-down of the figure 1 ÷ 2.
    expect(xlsx.export.rowsWritten).toBe(2);
    const data = [cells(header + 1), cells(header + 2)];
    expect(data.map((r) => r[4]).sort()).toEqual([false, true]);
    // A South manager cannot export North's agent: the filter is refused like the dashboard's (the export fails, nothing written).
    const created = await request(w.t.app)
      .post('/api/reports/analytics.rows-service-first-contact-resolution/exports')
      .set(southManager.auth)
      .send({ format: 'csv', params: { ...MARCH, branchId: w.branch } })
      .expect(202);
    await w.t.jobs.runNow('reports.run-export', { exportId: created.body.id }).catch(() => undefined);
    const refused = (await request(w.t.app).get(`/api/reports/exports/${created.body.id}`).set(southManager.auth).expect(200)).body;
    expect(refused.status).not.toBe('done');
    expect(refused.rowsWritten).toBe(0);
  });
});

describe('daily snapshots', () => {
  it('snapshots each closed day once (two runs at once, then again: one row), and closed periods read them with the live figure', async () => {
    // Before any snapshot: live. June, every branch: 750.00 ÷ 1,500.00 = 0.5; North 350.00 ÷ 1,000.00 = 0.35.
    const liveAll = await kpi(admin, LOSS, JUNE);
    const liveNorth = await kpi(manager, LOSS, JUNE);
    const liveNew = await kpi(admin, 'policies.new-business-count', { from: '2027-06-01', to: '2027-06-30' });
    expect([liveAll.value, liveAll.numerator, liveAll.denominator]).toEqual([0.5, 750_00, 1_500_00]);
    expect([liveNorth.value, liveNorth.numerator]).toEqual([0.35, 350_00]);

    // Two instances run the nightly job at once, then it runs again the next minute: each closed day once.
    // Today is 2027-07-01 in New York: the days 92 back, 2027-03-31 .. 2027-06-30, are taken.
    await Promise.all([w.t.jobs.runNow('analytics.snapshot-kpis', {}), w.t.jobs.runNow('analytics.snapshot-kpis', {})]);
    await w.t.jobs.runNow('analytics.snapshot-kpis', {});
    const days = await w.t.db('kpi_snapshot_days').orderBy('day').select(w.t.db.raw('day::text AS day'));
    expect(days).toHaveLength(92);
    expect([days[0].day, days[91].day]).toEqual(['2027-03-31', '2027-06-30']);
    const june15 = await w.t.db('kpi_daily_snapshots').where({ kpi_key: LOSS, day: '2027-06-15', branch_id: w.branch });
    expect(june15).toHaveLength(1);
    // North on 15 June: incurred 350.00, earned 1,000.00.
    expect([Number(june15[0].numerator), Number(june15[0].denominator)]).toEqual([350_00, 1_000_00]);
    // Only additive KPIs are kept (not point-in-time ones such as the sums insured in force).
    expect(await w.t.db('kpi_daily_snapshots').where('kpi_key', 'policies.sum-insured-in-force').first()).toBeUndefined();

    // The same figures, now from the snapshots.
    expect(await kpi(admin, LOSS, JUNE)).toEqual(liveAll);
    expect(await kpi(manager, LOSS, JUNE)).toEqual(liveNorth);
    expect(await kpi(admin, 'policies.new-business-count', { from: '2027-06-01', to: '2027-06-30' })).toEqual(liveNew);

    // They are read from the snapshots: a changed snapshot changes the closed period's figure…
    await w.t.db('kpi_daily_snapshots').where({ kpi_key: LOSS, day: '2027-06-15', branch_id: w.branch }).update({ numerator: 360_00 });
    try {
      expect((await kpi(manager, LOSS, JUNE)).numerator).toBe(360_00);
      // …but not a period that reaches today (live), nor one narrowed to a product (live).
      expect((await kpi(manager, LOSS, { from: '2027-06-01', to: '2027-07-01' })).numerator).toBe(350_00);
      expect((await kpi(manager, LOSS, { ...JUNE, productId })).numerator).toBe(350_00);
    } finally {
      await w.t.db('kpi_daily_snapshots').where({ kpi_key: LOSS, day: '2027-06-15', branch_id: w.branch }).update({ numerator: 350_00 });
    }
    // A period reaching before the first snapshot (March) is computed live: the first-contact resolution of March, 4 ÷ 6 in North.
    expect(await kpi(manager, FCR, MARCH)).toMatchObject({ numerator: 4, denominator: 6 });
  });
});
