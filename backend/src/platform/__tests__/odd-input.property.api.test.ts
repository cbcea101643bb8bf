// Odd input never reaches a 500: arbitrary strings (NUL, lone surrogates, huge, any unicode), dates
// PostgreSQL cannot hold and forged cursors go to every list/search query and every JSON body. The
// routes come from the published OpenAPI document, so a new module is fuzzed without editing this file.
import crypto from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { customerBody, loggedIn, makeCustomer, type Session } from '../../../test/support/factories';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { in: string; name: string; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

let t: TestApp;
let doc: Document;
let branchId: string;
let customerId: string;
const cursors = new Map<string, string>(); // path → a real cursor of that list (for forging)

beforeAll(async () => {
  t = createTestApp();
  doc = t.openApiDocument() as unknown as Document;
  const { user, session } = await loggedIn(t.app, t.db, { role: 'admin' });
  branchId = user.branchId;
  // Two customers so lists have a second page and hand out a real cursor to forge from.
  customerId = (await makeCustomer(t.app, session, branchId)).customer.id;
  await makeCustomer(t.app, session, branchId);
});
afterAll(() => t.close());

const resolve = (s: Schema | undefined): Schema => {
  if (!s?.$ref) return s ?? {};
  return resolve(doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')]);
};

// --- Odd values ------------------------------------------------------------------------------

const ODD_STRINGS = [
  'ab\u0000cd',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\uffff',
  "' OR 1=1 --",
  "'); DROP TABLE customers; --",
  '%',
  '\\',
  '_%_',
  '0000-01-01',
  '10000-01-01',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  'x'.repeat(5000),
  '😀'.repeat(300),
  '\u202e\u200b',
];
const oddString = fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));

const ODD_DATES = [
  '0000-01-01',
  '0000-12-31',
  '9999-12-31',
  '10000-01-01',
  '+010000-01-01',
  '-000001-01-01',
  '2026-02-30',
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-05:00',
  '9999-12-31T23:59:59.999Z',
  '10000-01-01T00:00:00Z',
  '1900-01-01',
  '0001-01-01',
  '0001-01-01T00:00:00+14:00',
];
const oddDate = fc.oneof(
  fc.constantFrom(...ODD_DATES),
  fc.integer({ min: 0, max: 99999 }).map((y) => `${String(y).padStart(4, '0')}-01-01`),
  fc.integer({ min: 0, max: 99999 }).map((y) => `${String(y).padStart(4, '0')}-06-30T12:00:00Z`),
);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const cursorValue = fc.oneof(oddString, fc.constantFrom(null, true, 0, -1, 1e308, 2 ** 53, 1.5, '00000000-0000-0000-0000-000000000000', 'NaN', 'Infinity'), oddDate);
/** A cursor of the right shape (the list's real sort fingerprint and length) with values of the wrong types, or garbage. */
const oddCursor = (path: string) => {
  const real = cursors.get(path);
  const shape = real ? (JSON.parse(Buffer.from(real, 'base64url').toString()) as { s: string; v: unknown[] }) : undefined;
  return fc.oneof(
    fc.array(cursorValue, { minLength: 1, maxLength: 5 }).map((v) => b64({ s: shape?.s ?? 'x', v: shape ? v.concat(v, v, v, v).slice(0, shape.v.length) : v })),
    fc.jsonValue().map(b64),
    oddString,
  );
};

/** A value for a schema: usually a valid one, so the odd value elsewhere reaches the database. */
function validValue(schema: Schema, name: string, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.allOf?.length) return validValue(s.allOf[0]!, name, depth);
  if (s.anyOf?.length || s.oneOf?.length) return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => validValue(x, name, depth)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return fc.constantFrom(branchId, customerId, crypto.randomUUID());
      if (s.format === 'email') return fc.constant(`fuzz-${crypto.randomBytes(4).toString('hex')}@example.com`);
      if (s.format === 'date') return fc.constantFrom('1980-05-17', '2027-01-01');
      if (s.format === 'date-time') return fc.constant('2026-12-01T09:30:00Z');
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern), { maxLength: s.maxLength ?? 20 }).filter((v) => v.length >= (s.minLength ?? 0));
      return fc
        .string({ minLength: 1, maxLength: Math.max(1, Math.min(s.maxLength ?? 20, 20)) })
        .map((v) => v.padEnd(Math.min(s.minLength ?? 3, 200), 'x').slice(0, s.maxLength ?? 200));
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.ceil(s.minimum ?? 0), max: Math.floor(Math.min(s.maximum ?? 1000, (s.minimum ?? 0) + 1000)) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(validValue(s.items ?? {}, name, depth + 1), { minLength: s.minItems ?? 1, maxLength: Math.max(s.minItems ?? 1, 2) });
    case 'object':
    default: {
      if (depth > 4 || !s.properties) return fc.constant({});
      const props = s.properties;
      const required = new Set(s.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, prop] of Object.entries(props)) model[key] = validValue(prop, key, depth + 1);
      return fc.record(model, { requiredKeys: [...required] as never[] });
    }
  }
}

