// The OpenAPI document tells the truth: the drift check (test/support/openapi-drift.ts) that every API
// test's responses pass through catches each kind of drift, and the rules the document states agree
// with what the API does (statuses, either-or bodies, the If-Match pattern, dates, emails).
import crypto from 'node:crypto';
import type { Response } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { CreatePaymentBody } from '../../contracts/billing';
import { UpdateCustomerBody } from '../../contracts/customers';
import { UpdateBranchBody } from '../../contracts/identity';
import { CompareQuotesBody, CreateQuoteBody } from '../../contracts/products';
import type { AppModule } from '../module';
import { appForFile } from '../../../test/support/test-app';
import { makeBranch, sessionAs } from '../../../test/support/factories';
import { OpenApiResponseChecker, pointer, takeDriftViolations, type OpenApiDocument } from '../../../test/support/openapi-drift';

const Ok = z.object({ ok: z.boolean() });
const problem = (status: number) => ({ type: 'about:blank', title: 'Probe', status, code: 'PROBE', detail: 'Probe', requestId: 'r' });

// Routes that answer what the document says, and routes that do not.
const driftProbe: AppModule = {
  name: 'drift-probe',
  register({ api }) {
    const probe = (path: string, responses: Parameters<typeof api.route>[0]['responses'], send: (res: Response) => void) =>
      api.route({ method: 'get', path, summary: `Drift probe ${path} (test)`, tags: ['Test'], access: 'public', responses, handler: (_i, _req, res) => send(res) });
    probe('/_probe/drift/true', { 200: { description: 'Ok', schema: Ok } }, (res) => res.json({ ok: true }));
    probe('/_probe/drift/csv', { 200: { description: 'CSV', contentType: 'text/csv' } }, (res) => res.type('text/csv').send('a,b\n1,2\n'));
    probe('/_probe/drift/empty', { 204: { description: 'Nothing' } }, (res) => res.status(204).end());
    probe('/_probe/drift/problem', { 200: { description: 'Ok', schema: Ok }, 409: { description: 'PROBE' } }, (res) =>
      res
        .status(409)
        .type('application/problem+json')
        .send(JSON.stringify(problem(409))),
    );
    probe('/_probe/drift/undeclared-status', { 200: { description: 'Ok', schema: Ok } }, (res) => res.status(418).json({ ok: true }));
    probe('/_probe/drift/wrong-body', { 200: { description: 'Ok', schema: Ok } }, (res) => res.json({ ok: 'yes' }));
    probe('/_probe/drift/wrong-type', { 200: { description: 'Ok', schema: Ok } }, (res) => res.type('text/plain').send('ok'));
    probe('/_probe/drift/body-on-empty', { 204: { description: 'Nothing' }, 200: { description: 'Nothing either' } }, (res) => res.status(200).json({ ok: true }));
    probe('/_probe/drift/problem-shape', { 200: { description: 'Ok', schema: Ok }, 409: { description: 'PROBE' } }, (res) =>
      res
        .status(409)
        .type('application/problem+json')
        .send(JSON.stringify({ title: 'No code' })),
    );
    probe('/_probe/drift/problem-status', { 200: { description: 'Ok', schema: Ok }, 409: { description: 'PROBE' } }, (res) =>
      res
        .status(409)
        .type('application/problem+json')
        .send(JSON.stringify(problem(400))),
    );
  },
};

