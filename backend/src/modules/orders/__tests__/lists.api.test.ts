// The record lists as agents work them (issue 16): sortable with order-aware cursors, a count of
// results, and CSV exports for managers (orders, policies, exams). Each test works in a branch of its own.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { type Session, makeCustomer, sessionAs } from '../../../../test/support/factories';
import { orderFixtures } from './order-fixtures';

const t = appForFile();
// The same database, with exports cut at 2 rows (EXPORT_ROW_CAP).
const capped = appForFile({ env: { EXPORT_ROW_CAP: '2' } });
const f = orderFixtures(t);

const modest = [
  { code: 'DEATH', sumInsured: 250_000_00 },
  { code: 'ADB', sumInsured: 50_000_00 },
];
const smaller = [{ code: 'DEATH', sumInsured: 100_000_00 }];

type Row = Record<string, unknown> & { id: string };

/** Every row of a list, one page of `limit` at a time, and how many pages it took. */
async function walk(session: Session, path: string, query: Record<string, string | number>, limit = 2) {
  const rows: Row[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: request.Response = await request(t.app)
      .get(path)
      .set(session.auth)
      .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
      .expect(200);
    rows.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor);
  return { rows, pages };
}

const lastNames = (rows: Row[]) => rows.map((r) => (r.customer as { name: string }).name.split(' ').at(-1));
const tag = () => Math.random().toString(36).slice(2, 7);

/** CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('applications list', () => {
  let team: Awaited<ReturnType<typeof f.team>>;
  let manager: Session;
  const names = ['Zeller', 'Adams', 'Miller'].map((n) => `${n}${tag()}`);
  beforeAll(async () => {
    team = await f.team();
    manager = await sessionAs(t, 'manager', team.branch);
    // Created in the order Zeller, Adams, Miller; Adams' premium the smallest.
    for (const [i, lastName] of names.entries()) await f.draft(team.agent, team.branch, team.productId, { customer: { lastName }, coverages: i === 1 ? smaller : modest });
  });

  it('sorts by each column, across pages, both ways (customerName, -createdAt, orderNumber, annualPremium)', async () => {
    const byName = await walk(team.agent, '/api/orders', { sort: 'customerName' });
    expect(byName.pages).toBe(2);
    expect(lastNames(byName.rows)).toEqual([names[1], names[2], names[0]]);
    expect(lastNames((await walk(team.agent, '/api/orders', { sort: '-customerName' })).rows)).toEqual([names[0], names[2], names[1]]);
    expect(lastNames((await walk(team.agent, '/api/orders', { sort: '-createdAt' }, 1)).rows)).toEqual([names[2], names[1], names[0]]);
    expect(lastNames((await walk(team.agent, '/api/orders', {}, 1)).rows)).toEqual([names[2], names[1], names[0]]);
    const numbers = (await walk(team.agent, '/api/orders', { sort: 'orderNumber' })).rows.map((r) => r.orderNumber as string);
    expect(numbers).toEqual([...numbers].sort());
    const premiums = (await walk(team.agent, '/api/orders', { sort: 'annualPremium' })).rows.map((r) => r.annualPremium as number);
    expect(premiums[0]).toBeLessThan(premiums[2]!);
    expect(premiums).toEqual([...premiums].sort((a, b) => a - b));
  });

  it('refuses a cursor made for another sort, a forged cursor and an unknown sort (400)', async () => {
    const first = (await request(t.app).get('/api/orders').set(team.agent.auth).query({ sort: 'customerName', limit: 1 }).expect(200)).body;
    expect(first.nextCursor).toEqual(expect.any(String));
    const other = await request(t.app).get('/api/orders').set(team.agent.auth).query({ sort: '-createdAt', limit: 1, cursor: first.nextCursor }).expect(400);
    expect(other.body.code).toBe('INVALID_CURSOR');
    const reversed = await request(t.app).get('/api/orders').set(team.agent.auth).query({ sort: '-customerName', limit: 1, cursor: first.nextCursor }).expect(400);
    expect(reversed.body.code).toBe('INVALID_CURSOR');
    const decoded = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...decoded, v: [{ $gt: 1 }, 'x', 'y'] })).toString('base64url');
    expect((await request(t.app).get('/api/orders').set(team.agent.auth).query({ sort: 'customerName', cursor: forged }).expect(400)).body.code).toBe('INVALID_CURSOR');
    const wrongType = Buffer.from(JSON.stringify({ ...decoded, v: ['a', 'b', 'not-a-uuid'] })).toString('base64url');
    expect((await request(t.app).get('/api/orders').set(team.agent.auth).query({ sort: 'customerName', cursor: wrongType }).expect(400)).body.code).toBe('INVALID_CURSOR');
    const unknown = await request(t.app).get('/api/orders').set(team.agent.auth).query({ sort: 'agentName' }).expect(400);
    expect(unknown.body.errors[0].path).toBe('query.sort');
  });

  it('says how many there are, the same on every page, filtered as the list is', async () => {
    const first = (await request(t.app).get('/api/orders').set(team.agent.auth).query({ limit: 1 }).expect(200)).body;
    expect(first.total).toEqual({ count: 3, more: false });
    const second = (await request(t.app).get('/api/orders').set(team.agent.auth).query({ limit: 1, cursor: first.nextCursor }).expect(200)).body;
    expect(second.total).toEqual({ count: 3, more: false });
    expect((await request(t.app).get('/api/orders').set(team.agent.auth).query({ status: 'submitted' }).expect(200)).body.total).toEqual({ count: 0, more: false });
  });

  it('exports as CSV for a manager, with the list filters and sort, audited with the filter and row count', async () => {
    const res = await request(t.app).get('/api/orders/export').set(manager.auth).query({ sort: 'customerName', status: 'draft' }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?policydesk-applications-\d{4}-\d{2}-\d{2}\.csv/);
    expect(res.headers['x-export-truncated']).toBe('false');
    expect(res.headers['x-export-rows']).toBe('3');
    const rows = parseCsv(res.text);
    expect(rows[0]!.slice(0, 4)).toEqual(['orderNumber', 'status', 'customerNumber', 'customerName']);
    expect(rows.slice(1).map((r) => r[3]!.split(' ').at(-1))).toEqual([names[1], names[2], names[0]]);
    expect(rows.slice(1).every((r) => r[1] === 'draft')).toBe(true);
    const audit = await t.db('audit_log').where({ action: 'order.export', branch_id: team.branch }).orderBy('id', 'desc').first();
    expect(audit.metadata).toEqual({ filter: { sort: 'customerName', status: 'draft' }, rows: 3, truncated: false });
  });

  it('refuses the export to agents (403) and cuts it at the cap, saying so', async () => {
    expect((await request(t.app).get('/api/orders/export').set(team.agent.auth).expect(403)).body.code).toBe('PERMISSION_DENIED');
    const res = await request(capped.app).get('/api/orders/export').set(manager.auth).expect(200);
    expect(res.headers['x-export-truncated']).toBe('true');
    expect(res.headers['x-export-rows']).toBe('2');
    expect(parseCsv(res.text)).toHaveLength(3);
    const audit = await t.db('audit_log').where({ action: 'order.export', branch_id: team.branch }).orderBy('id', 'desc').first();
    expect(audit.metadata).toMatchObject({ rows: 2, truncated: true });
  });
});

describe('exam worklist', () => {
  let team: Awaited<ReturnType<typeof f.team>>;
  let manager: Session;
  let exams: Row[];
  beforeAll(async () => {
    team = await f.team();
    manager = await sessionAs(t, 'manager', team.branch);
    // Two applicants of 55: three exams each, due in a few days.
    for (const lastName of [`Ng${tag()}`, `Abbott${tag()}`]) await f.draft(team.agent, team.branch, team.productId, { age: 55, customer: { lastName } });
    exams = (await request(t.app).get('/api/exams').set(manager.auth).query({ limit: 100 }).expect(200)).body.items;
    expect(exams).toHaveLength(6);
    const [late, later, waived, ordered] = exams as [Row, Row, Row, Row];
    // Backdated due dates (the clock has moved on for these two), as the app itself cannot.
    const day = (n: number) => new Date(Date.parse(`${t.clock.businessDate()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    await t
      .ownerDb('order_exams')
      .where({ id: later.id })
      .update({ due_on: day(-2) });
    await t
      .ownerDb('order_exams')
      .where({ id: late.id })
      .update({ due_on: day(-9) });
    await t
      .ownerDb('order_exams')
      .where({ id: waived.id })
      .update({ due_on: day(-30) });
    await request(t.app)
      .post(`/api/exams/${waived.id}/waive`)
      .set(team.underwriter.auth)
      .set('If-Match', `"${waived.version}"`)
      .send({ reason: 'Recent results on file' })
      .expect(200);
    const partners = (await request(t.app).get('/api/exams/lab-partners').set(team.agent.auth).expect(200)).body.items;
    await request(t.app)
      .post(`/api/exams/${ordered.id}/order`)
      .set(team.agent.auth)
      .set('If-Match', `"${ordered.version}"`)
      .send({ labPartner: partners[0], labOrderReference: '=HYPERLINK("http://x")' })
      .expect(200);
  });

  it('puts overdue exams first (oldest due first), then the rest by due date, finished ones last; finished=false hides them', async () => {
    const [late, later, waived] = exams as [Row, Row, Row];
    const { rows, pages } = await walk(manager, '/api/exams', {}, 2);
    expect(pages).toBe(3);
    expect(rows.map((r) => r.id).slice(0, 2)).toEqual([late.id, later.id]);
    expect(rows.slice(0, 2).every((r) => r.overdue)).toBe(true);
    expect(rows.at(-1)!.id).toBe(waived.id);
    const middle = rows.slice(2, 5).map((r) => r.dueOn as string);
    expect(middle).toEqual([...middle].sort());
    expect(rows.slice(2, 5).every((r) => !r.overdue)).toBe(true);

    const open = await walk(manager, '/api/exams', { finished: 'false' }, 2);
    expect(open.rows.map((r) => r.id)).toEqual(rows.slice(0, 5).map((r) => r.id));
    expect((await request(t.app).get('/api/exams').set(manager.auth).query({ finished: 'false' }).expect(200)).body.total).toEqual({ count: 5, more: false });
    expect((await request(t.app).get('/api/exams').set(manager.auth).query({ finished: 'true' }).expect(200)).body.items.map((r: Row) => r.id)).toEqual([waived.id]);
  });

  it('sorts by customer name and due date across pages; a cursor of one sort is refused under another', async () => {
    const byName = (await walk(manager, '/api/exams', { sort: '-customerName' }, 4)).rows.map((r) => (r.customer as { name: string }).name);
    expect(byName).toEqual([...byName].sort((a, b) => b.split(' ').at(-1)!.localeCompare(a.split(' ').at(-1)!)));
    const due = (await walk(manager, '/api/exams', { sort: 'dueOn' }, 4)).rows.map((r) => r.dueOn as string);
    expect(due).toEqual([...due].sort());
    const first = (await request(t.app).get('/api/exams').set(manager.auth).query({ limit: 1 }).expect(200)).body;
    expect((await request(t.app).get('/api/exams').set(manager.auth).query({ sort: 'dueOn', cursor: first.nextCursor }).expect(400)).body.code).toBe('INVALID_CURSOR');
  });

  it('exports as CSV in worklist order for managers only, escaping formulas, audited', async () => {
    await request(t.app).get('/api/exams/export').set(team.agent.auth).expect(403);
    const res = await request(t.app).get('/api/exams/export').set(manager.auth).expect(200);
    const rows = parseCsv(res.text);
    expect(rows).toHaveLength(7);
    const header = rows[0]!;
    const ref = rows
      .slice(1)
      .map((r) => r[header.indexOf('labOrderReference')])
      .find(Boolean);
    // A cell a spreadsheet would run as a formula starts with an apostrophe; quotes are doubled inside a quoted cell.
    expect(ref).toBe(`'=HYPERLINK("http://x")`);
    expect(res.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(rows.at(-1)![header.indexOf('status')]).toBe('waived');
    const audit = await t.db('audit_log').where({ action: 'exam.export', branch_id: team.branch }).first();
    expect(audit.metadata).toEqual({ filter: { sort: 'urgency' }, rows: 6, truncated: false });
  });
});

describe('customer list', () => {
  it('sorts by name, number and creation across pages, with a count; a name search with a sort is ordered by it', async () => {
    const team = await f.team();
    const stem = `Sortable${tag()}`;
    for (const suffix of ['c', 'a', 'b']) await makeCustomer(t.app, team.agent, team.branch, { lastName: `${stem}${suffix}` });
    const byName = await walk(team.agent, '/api/customers', { branchId: team.branch, sort: '-name' });
    expect(byName.rows.map((r) => r.lastName)).toEqual([`${stem}c`, `${stem}b`, `${stem}a`]);
    const byNumber = (await walk(team.agent, '/api/customers', { branchId: team.branch, sort: 'customerNumber' })).rows.map((r) => r.customerNumber as string);
    expect(byNumber).toEqual([...byNumber].sort());
    const byCreation = (await walk(team.agent, '/api/customers', { branchId: team.branch, sort: '-createdAt' })).rows.map((r) => r.lastName);
    expect(byCreation).toEqual([`${stem}b`, `${stem}a`, `${stem}c`]);
    const first = (await request(t.app).get('/api/customers').set(team.agent.auth).query({ branchId: team.branch, limit: 1 }).expect(200)).body;
    expect(first.total).toEqual({ count: 3, more: false });
    expect((await request(t.app).get('/api/customers').set(team.agent.auth).query({ branchId: team.branch, sort: '-name', cursor: first.nextCursor }).expect(400)).body.code).toBe(
      'INVALID_CURSOR',
    );
    const searched = await walk(team.agent, '/api/customers', { q: stem.toLowerCase(), sort: 'customerNumber' }, 1);
    expect(searched.rows.map((r) => r.customerNumber)).toEqual(byNumber);
  });
});

describe('underwriting queue', () => {
  it('sorts by customer name and sum insured both ways; high priority first by default', async () => {
    const team = await f.team();
    const big = [{ code: 'DEATH', sumInsured: 1_000_000_00 }];
    const names = [`Quinn${tag()}`, `Ayala${tag()}`];
    await f.submitted(team.agent, team.branch, team.productId, { customer: { lastName: names[0] }, coverages: smaller });
    await f.submitted(team.agent, team.branch, team.productId, { customer: { lastName: names[1] }, coverages: big });
    const queue = async (sort?: string) =>
      (
        await request(t.app)
          .get('/api/underwriting/queue')
          .set(team.underwriter.auth)
          .query({ branchId: team.branch, ...(sort ? { sort } : {}) })
          .expect(200)
      ).body.items as Row[];
    expect(lastNames(await queue('customerName'))).toEqual([names[1], names[0]]);
    expect(lastNames(await queue('-customerName'))).toEqual([names[0], names[1]]);
    expect(lastNames(await queue('sumInsured'))).toEqual([names[0], names[1]]);
    const byPriority = await queue();
    expect(byPriority.map((r) => r.priority)).toEqual(['high', 'normal']);
    expect((await request(t.app).get('/api/underwriting/queue').set(team.underwriter.auth).query({ branchId: team.branch, sort: 'premium' }).expect(400)).body.errors[0].path).toBe(
      'query.sort',
    );
  });
});