/** An odd value fitting the kind of field: dates get odd dates, cursors forged cursors, the rest odd strings. */
function oddValue(schema: Schema, name: string, path: string): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (name === 'cursor') return oddCursor(path);
  if (s.format === 'date' || s.format === 'date-time' || /date|from$|to$|At$|On$/i.test(name)) return fc.oneof(oddDate, oddString);
  return oddString;
}

/** Free text, dates and cursors: where an odd value can get past validation (enums, numbers and ids cannot). */
function oddTarget(schema: Schema, name: string): boolean {
  const s = resolve(schema);
  const inner = s.anyOf?.find((x) => resolve(x).type !== 'null') ?? s.oneOf?.[0];
  if (inner && !s.type) return oddTarget(inner, name);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  return name === 'cursor' || (type === 'string' && !s.enum && s.format !== 'uuid' && s.format !== 'email');
}

/** Leaf paths of a schema's object properties (so one of them can be made odd). */
function leaves(schema: Schema, prefix: string[] = [], depth = 0): { path: string[]; schema: Schema }[] {
  const s = resolve(schema);
  const inner = s.allOf?.[0] ?? s.anyOf?.[0] ?? s.oneOf?.[0];
  if (inner && !s.properties) return leaves(inner, prefix, depth);
  if (s.properties && depth < 5) return Object.entries(s.properties).flatMap(([k, p]) => leaves(p, [...prefix, k], depth + 1));
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'array' && s.items && depth < 5) return leaves(s.items, [...prefix, '0'], depth + 1);
  return prefix.length && oddTarget(s, prefix.at(-1)!) ? [{ path: prefix, schema: s }] : [];
}

function setPath(target: unknown, path: string[], value: unknown): unknown {
  const root = (target && typeof target === 'object' ? structuredClone(target) : {}) as Record<string, unknown>;
  let node: Record<string, unknown> = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      if (!node[key] || typeof node[key] !== 'object') node[key] = /^\d+$/.test(path[i + 1]!) ? [] : {};
      node = node[key] as Record<string, unknown>;
    }
  });
  return root;
}

// --- The routes ------------------------------------------------------------------------------

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on those). */
const pct = (value: string) =>
  Array.from(Buffer.from(value, 'utf8'), (b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');
const fillPath = (path: string, value: (name: string) => string) => path.replace(/\{([^}]+)\}/g, (_, name: string) => pct(value(name)));
const realId = (name: string) => (name === 'id' ? customerId : crypto.randomUUID());

type Probe = { method: string; route: string; path: string; query?: Record<string, unknown>; body?: unknown };
/** The first 5xx seen per route ("METHOD /path" → example), reset per test. */
let failures = new Map<string, string>();
beforeEach(() => {
  failures = new Map();
});

const call = (method: string, url: string) => (request(t.app) as unknown as Record<string, (u: string) => request.Test>)[method]!(url);

async function send(session: Session, probe: Probe) {
  const qs = Object.entries(probe.query ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${pct(k)}=${pct(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
  let req = call(probe.method, qs ? `${probe.path}?${qs}` : probe.path)
    .set(session.auth)
    .set('If-Match', '"1"');
  if (probe.body !== undefined) req = req.send(probe.body as object);
  const res = await req;
  const route = `${probe.method.toUpperCase()} ${probe.route}`;
  if (res.status >= 500 && !failures.has(route))
    failures.set(route, `${res.status} ${res.body?.code ?? ''} ${JSON.stringify(probe.query ?? probe.body ?? probe.path).slice(0, 300)}`);
}

/** Every 5xx is collected (not thrown) so one run lists every failing route, not just the first. */
const expectNo5xx = () => expect(Object.fromEntries(failures)).toEqual({});

async function sendAll<T>(arb: fc.Arbitrary<T>, numRuns: number, probe: (value: T) => Probe, session: Session) {
  await fc.assert(
    fc.asyncProperty(arb, (value) => send(session, probe(value))),
    { numRuns },
  );
}

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ method, path, op })),
  );

/**
 * Bodies a schema cannot describe well enough to generate (cross-field rules, real references):
 * a valid one to start from, so an odd field gets as far as the database. Every other route starts
 * from a body generated from its schema.
 */
const knownGood: Record<string, () => fc.Arbitrary<unknown>> = {
  'post /api/customers': () => fc.constant(null).map(() => customerBody(branchId)),
  'post /api/customers/duplicate-check': () =>
    fc.constant(null).map(() => {
      const { firstName, lastName, dateOfBirth, email, phone, nationalId } = customerBody(branchId);
      return { firstName, lastName, dateOfBirth, email, phone, nationalId };
    }),
};

// Moderate: the whole file runs in well under a minute on a busy machine (FUZZ_RUNS for a longer hunt).
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

// Every list, path and body of the API is probed, so the work grows with the API: a budget for a
// busy shared machine, not a timing target.
jest.setTimeout(300_000);

