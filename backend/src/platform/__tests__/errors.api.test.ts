import request from 'supertest';
import { z } from 'zod';
import { withTransaction, MAX_TRANSACTION_ATTEMPTS } from '../../db';
import { PreconditionFailedError } from '../errors';
import type { AppModule } from '../module';
import { appForFile, createTestApp } from '../../../test/support/test-app';

const PROBLEM = /^application\/problem\+json/;

// A module that exists only in this test: it exercises each error path through real routes.
let attempts = 0;
const Note = z.object({ id: z.number().int(), title: z.string(), version: z.number().int() });
const probeModule: AppModule = {
  name: 'error-probe',
  register({ api, db }) {
    api.route({
      method: 'post',
      path: '/_probe/notes',
      summary: 'Create a note (test)',
      tags: ['Test'],
      access: 'public',
      request: { body: z.strictObject({ title: z.string().min(3), tags: z.array(z.string()).max(3).optional() }) },
      responses: { 201: { description: 'Created', schema: Note } },
      handler: async ({ body }, _req, res) => {
        const [row] = await db('probe_notes').insert({ title: body.title }).returning('*');
        res.status(201).json(row);
      },
    });
    api.route({
      method: 'patch',
      path: '/_probe/notes/:id',
      summary: 'Update a note (test)',
      tags: ['Test'],
      access: 'public',
      ifMatch: true,
      request: { params: z.strictObject({ id: z.coerce.number().int() }), body: z.strictObject({ title: z.string() }) },
      responses: { 200: { description: 'Updated', schema: Note } },
      handler: async ({ params, body, ifMatch }, _req, res) => {
        const [row] = await db('probe_notes')
          .where({ id: params.id, version: ifMatch })
          .update({ title: body.title, version: db.raw('version + 1') })
          .returning('*');
        if (!row) {
          const current = await db('probe_notes').where({ id: params.id }).first();
          throw new PreconditionFailedError(current.version);
        }
        res.json(row);
      },
    });
    api.route({
      method: 'post',
      path: '/_probe/comments',
      summary: 'Comment on a note (test)',
      tags: ['Test'],
      access: 'public',
      request: { body: z.strictObject({ noteId: z.number().int() }) },
      responses: { 201: { description: 'Created' } },
      handler: async ({ body }, _req, res) => {
        await db('probe_comments').insert({ note_id: body.noteId });
        res.status(201).end();
      },
    });
    api.route({
      method: 'post',
      path: '/_probe/uploads',
      summary: 'Upload a file (test)',
      tags: ['Test'],
      access: 'public',
      upload: { field: 'file', maxBytes: 1024 },
      request: { body: z.strictObject({ note: z.string().optional() }) },
      responses: { 201: { description: 'Stored' } },
      handler: async ({ file }, _req, res) => {
        await db.raw('SELECT ?::text AS name', [file.originalName]);
        res.status(201).end();
      },
    });
    api.route({
      method: 'get',
      path: '/_probe/sqlstate/:code',
      summary: 'Raise a given SQLSTATE (test)',
      tags: ['Test'],
      access: 'public',
      request: { params: z.strictObject({ code: z.string().regex(/^[0-9A-Z]{5}$/) }) },
      // Whatever the database raises: a conflict, a temporary failure, …
      responses: { 200: { description: 'Never' }, 409: { description: 'Conflict' }, 503: { description: 'Unavailable' } },
      handler: async ({ params }) => {
        await db.raw(`DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = '${params.code}'; END $$`);
      },
    });
    api.route({
      method: 'get',
      path: '/_probe/explode',
      summary: 'Fail unexpectedly (test)',
      tags: ['Test'],
      access: 'public',
      responses: { 200: { description: 'Never' } },
      handler: async () => {
        await db.raw('SELECT * FROM table_that_does_not_exist');
      },
    });
    api.route({
      method: 'post',
      path: '/_probe/always-conflicting',
      summary: 'A transaction that always hits a serialization failure (test)',
      tags: ['Test'],
      access: 'public',
      responses: { 200: { description: 'Never' } },
      handler: async () => {
        attempts = 0;
        await withTransaction(db, async (trx) => {
          attempts++;
          await trx.raw(`DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = 'serialization_failure'; END $$`);
        });
      },
    });
  },
};

const t = appForFile({ modules: [probeModule] });
beforeAll(async () => {
  // Test-only tables; IF NOT EXISTS so parallel or repeated runs on one database coexist.
  await t.ownerDb.raw('CREATE TABLE IF NOT EXISTS probe_notes (id serial PRIMARY KEY, title text NOT NULL UNIQUE, version integer NOT NULL DEFAULT 1)');
  await t.ownerDb.raw('CREATE TABLE IF NOT EXISTS probe_comments (id serial PRIMARY KEY, note_id integer NOT NULL REFERENCES probe_notes(id))');
});