const t = appForFile({ modules: [driftProbe] });
const doc = () => t.openApiDocument() as unknown as OpenApiDocument & { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

describe('the drift check on every API test response', () => {
  afterEach(() => takeDriftViolations());

  it.each(['/true', '/csv', '/empty', '/problem'])('lets a response the document declares pass (%s)', async (path) => {
    await request(t.app).get(`/api/_probe/drift${path}`);
    expect(takeDriftViolations()).toEqual([]);
  });

  it.each([
    ['/undeclared-status', /418 is not declared for GET \/api\/_probe\/drift\/undeclared-status \(declared: 200, 429, 500\)/],
    ['/wrong-body', /the body does not match .*\n\s+\/ok must be boolean/],
    ['/wrong-type', /answered text\/plain, but the document declares application\/json/],
    ['/body-on-empty', /200 of GET \/api\/_probe\/drift\/body-on-empty is declared without content, but it sent application\/json/],
    ['/problem-shape', /must have required property 'code'/],
    ['/problem-status', /the problem's status 400 is not the HTTP status 409/],
  ])('records a response that breaks the document (%s), naming what is wrong', async (path, message) => {
    await request(t.app).get(`/api/_probe/drift${path}`);
    const violations = takeDriftViolations();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(message);
  });

  it('holds answers no operation owns (unknown paths, other methods) to the Problem schema', async () => {
    await request(t.app).get('/api/no-such-thing').expect(404);
    await request(t.app).delete('/api/_probe/drift/true').expect(405);
    expect(takeDriftViolations()).toEqual([]);
  });

  it('picks the operation the router picks: the most specific template, HEAD as GET', () => {
    const checker = new OpenApiResponseChecker(doc());
    expect(checker.operationOf('POST', '/api/customers/search')?.template).toBe('/api/customers/search');
    expect(checker.operationOf('GET', `/api/customers/${crypto.randomUUID()}`)?.template).toBe('/api/customers/{id}');
    expect(checker.operationOf('GET', '/api/customers/search')).toBeUndefined();
    expect(checker.operationOf('HEAD', '/api/system/info')?.method).toBe('get');
  });
});

describe('the document tells the truth', () => {
  it('declares 404 for POST /api/orders, which answers it for an unknown quote', async () => {
    expect(doc().paths['/api/orders']!.post!.responses['404']).toBeDefined();
    const branch = await makeBranch(t.db);
    const agent = await sessionAs(t, 'agent', branch.id);
    const res = await request(t.app).post('/api/orders').set(agent.auth).send({ quoteId: crypto.randomUUID() });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('declares what every route can answer: 401/403/503 behind a login, 409 on writes, 429 under /api', () => {
    for (const [path, operations] of Object.entries(doc().paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        const where = `${method.toUpperCase()} ${path}`;
        const isPublic = (operation as { security?: unknown[] }).security?.length === 0;
        if (!isPublic) expect({ where, statuses }).toEqual({ where, statuses: expect.arrayContaining(['401', '403', '500', '503']) });
        if (method !== 'get') expect({ where, statuses }).toEqual({ where, statuses: expect.arrayContaining(['409']) });
        if (path.startsWith('/api/')) expect({ where, statuses }).toEqual({ where, statuses: expect.arrayContaining(['429']) });
        else expect({ where, statuses }).toEqual({ where, statuses: expect.not.arrayContaining(['429']) });
      }
    }
  });

  it('states the rules zod checks in the request bodies (either-or, at least one field, conditional fields, dates, emails)', () => {
    const checker = new OpenApiResponseChecker(doc());
    const bodySchema = (path: string, method: string) => pointer('', 'paths', path, method, 'requestBody', 'content', 'application/json', 'schema');
    const agree = (schema: z.ZodType, documentPointer: string, samples: unknown[]) => {
      for (const sample of samples) expect({ sample, document: checker.accepts(documentPointer, sample) }).toEqual({ sample, document: schema.safeParse(sample).success });
    };
    const id = crypto.randomUUID();
    const applicant = { dateOfBirth: '1980-02-29', gender: 'female', smoker: false, region: 'NY', occupationClass: 1 };
    const quote = { productId: id, coverages: [{ code: 'TERM', sumInsured: 100000 }], termYears: 10, paymentFrequency: 'monthly' };
    agree(CreateQuoteBody, bodySchema('/api/quotes', 'post'), [
      { ...quote, customerId: id },
      { ...quote, applicant },
      quote,
      { ...quote, customerId: id, applicant },
      { ...quote, applicant: { ...applicant, dateOfBirth: '0000-01-01' } },
      { ...quote, applicant: { ...applicant, dateOfBirth: '1981-02-29' } },
    ]);
    const option = { productId: id, coverages: [{ code: 'TERM', sumInsured: 100000 }], termYears: 10 };
    agree(CompareQuotesBody, bodySchema('/api/quotes/compare', 'post'), [
      { customerId: id, options: [option, option] },
      { applicant, options: [option, option] },
      { options: [option, option] },
      { customerId: id, applicant, options: [option, option] },
    ]);
    const payment = { amount: 100, currency: 'USD' };
    agree(CreatePaymentBody, bodySchema('/api/payments', 'post'), [
      { ...payment, policyId: id, method: 'cash' },
      { ...payment, customerId: id, method: 'cash', receivedOn: '2026-01-05' },
      { ...payment, method: 'cash' },
      { ...payment, policyId: id, customerId: id, method: 'cash' },
      { ...payment, policyId: id, method: 'check', checkNumber: '1001' },
      { ...payment, policyId: id, method: 'check' },
      { ...payment, policyId: id, method: 'cash', checkNumber: '1001' },
      { ...payment, policyId: id, method: 'bank_transfer', reference: 'REF-1' },
      { ...payment, policyId: id, method: 'bank_transfer' },
      { ...payment, policyId: id, method: 'direct_debit' },
      { ...payment, policyId: id, method: 'card' },
      { ...payment, policyId: id, method: 'card', receivedOn: '2026-01-05' },
    ]);
    agree(UpdateCustomerBody, bodySchema('/api/customers/{id}', 'patch'), [
      { occupation: 'Nurse' },
      { occupation: 'Nurse', confirmNotDuplicate: true },
      { confirmNotDuplicate: true },
      {},
      { email: 'jo@example.com' },
      { email: 'not an email' },
      { address: { line1: '1 Main St', city: 'Springfield', postalCode: '10001', country: 'US' } },
      { address: { line1: '1 Main St', city: 'Springfield', postalCode: '10001', country: 'USA' } },
    ]);
    agree(UpdateBranchBody, bodySchema('/api/branches/{id}', 'patch'), [{ name: 'North' }, { active: false }, {}]);
  });

  it('states the If-Match pattern the versioned routes read: what it allows is read, the rest is a 400', async () => {
    const checker = new OpenApiResponseChecker(doc());
    const parameters = (doc().paths['/api/branches/{id}']!.patch as unknown as { parameters: { name: string; in: string; required: boolean }[] }).parameters;
    const index = parameters.findIndex((p) => p.in === 'header' && p.name === 'if-match');
    expect(parameters[index]!.required).toBe(true);
    const admin = await sessionAs(t, 'admin');
    const branch = await makeBranch(t.db);
    for (const value of ['"1"', 'W/"1"', '1', '"99"', 'abc', '"1.5"', '-1', '"1234567890"', 'W/1x']) {
      const res = await request(t.app)
        .patch(`/api/branches/${branch.id}`)
        .set(admin.auth)
        .set('If-Match', value)
        .send({ name: `Branch ${crypto.randomUUID().slice(0, 8)}` });
      const read = res.status !== 400;
      expect({ value, read }).toEqual({ value, read: checker.accepts(pointer('', 'paths', '/api/branches/{id}', 'patch', 'parameters', String(index), 'schema'), value) });
      if (!read) expect(res.body.code).toBe('INVALID_IF_MATCH');
    }
    const missing = await request(t.app).patch(`/api/branches/${branch.id}`).set(admin.auth).send({ name: 'Anything' });
    expect(missing.status).toBe(428);
  });
});