describe('odd input never reaches a 5xx', () => {
  it('lists and searches: arbitrary query strings, dates and forged cursors', async () => {
    const lists = operations().filter(({ method, op }) => method === 'get' && (op.parameters ?? []).some((p) => p.in === 'query' && oddTarget(p.schema ?? {}, p.name)));
    expect(lists.length).toBeGreaterThan(5);
    const { session } = await loggedIn(t.app, t.db, { role: 'admin', branchId });
    for (const { path, op } of lists) {
      const url = fillPath(path, realId);
      const first = await request(t.app).get(url).query({ limit: 1 }).set(session.auth);
      if (first.body?.nextCursor) cursors.set(path, first.body.nextCursor);
      const params = (op.parameters ?? []).filter((p) => p.in === 'query');
      const targets = params.filter((p) => oddTarget(p.schema ?? {}, p.name));
      // One odd parameter, the others absent or valid: an odd value must not be stopped by another one.
      const valid = fc.record(Object.fromEntries(params.map((p) => [p.name, validValue(p.schema ?? {}, p.name)])), { requiredKeys: [] });
      const query = fc.tuple(valid, fc.constantFrom(...targets)).chain(([base, p]) => oddValue(p.schema ?? {}, p.name, path).map((odd) => ({ ...base, [p.name]: odd })));
      await sendAll(query, RUNS, (q) => ({ method: 'get', route: path, path: url, query: q }), session);
    }
    expectNo5xx();
  });

  it('path parameters: arbitrary strings in every path segment', async () => {
    const withParams = operations().filter(({ path }) => path.includes('{'));
    const { session } = await loggedIn(t.app, t.db, { role: 'admin', branchId });
    for (const { method, path, op } of withParams) {
      const hasBody = !!op.requestBody?.content?.['application/json'];
      await sendAll(oddString, 4, (odd) => ({ method, route: path, path: fillPath(path, () => odd), body: hasBody ? {} : undefined }), session);
    }
    expectNo5xx();
  });

  it('bodies: one odd field in an otherwise plausible body, on every JSON body', async () => {
    const withBodies = operations().filter(({ op }) => !!op.requestBody?.content?.['application/json']?.schema);
    expect(withBodies.length).toBeGreaterThan(5);
    for (const { method, path, op } of withBodies) {
      // A fresh admin per route: a fuzzed logout or password change cannot spoil the next route.
      const { session } = await loggedIn(t.app, t.db, { role: 'admin', branchId });
      const schema = op.requestBody!.content!['application/json']!.schema!;
      const fields = leaves(schema);
      const url = fillPath(path, realId);
      const body = fields.length
        ? fc
            .tuple(knownGood[`${method} ${path}`]?.() ?? validValue(schema, ''), fc.constantFrom(...fields))
            .chain(([base, field]) => oddValue(field.schema, field.path.at(-1)!, path).map((odd) => setPath(base, field.path, odd)))
        : validValue(schema, '');
      await sendAll(body, RUNS, (b) => ({ method, route: path, path: url, body: b }), session);
    }
    expectNo5xx();
  });

  it('the examples from the outside review answer 400 naming the field', async () => {
    const { session } = await loggedIn(t.app, t.db, { role: 'admin', branchId });
    const cases: [string, string, string][] = [
      ['get', '/api/customers?q=ab%00cd', 'query.q'],
      ['get', '/api/customers?postalCode=ab%00cd', 'query.postalCode'],
      ['get', '/api/users?q=ab%00cd', 'query.q'],
      ['get', '/api/audit?action=ab%00cd', 'query.action'],
      ['get', '/api/audit/export?action=ab%00cd', 'query.action'],
      ['get', '/api/orders?createdFrom=0000-01-01', 'query.createdFrom'],
      ['get', '/api/audit?from=0000-01-01T00:00:00Z', 'query.from'],
      ['get', '/api/audit?from=9999-12-31T23:59:59-05:00', 'query.from'],
      ['get', '/api/audit/export?to=0000-06-30T12:00:00%2B01:00', 'query.to'],
      ['get', '/api/customers?dateOfBirth=0000-01-01', 'query.dateOfBirth'],
      ['get', '/api/underwriting/queue?limit=101', 'query.limit'],
    ];
    for (const [method, url, field] of cases) {
      const res = await call(method, url).set(session.auth);
      expect({ url, status: res.status, paths: res.body.errors?.map((e: { path: string }) => e.path) }).toEqual({ url, status: 400, paths: expect.arrayContaining([field]) });
    }
    await request(t.app).get('/api/underwriting/queue?limit=100').set(session.auth).expect(200);
    const branch = await request(t.app).post('/api/branches').set(session.auth).send({ name: 'a\u0000b', code: 'NUL_TEST' });
    expect(branch.status).toBe(400);
    expect(branch.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'name' })]));
    for (const [field, value] of [
      ['occupation', 'Tea\u0000cher'],
      ['dateOfBirth', '0000-01-01'],
    ] as const) {
      const res = await request(t.app)
        .post('/api/customers')
        .set(session.auth)
        .send({ ...customerBody(branchId), [field]: value });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    }
  });
});
