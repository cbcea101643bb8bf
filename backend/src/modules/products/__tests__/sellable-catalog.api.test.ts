import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { publishNewVersion, publishProduct, type Session, sessionAs } from '../../../../test/support/factories';
import { termLife } from '../rating/__tests__/fixtures';

// With the server's background parts started, quotes price from an in-memory catalog that a
// PostgreSQL NOTIFY empties whenever a product or version changes: a newly published version or a
// retirement must still take effect.
let t: TestApp;
let admin: Session;
let agent: Session;
beforeAll(async () => {
  t = createTestApp();
  await t.start();
  admin = await sessionAs(t, 'admin');
  agent = await sessionAs(t, 'agent');
});
afterAll(async () => {
  await t.stop();
  await t.close();
});

const applicant = { dateOfBirth: '1990-03-01', gender: 'female', smoker: false, region: 'TX', occupationClass: 1 };
const quote = (productId: string) =>
  request(t.app)
    .post('/api/quotes')
    .set(agent.auth)
    .send({ productId, applicant, coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }], termYears: 20, paymentFrequency: 'annual' });

/** NOTIFY arrives after commit, asynchronously: allow it a moment, never a stale answer for long. */
async function eventually(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`still not true 1 s after the change: ${what}`);
}

describe('the catalog kept in memory for quoting', () => {
  it('prices with a version published after the product was cached, and stops quoting a retired product', async () => {
    const product = await publishProduct(t, admin, { code: 'CACHE', name: 'Cached term life', category: 'life', definition: termLife });
    const first = (await quote(product.id).expect(200)).body;
    expect((await quote(product.id).expect(200)).body.productVersionNumber).toBe(1);

    const dearer = { ...termLife, coverages: termLife.coverages.map((c) => (c.code === 'DEATH' ? { ...c, rate: '2.20' } : c)) };
    await publishNewVersion(t, admin, product.id, dearer);
    await eventually(async () => (await quote(product.id)).body.productVersionNumber === 2, 'version 2 in force');
    expect((await quote(product.id)).body.price.annualPremium).toBeGreaterThan(first.price.annualPremium);

    const current = (await request(t.app).get(`/api/products/${product.id}`).set(admin.auth).expect(200)).body;
    await request(t.app).post(`/api/products/${product.id}/retire`).set(admin.auth).set('If-Match', `"${current.version}"`).expect(200);
    await eventually(async () => (await quote(product.id)).status === 404, 'retired product no longer quoted');
  });

  it('reads the catalog from the database while the listener is down', async () => {
    const product = await publishProduct(t, admin, { code: 'NOCACHE', name: 'Uncached', category: 'life', definition: termLife });
    await eventually(async () => (await quote(product.id)).status === 200, 'published product quoted');
    await t.stop(); // listener gone: every quote reads the catalog again
    await t.db('products').where({ id: product.id }).update({ status: 'retired' });
    await quote(product.id).expect(404);
    await t.start();
  });
});
