import request from 'supertest';
import { z } from 'zod';
import { ListTotal, PageQuery, countedPageOf, pageOf, sortQuery } from '../../contracts/common';
import type { AppModule } from '../module';
import { cappedCount, countedPage, keysetPage, sortKeys, sortParam, type SortKey } from '../pagination';
import { appForFile } from '../../../test/support/test-app';

// Rows belong to a per-run "batch" so parallel runs on one database never see each other's data.
const batch = `b${Math.random().toString(36).slice(2, 10)}`;

const listModule: AppModule = {
  name: 'list-probe',
  register({ api, db }) {
    api.route({
      method: 'get',
      path: '/_probe/items',
      summary: 'List items (test)',
      tags: ['Test'],
      access: 'public',
      request: { query: PageQuery.extend({ sort: sortParam(['name', 'score'] as const, 'name'), batch: z.string() }) },
      responses: { 200: { description: 'A page', schema: pageOf(z.object({ id: z.number().int(), name: z.string(), score: z.number().int() })) } },
      handler: async ({ query }, _req, res) => {
        const keys: SortKey[] = [
          { column: query.sort.field, field: query.sort.field, dir: query.sort.dir },
          { column: 'id', field: 'id', dir: 'asc' },
        ];
        res.json(await keysetPage(db('probe_items').where({ batch: query.batch }).select('id', 'name', 'score'), keys, query));
      },
    });
    api.route({
      method: 'get',
      path: '/_probe/count',
      summary: 'Count items up to a cap (test)',
      tags: ['Test'],
      access: 'public',
      request: { query: z.strictObject({ batch: z.string(), cap: z.coerce.number().int(), maxScore: z.coerce.number().int() }) },
      responses: { 200: { description: 'The count', schema: ListTotal } },
      handler: async ({ query }, _req, res) =>
        res.json(await cappedCount(db, db('probe_items').where({ batch: query.batch }).where('score', '<=', query.maxScore).select('*'), query.cap)),
    });
    api.route({
      method: 'get',
      path: '/_probe/counted',
      summary: 'A counted page sorted by sortKeys (test)',
      tags: ['Test'],
      access: 'public',
      request: { query: PageQuery.extend({ sort: sortQuery(['name', 'score'] as const, 'name'), batch: z.string() }) },
      responses: { 200: { description: 'A page', schema: countedPageOf(z.object({ id: z.number().int(), name: z.string(), score: z.number().int() })) } },
      handler: async ({ query }, _req, res) => {
        const keys = sortKeys(query.sort, { name: [['name', 'name']], score: [['score', 'score']] }, ['id', 'id']);
        res.json(await countedPage(db, db('probe_items').where({ batch: query.batch }).select('id', 'name', 'score'), keys, query));
      },
    });
  },
};

const t = appForFile({ modules: [listModule] });
beforeAll(async () => {
  await t.ownerDb.raw('CREATE TABLE IF NOT EXISTS probe_items (id serial PRIMARY KEY, batch text NOT NULL, name text NOT NULL, score integer NOT NULL)');
  // 23 rows with many ties on score, so the id tiebreaker matters.
  const rows = Array.from({ length: 23 }, (_, i) => ({ batch, name: `item ${String(i).padStart(2, '0')}`, score: i % 4 }));
  await t.db('probe_items').insert(rows);
});

async function walk(sort: string, limit: number) {
  const seen: { name: string; score: number; id: number }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: request.Response = await request(t.app)
      .get('/api/_probe/items')
      .query({ batch, sort, limit, ...(cursor ? { cursor } : {}) })
      .expect(200);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor);
  return { seen, pages };
}

