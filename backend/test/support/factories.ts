// Test data made through the database the app uses. Every factory makes fresh, unique rows, so tests
// never depend on each other's data or order.
import crypto from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { Role } from '../../src/contracts/auth';
import type { Db } from '../../src/db';
import { hashPassword } from '../../src/modules/identity/passwords';

export const TEST_PASSWORD = 'Unit-test-passphrase-42';
const unique = () => crypto.randomBytes(4).toString('hex');
let passwordHash: Promise<string> | undefined;

export async function makeBranch(db: Db, overrides: { name?: string; active?: boolean } = {}) {
  const u = unique().toUpperCase();
  const now = new Date();
  const [row] = await db('branches')
    .insert({ code: `B_${u}`, name: overrides.name ?? `Branch ${u}`, active: overrides.active ?? true, created_at: now, updated_at: now })
    .returning('*');
  return row as { id: string; code: string; name: string; version: number };
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  branchId: string;
  password: string;
}

export async function makeUser(
  db: Db,
  overrides: { role?: Role; branchId?: string; managedBranchIds?: string[]; active?: boolean; mustChangePassword?: boolean; email?: string } = {},
): Promise<TestUser> {
  const branchId = overrides.branchId ?? (await makeBranch(db)).id;
  const u = unique();
  const now = new Date();
  const [row] = await db('users')
    .insert({
      email: overrides.email ?? `user-${u}@test.example`,
      name: `Test User ${u}`,
      role: overrides.role ?? 'agent',
      branch_id: branchId,
      password_hash: await (passwordHash ??= hashPassword(TEST_PASSWORD, 4)),
      must_change_password: overrides.mustChangePassword ?? false,
      active: overrides.active ?? true,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('*');
  if (overrides.managedBranchIds?.length) {
    await db('user_managed_branches').insert(overrides.managedBranchIds.map((b) => ({ user_id: row.id, branch_id: b })));
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, branchId, password: TEST_PASSWORD };
}

export interface Session {
  token: string;
  /** The `pd_refresh=…` cookie pair. */
  refreshCookie: string;
  auth: { Authorization: string };
}

export async function login(app: App, user: { email: string; password: string }): Promise<Session> {
  const res = await request(app).post('/api/auth/login').send({ email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`login of ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('pd_refresh='));
  return { token: res.body.accessToken, refreshCookie: cookie!.split(';')[0]!, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
}

/** A user of `role` and their session, in one step. */
export async function loggedIn(app: App, db: Db, overrides: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(db, overrides);
  return { user, session: await login(app, user) };
}

/** The session of a new user of `role` (in `branchId`, else a new branch). */
export async function sessionAs(t: { app: App; db: Db }, role: Role, branchId?: string): Promise<Session> {
  return (await loggedIn(t.app, t.db, branchId ? { role, branchId } : { role })).session;
}

const letters = () => Array.from(crypto.randomBytes(6), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');

const FIRST_NAMES = ['Jordan', 'Avery', 'Morgan', 'Riley', 'Casey', 'Quinn', 'Harper', 'Rowan', 'Emery', 'Sasha'];

/** A valid create-customer body for a new, distinct person (random surname and birth date). */
export function customerBody(branchId: string, overrides: Record<string, unknown> = {}) {
  const tag = letters() + letters();
  return {
    firstName: FIRST_NAMES[crypto.randomInt(FIRST_NAMES.length)],
    lastName: `${tag[0]!.toUpperCase()}${tag.slice(1)}`,
    dateOfBirth: `${crypto.randomInt(1950, 2000)}-${String(crypto.randomInt(1, 13)).padStart(2, '0')}-${String(crypto.randomInt(1, 29)).padStart(2, '0')}`,
    gender: 'female',
    email: `${tag}@example.com`,
    // Random enough that two test customers never share a phone (which would flag a duplicate).
    phone: `(${crypto.randomInt(201, 990)}) ${crypto.randomInt(200, 1000)}-${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`,
    address: { line1: '12 High Street', city: 'Springfield', region: 'NY', postalCode: '10001', country: 'US' },
    nationalId: `${crypto.randomInt(100, 999)}-${crypto.randomInt(10, 99)}-${crypto.randomInt(1000, 9999)}`,
    occupation: 'Teacher',
    occupationClass: 1,
    smoker: false,
    preferredChannel: 'email',
    consents: { marketing: false, dataProcessing: true },
    branchId,
    ...overrides,
  };
}

export async function makeCustomer(app: App, session: Session, branchId: string, overrides: Record<string, unknown> = {}) {
  const body = customerBody(branchId, overrides);
  const res = await request(app).post('/api/customers').set(session.auth).send(body);
  if (res.status !== 201) throw new Error(`customer creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { customer: res.body as { id: string; customerNumber: string; version: number; lastName: string; branchId: string }, body };
}

/** Creates a product (code made unique with a random suffix) and publishes its first version, in force today. */
export async function publishProduct(
  t: { app: App; clock: { businessDate(): string } },
  admin: Session,
  product: { code: string; name: string; category: string; definition: unknown },
) {
  const created = (
    await request(t.app)
      .post('/api/products')
      .set(admin.auth)
      .send({ ...product, code: `${product.code}_${unique().toUpperCase()}`, description: 'x', currency: 'USD' })
      .expect(201)
  ).body as { id: string; draftVersion: { id: string } };
  await request(t.app)
    .post(`/api/product-versions/${created.draftVersion.id}/publish`)
    .set(admin.auth)
    .set('If-Match', '"1"')
    .send({ effectiveFrom: t.clock.businessDate() })
    .expect(200);
  return created;
}

/** Starts a new draft version of a product with `definition` and publishes it, in force today. */
export async function publishNewVersion(t: { app: App; clock: { businessDate(): string } }, admin: Session, productId: string, definition: unknown) {
  const draft = (await request(t.app).post(`/api/products/${productId}/versions`).set(admin.auth).expect(201)).body;
  const edited = (await request(t.app).patch(`/api/product-versions/${draft.id}`).set(admin.auth).set('If-Match', '"1"').send({ definition }).expect(200)).body;
  await request(t.app)
    .post(`/api/product-versions/${draft.id}/publish`)
    .set(admin.auth)
    .set('If-Match', `"${edited.version}"`)
    .send({ effectiveFrom: t.clock.businessDate() })
    .expect(200);
}

/** A document's content, read as bytes (a refusal arrives as the bytes of a problem+json document). */
export const downloadDocument = (app: App, session: Session, id: string) =>
  request(app)
    .get(`/api/documents/${id}/content`)
    .set(session.auth)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
