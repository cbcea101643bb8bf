import crypto from 'node:crypto';
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeCustomer, type Session, sessionAs } from '../../../../test/support/factories';
import { classifySearch } from '../search-query';

const t = appForFile();
let north: string;
let agent: Session;
let southAgent: Session;
// A surname unique to this run, so results are exactly what this file created.
const stem = `Wexford${Array.from(crypto.randomBytes(5), (b) => 'bcdfghjklmnpqrstvwxz'[b % 20]).join('')}`;
const made: Record<string, { id: string; customerNumber: string }> = {};

beforeAll(async () => {
  north = (await makeBranch(t.db)).id;
  const south = (await makeBranch(t.db)).id;
  agent = await sessionAs(t, 'agent', north);
  southAgent = await sessionAs(t, 'agent', south);
  const people: [string, string, Record<string, unknown>][] = [
    ['anna', 'Anna', { phone: '+1 (646) 555-0199', email: `anna.${stem.toLowerCase()}@example.com`, nationalId: '321-54-9876', postalCode: '94105' }],
    ['bert', 'Bert', { dateOfBirth: '1970-01-01' }],
    ['cleo', 'Cleo', {}],
  ];
  for (const [key, firstName, extra] of people) {
    const { postalCode, ...rest } = extra as { postalCode?: string };
    made[key] = (
      await makeCustomer(t.app, agent, north, {
        firstName,
        lastName: stem,
        ...rest,
        ...(postalCode ? { address: { line1: '1 Road', city: 'Town', postalCode, country: 'US' } } : {}),
      })
    ).customer;
  }
});

const search = (query: Record<string, string | number>, session = agent) => request(t.app).get('/api/customers').query(query).set(session.auth);
const ids = (res: request.Response) => res.body.items.map((c: { id: string }) => c.id);