describe('keyset pagination', () => {
  it('defaults to 25 items and answers { items, nextCursor }', async () => {
    const res = await request(t.app).get('/api/_probe/items').query({ batch }).expect(200);
    expect(res.body.items).toHaveLength(23);
    expect(res.body.nextCursor).toBeNull();
  });

  it('walks every row exactly once, in order, ascending', async () => {
    const { seen, pages } = await walk('name', 5);
    expect(pages).toBe(5);
    expect(seen.map((r) => r.name)).toEqual(Array.from({ length: 23 }, (_, i) => `item ${String(i).padStart(2, '0')}`));
  });

  it('walks every row exactly once with a descending sort and ties', async () => {
    const { seen } = await walk('-score', 4);
    expect(seen).toHaveLength(23);
    expect(new Set(seen.map((r) => r.id)).size).toBe(23);
    const order = seen.map((r) => [r.score, r.id] as const);
    const sorted = [...order].sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    expect(order).toEqual(sorted);
  });

  it.each([
    [{ limit: 0 }, 'query.limit'],
    [{ limit: 101 }, 'query.limit'],
    [{ limit: 'ten' }, 'query.limit'],
    [{ sort: 'password' }, 'query.sort'],
    [{ colour: 'red' }, 'query.colour'],
  ])('rejects %j with 400 naming %s', async (params, path) => {
    const res = await request(t.app)
      .get('/api/_probe/items')
      .query({ batch, ...params })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('rejects a forged cursor and a cursor made for another sort order with 400 INVALID_CURSOR', async () => {
    const first = await request(t.app).get('/api/_probe/items').query({ batch, limit: 2, sort: 'name' });
    const other = await request(t.app).get('/api/_probe/items').query({ batch, limit: 2, sort: '-score', cursor: first.body.nextCursor });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('INVALID_CURSOR');
    const forged = await request(t.app).get('/api/_probe/items').query({ batch, cursor: 'bm90LWpzb24' });
    expect(forged.body.code).toBe('INVALID_CURSOR');
  });

  it.each([
    ['a number column given text', ['score', 'not a number', 1]],
    ['SQL text as a value', ['score', '1) OR 1=1 --', 1]],
    ['an id given a boolean-looking word', ['score', 1, 'true']],
    ['a number too large for integer', ['score', 1e30, 1]],
    ['a NUL in a value', ['name', 'item\u0000', 1]],
    ['an object as a value', ['name', { $gt: '' }, 1]],
  ] as const)('rejects a cursor of the right shape with %s: 400 INVALID_CURSOR, never 500', async (_case, [sort, ...values]) => {
    const first = await request(t.app).get('/api/_probe/items').query({ batch, limit: 2, sort }).expect(200);
    const real = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ s: real.s, v: values })).toString('base64url');
    const res = await request(t.app).get('/api/_probe/items').query({ batch, sort, cursor: forged });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'INVALID_CURSOR' });
  });

  it.each([
    [100, 99, { count: 23, more: false }],
    [23, 99, { count: 23, more: false }],
    [22, 99, { count: 22, more: true }],
    [5, 0, { count: 5, more: true }],
    [100, -1, { count: 0, more: false }],
  ])('counts no further than the cap (%i, scores up to %i): %j', async (cap, maxScore, total) => {
    expect((await request(t.app).get('/api/_probe/count').query({ batch, cap, maxScore }).expect(200)).body).toEqual(total);
  });

  it('a counted page: the same count on every page; sortKeys orders both ways with the id as tiebreak, each sort its own cursor', async () => {
    const seen: { id: number; score: number }[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(t.app)
        .get('/api/_probe/counted')
        .query({ batch, sort: '-score', limit: 6, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(res.body.total).toEqual({ count: 23, more: false });
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.map((r) => [r.score, r.id])).toEqual([...seen].sort((a, b) => b.score - a.score || b.id - a.id).map((r) => [r.score, r.id]));
    const first = (await request(t.app).get('/api/_probe/counted').query({ batch, sort: 'score', limit: 2 }).expect(200)).body;
    const res = await request(t.app).get('/api/_probe/counted').query({ batch, sort: '-score', limit: 2, cursor: first.nextCursor }).expect(400);
    expect(res.body.code).toBe('INVALID_CURSOR');
  });
});