const uniqueTitle = () => `note ${Math.random().toString(36).slice(2)}`;

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String), requestId: res.headers['x-request-id'] });
}

describe('problem+json for every failure', () => {
  it('answers an unknown API route with 404 ROUTE_NOT_FOUND', async () => {
    expectProblem(await request(t.app).get('/api/no-such-thing'), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers an unknown non-API path with 404 too', async () => {
    expectProblem(await request(t.app).post('/no-such-page'), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers a known path with the wrong method with 405 and an Allow header', async () => {
    const res = await request(t.app).delete('/api/system/info');
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('answers a method the most specific path does not have with 405, not with the handler of a parameter route', async () => {
    // PATCH /api/customers/:id matches "search" too, but /api/customers/search is its own resource.
    const res = await request(t.app).patch('/api/customers/search').send({});
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('POST');
    const put = await request(t.app).put('/api/customers/duplicate-check').send({});
    expectProblem(put, 405, 'METHOD_NOT_ALLOWED');
    expect(put.headers.allow).toBe('POST');
  });

  it('answers OPTIONS with the Allow of the registered routes only', async () => {
    const compare = await request(t.app).options('/api/quotes/compare');
    expect(compare.status).toBe(204);
    expect(compare.headers.allow).toBe('POST');
    const customer = await request(t.app).options('/api/customers/00000000-0000-4000-8000-000000000000');
    expect(customer.headers.allow!.split(', ').sort()).toEqual(['GET', 'HEAD', 'PATCH']);
    expect((await request(t.app).options('/api/no-such-thing')).status).toBe(404);
  });

  it.each(['/api/customers/%E0%A4%A', '/api/customers/%', '/api/_probe/notes/%zz'])('answers a malformed percent-escape in %s with 400, never 500', async (path) => {
    expectProblem(await request(t.app).patch(path).set('If-Match', '"1"').send({ title: 'x' }), 400, 'BAD_REQUEST');
  });

  it('refuses a NUL character in a path segment with 400 naming it', async () => {
    const res = await request(t.app).patch('/api/_probe/notes/1%00').set('If-Match', '"1"').send({ title: 'x' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'path.id', message: 'Must not contain a NUL character' }]);
  });

  it('refuses a NUL character in a body string or key with 400 naming the field', async () => {
    const res = await request(t.app)
      .post('/api/_probe/notes')
      .send({ title: 'a\u0000b', tags: ['ok', 'x\u0000'] });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { path: 'title', message: 'Must not contain a NUL character' },
      { path: 'tags.1', message: 'Must not contain a NUL character' },
    ]);
  });

  it('refuses a NUL character in an uploaded file name or form field with 400 naming it', async () => {
    // A raw NUL breaks the multipart parser (400); the RFC 5987 form decodes to one.
    const body = ['--x', `Content-Disposition: form-data; name="file"; filename*=UTF-8''scan%00.pdf`, 'Content-Type: application/pdf', '', 'hello', '--x--', ''].join('\r\n');
    const named = await request(t.app).post('/api/_probe/uploads').set('Content-Type', 'multipart/form-data; boundary=x').send(body);
    expectProblem(named, 400, 'VALIDATION_FAILED');
    expect(named.body.errors).toEqual([{ path: 'file', message: 'Must not contain a NUL character' }]);
    const field = await request(t.app).post('/api/_probe/uploads').field('note', 'a\u0000b').attach('file', Buffer.from('hello'), 'scan.pdf');
    expect(field.body.errors).toEqual([{ path: 'note', message: 'Must not contain a NUL character' }]);
    expect((await request(t.app).post('/api/_probe/uploads').attach('file', Buffer.from('hello'), 'scan.pdf')).status).toBe(201);
  });

  it.each(['22021', '22008', '22P02', '22003', '22001', '2200D'])('maps the data exception %s to 400 INVALID_VALUE', async (code) => {
    expectProblem(await request(t.app).get(`/api/_probe/sqlstate/${code}`), 400, 'INVALID_VALUE');
  });

  it.each(['55000', '55006', '55P03'])('maps "object not in prerequisite state" %s to 503 SERVICE_UNAVAILABLE', async (code) => {
    const res = await request(t.app).get(`/api/_probe/sqlstate/${code}`);
    expectProblem(res, 503, 'SERVICE_UNAVAILABLE');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it.each(['42601', '42703', 'XX000'])('keeps the programming error %s a 500', async (code) => {
    expectProblem(await request(t.app).get(`/api/_probe/sqlstate/${code}`), 500, 'INTERNAL_ERROR');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, never 500', async () => {
    const res = await request(t.app).post('/api/_probe/notes').set('Content-Type', 'application/json').send('{"title": "abc",');
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('rejects unknown fields (strict schemas) with their path', async () => {
    const res = await request(t.app).post('/api/_probe/notes').send({ title: uniqueTitle(), colour: 'red' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'colour', message: 'Unknown field' }]);
  });

  it('lists every invalid field with a path and a message', async () => {
    const res = await request(t.app)
      .post('/api/_probe/notes')
      .send({ title: 'ab', tags: ['a', 'b', 'c', 'd'] });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['tags', 'title']);
    expect(res.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
  });

  it('says "Required" for a missing field', async () => {
    const res = await request(t.app).post('/api/_probe/notes').send({});
    expect(res.body.errors).toEqual([{ path: 'title', message: 'Required' }]);
  });

  it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(t.app)
      .post('/api/_probe/notes')
      .send({ title: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a non-JSON body with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await request(t.app).post('/api/_probe/notes').set('Content-Type', 'text/plain').send('title=hello');
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unexpected failure with a generic 500 that shows no stack and no SQL', async () => {
    const res = await request(t.app).get('/api/_probe/explode');
    expectProblem(res, 500, 'INTERNAL_ERROR');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/table_that_does_not_exist|SELECT|at .*\.ts:\d+|stack/i);
  });

  it('maps a unique violation to 409 DUPLICATE', async () => {
    const title = uniqueTitle();
    expect((await request(t.app).post('/api/_probe/notes').send({ title })).status).toBe(201);
    expectProblem(await request(t.app).post('/api/_probe/notes').send({ title }), 409, 'DUPLICATE');
  });

  it('maps a foreign-key violation to 409 REFERENCE_CONFLICT', async () => {
    expectProblem(await request(t.app).post('/api/_probe/comments').send({ noteId: 2_000_000_000 }), 409, 'REFERENCE_CONFLICT');
  });

  it(`retries serialization failures ${MAX_TRANSACTION_ATTEMPTS - 1} times, then answers 409 CONCURRENT_UPDATE`, async () => {
    expectProblem(await request(t.app).post('/api/_probe/always-conflicting'), 409, 'CONCURRENT_UPDATE');
    expect(attempts).toBe(MAX_TRANSACTION_ATTEMPTS);
  });

  it('returns the result when a retried transaction succeeds', async () => {
    let tries = 0;
    const result = await withTransaction(t.db, async (trx) => {
      tries++;
      if (tries === 1) await trx.raw(`DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = 'deadlock_detected'; END $$`);
      return 'done';
    });
    expect(result).toBe('done');
    expect(tries).toBe(2);
  });

  it('answers 428 IF_MATCH_REQUIRED without If-Match and 412 VERSION_MISMATCH with a stale one', async () => {
    const created = await request(t.app).post('/api/_probe/notes').send({ title: uniqueTitle() });
    const id = created.body.id;
    expectProblem(await request(t.app).patch(`/api/_probe/notes/${id}`).send({ title: uniqueTitle() }), 428, 'IF_MATCH_REQUIRED');
    expect((await request(t.app).patch(`/api/_probe/notes/${id}`).set('If-Match', '"1"').send({ title: uniqueTitle() })).status).toBe(200);
    const stale = await request(t.app).patch(`/api/_probe/notes/${id}`).set('If-Match', '"1"').send({ title: uniqueTitle() });
    expectProblem(stale, 412, 'VERSION_MISMATCH');
    expect(stale.body.currentVersion).toBe(2);
    expectProblem(await request(t.app).patch(`/api/_probe/notes/${id}`).set('If-Match', 'banana').send({ title: uniqueTitle() }), 400, 'INVALID_IF_MATCH');
  });

  it('answers 429 with Retry-After once the per-IP limit is used up', async () => {
    const limited = createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      // The limit counts in PostgreSQL (shared by every instance): start from a clean window.
      await limited.db('rate_limit_hits').where('key', 'like', 'api:%').delete();
      await request(limited.app).get('/api/system/info').expect(200);
      await request(limited.app).get('/api/system/info').expect(200);
      const res = await request(limited.app).get('/api/system/info');
      expectProblem(res, 429, 'RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('echoes a well-formed inbound X-Request-Id and marks API answers no-store', async () => {
    const res = await request(t.app).get('/api/system/info').set('X-Request-Id', 'trace-12345678');
    expect(res.headers['x-request-id']).toBe('trace-12345678');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends HTTPS-only rules (HSTS, upgrade-insecure-requests) in production only', async () => {
    const local = await request(t.app).get('/livez');
    expect(local.headers['strict-transport-security']).toBeUndefined();
    expect(local.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const key = Buffer.alloc(32, 9).toString('base64');
    const prod = createTestApp({ env: { APP_ENV: 'production', PASSWORD_HASH_COST: '12', JWT_SIGNING_KEY: key, FIELD_ENCRYPTION_KEY: `p1:${key}`, BLIND_INDEX_KEY: key } });
    try {
      const res = await request(prod.app).get('/livez');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await prod.close();
    }
  });
});