describe('customer search', () => {
  it('finds by surname, ordered by name', async () => {
    const res = await search({ q: stem }).expect(200);
    expect(ids(res)).toEqual([made.anna!.id, made.bert!.id, made.cleo!.id]);
  });

  it('tolerates a typo in the name; every typed word must match', async () => {
    const typo = stem.slice(0, 3) + stem[4] + stem[3] + stem.slice(5); // two letters swapped
    expect(ids(await search({ q: typo }).expect(200))).toEqual([made.anna!.id, made.bert!.id, made.cleo!.id]);
    expect(ids(await search({ q: `cleo ${typo}` }).expect(200))).toEqual([made.cleo!.id]);
    expect(ids(await search({ q: `${typo} clea` }).expect(200))).toEqual([made.cleo!.id]);
  });

  it('finds by the beginning of a name', async () => {
    expect(ids(await search({ q: stem.slice(0, 9) }).expect(200))).toEqual([made.anna!.id, made.bert!.id, made.cleo!.id]);
    expect(ids(await search({ q: `ann ${stem.slice(0, 9)}` }).expect(200))).toEqual([made.anna!.id]);
  });

  it('ranks an exact match above a fuzzy one', async () => {
    const own = `Harrowgate${Array.from(crypto.randomBytes(5), (b) => 'bcdfghjklmnpqrstvwxz'[b % 20]).join('')}`;
    const near = `${own.slice(0, -1)}${own.endsWith('z') ? 'x' : 'z'}`; // one letter off
    const fuzzy = (await makeCustomer(t.app, agent, north, { firstName: 'Ezra', lastName: near })).customer;
    const exact = (await makeCustomer(t.app, agent, north, { firstName: 'Fern', lastName: own })).customer;
    expect(ids(await search({ q: own }).expect(200))).toEqual([exact.id, fuzzy.id]);
  });

  it('finds by a phone fragment whatever its formatting', async () => {
    expect(ids(await search({ q: '(646) 555-01' }).expect(200))).toContain(made.anna!.id);
    expect(ids(await search({ q: '6465550199' }).expect(200))).toContain(made.anna!.id);
  });

  it('finds by customer number and by email', async () => {
    expect(ids(await search({ q: made.bert!.customerNumber }).expect(200))).toEqual([made.bert!.id]);
    expect(ids(await search({ q: made.bert!.customerNumber.replace('C-', 'c') }).expect(200))).toEqual([made.bert!.id]);
    expect(ids(await search({ q: `anna.${stem.toLowerCase()}@` }).expect(200))).toEqual([made.anna!.id]);
  });

  it('combines q with filters (date of birth, postal code, status, branch)', async () => {
    expect(ids(await search({ q: stem, dateOfBirth: '1970-01-01' }).expect(200))).toEqual([made.bert!.id]);
    expect(ids(await search({ q: stem, postalCode: '94105' }).expect(200))).toEqual([made.anna!.id]);
    expect(ids(await search({ q: stem, status: 'active' }).expect(200))).toEqual([]);
    expect(ids(await search({ q: stem, kycStatus: 'not_started', branchId: north }).expect(200))).toHaveLength(3);
  });

  it('pages with a cursor', async () => {
    const first = await search({ q: stem, limit: 2 }).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await search({ q: stem, limit: 2, cursor: first.body.nextCursor }).expect(200);
    expect([...ids(first), ...ids(second)]).toEqual([made.anna!.id, made.bert!.id, made.cleo!.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('searches the national id only in a POST body, whatever its formatting', async () => {
    const res = await request(t.app).post('/api/customers/search').set(agent.auth).send({ nationalId: '321 54 9876' }).expect(200);
    expect(ids(res)).toEqual([made.anna!.id]);
    const unknownField = await search({ q: stem, nationalId: '321-54-9876' }).expect(400);
    expect(unknownField.body.errors).toEqual([{ path: 'query.nationalId', message: 'Unknown field' }]);
  });

  it('refuses a one-character search without a filter (400), allows it with one', async () => {
    expect((await search({ q: 'a' }).expect(400)).body.code).toBe('SEARCH_TOO_BROAD');
    await search({ q: 'a', branchId: north }).expect(200);
  });

  it('leaves merged records out unless asked for by status', async () => {
    const manager = (await loggedIn(t.app, t.db, { role: 'manager', branchId: north, managedBranchIds: [north] })).session;
    const twin = (await makeCustomer(t.app, agent, north, { firstName: 'Anna', lastName: stem, confirmNotDuplicate: true })).customer;
    await request(t.app)
      .post(`/api/customers/${made.anna!.id}/merge`)
      .set(manager.auth)
      .set('If-Match', `"${(await t.db('customers').where({ id: made.anna!.id }).first()).version}"`)
      .send({ sourceId: twin.id })
      .expect(200);
    expect(ids(await search({ q: stem }).expect(200))).not.toContain(twin.id);
    expect(ids(await search({ q: stem, status: 'merged' }).expect(200))).toEqual([twin.id]);
    expect(ids(await search({ q: `anna ${stem}`, status: 'merged' }).expect(200))).toEqual([twin.id]);
  });

  it('never shows another branch’s customers', async () => {
    expect((await search({ q: stem }, southAgent).expect(200)).body.items).toEqual([]);
    expect((await request(t.app).post('/api/customers/search').set(southAgent.auth).send({ nationalId: '321-54-9876' }).expect(200)).body.items).toEqual([]);
  });
});

describe('classifySearch', () => {
  it.each([
    ['C-000123', { kind: 'number', customerNumber: 'C-000123' }],
    ['c42', { kind: 'number', customerNumber: 'C-000042' }],
    ['Jo@Example', { kind: 'email', prefix: 'jo@example' }],
    ['(212) 555-01', { kind: 'phone', digits: '21255501' }],
    ['+44 20', { kind: 'phone', digits: '4420' }],
    ['  Mary   Ann  ', { kind: 'name', text: 'mary ann' }],
    ['12', { kind: 'name', text: '12' }],
  ])('%s → %j', (q, expected) => {
    expect(classifySearch(q)).toEqual(expected);
  });
});
