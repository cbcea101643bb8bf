import crypto from 'node:crypto';
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { type Session, sessionAs } from '../../../../test/support/factories';
import { termLife } from '../rating/__tests__/fixtures';

const t = appForFile();
let admin: Session;
let agent: Session;
beforeAll(async () => {
  admin = await sessionAs(t, 'admin');
  agent = await sessionAs(t, 'agent');
});

const today = () => t.clock.businessDate();
const newProduct = async (definition: unknown = termLife) => {
  const code = `TL_${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
  const res = await request(t.app)
    .post('/api/products')
    .set(admin.auth)
    .send({ code, name: `Term life ${code}`, category: 'life', description: 'Level term life cover for 10, 20 or 30 years.', currency: 'USD', definition })
    .expect(201);
  return res.body;
};
const publish = (versionId: string, version: number, effectiveFrom = today()) =>
  request(t.app).post(`/api/product-versions/${versionId}/publish`).set(admin.auth).set('If-Match', `"${version}"`).send({ effectiveFrom });

describe('product catalog', () => {
  it('creates a product with a draft, publishes it, and agents then see it with the version in force', async () => {
    const product = await newProduct();
    expect(product).toMatchObject({ status: 'draft', currentVersion: null, draftVersion: { versionNumber: 1, status: 'draft' } });
    expect((await request(t.app).get(`/api/products/${product.id}`).set(agent.auth)).status).toBe(404);
    const published = await publish(product.draftVersion.id, 1).expect(200);
    expect(published.body).toMatchObject({ status: 'published', effectiveFrom: today() });
    const seen = await request(t.app).get(`/api/products/${product.id}`).set(agent.auth).expect(200);
    expect(seen.body).toMatchObject({ status: 'active', currentVersion: { versionNumber: 1 }, draftVersion: null });
    expect((await request(t.app).get('/api/products').query({ category: 'life' }).set(agent.auth).expect(200)).body.items.map((p: { id: string }) => p.id)).toContain(product.id);
  });

  it('refuses to publish an incomplete definition, listing every problem with its path', async () => {
    const gappy = {
      ...termLife,
      factorTables: termLife.factorTables.map((tb) =>
        tb.code === 'AGE'
          ? {
              ...tb,
              rows: [
                { from: 18, to: 29, factor: '0.80' },
                { from: 31, to: 65, factor: '1.00' },
              ],
            }
          : tb,
      ),
      termYears: [],
    };
    const product = await newProduct(gappy);
    const res = await publish(product.draftVersion.id, 1).expect(400);
    expect(res.body.code).toBe('VERSION_INVALID');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'definition.factorTables.0.rows.1.from', message: 'Gap: nothing prices 30' },
        { path: 'definition.termYears', message: 'Offer at least one term' },
      ]),
    );
    expect((await publish(product.draftVersion.id, 1, '2000-01-01').expect(400)).body.errors).toEqual(
      expect.arrayContaining([{ path: 'effectiveFrom', message: 'Publish for today or a later date' }]),
    );
  });

  it('never changes a published version (409, and the database refuses too); a new version is a draft copy', async () => {
    const product = await newProduct();
    const v1 = (await publish(product.draftVersion.id, 1).expect(200)).body;
    const edit = await request(t.app).patch(`/api/product-versions/${v1.id}`).set(admin.auth).set('If-Match', `"${v1.version}"`).send({ definition: termLife }).expect(409);
    expect(edit.body.code).toBe('VERSION_PUBLISHED');
    await expect(
      t
        .db('product_versions')
        .where({ id: v1.id })
        .update({ definition: JSON.stringify({}) }),
    ).rejects.toThrow(/published and cannot change/);

    const draft = (await request(t.app).post(`/api/products/${product.id}/versions`).set(admin.auth).expect(201)).body;
    expect(draft).toMatchObject({ versionNumber: 2, status: 'draft', definition: termLife });
    expect((await request(t.app).post(`/api/products/${product.id}/versions`).set(admin.auth).expect(409)).body.code).toBe('DRAFT_EXISTS');
    const cheaper = { ...termLife, coverages: termLife.coverages.map((c) => (c.code === 'DEATH' ? { ...c, rate: '0.95' } : c)) };
    const saved = await request(t.app).patch(`/api/product-versions/${draft.id}`).set(admin.auth).set('If-Match', '"1"').send({ definition: cheaper }).expect(200);
    await request(t.app).patch(`/api/product-versions/${draft.id}`).set(admin.auth).set('If-Match', '"1"').send({ definition: cheaper }).expect(412);
    const euro = await request(t.app)
      .patch(`/api/product-versions/${draft.id}`)
      .set(admin.auth)
      .set('If-Match', `"${saved.body.version}"`)
      .send({ definition: { ...cheaper, currency: 'EUR' } })
      .expect(400);
    expect(euro.body.errors).toEqual([{ path: 'definition.currency', message: 'Must be the product currency' }]);
    const tomorrow = new Date(Date.parse(`${today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await publish(draft.id, saved.body.version, tomorrow).expect(200);
    // Today the first version is still the one in force; version 1 is untouched.
    const now = (await request(t.app).get(`/api/products/${product.id}`).set(agent.auth).expect(200)).body;
    expect(now.currentVersion).toMatchObject({ versionNumber: 1, definition: termLife });
  });

  it('validates the definition shape on every save (decimal strings, no unknown fields)', async () => {
    const code = `TL_${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
    const res = await request(t.app)
      .post('/api/products')
      .set(admin.auth)
      .send({
        code,
        name: 'Broken',
        category: 'life',
        description: 'x',
        currency: 'USD',
        definition: { ...termLife, coverages: [{ ...termLife.coverages[0], rate: 1.1 }], surprise: true },
      })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['definition.coverages.0.rate', 'definition.surprise']));
  });

  it('retires a product (If-Match); agents no longer see it; catalog changes are for admins only', async () => {
    const product = await newProduct();
    await publish(product.draftVersion.id, 1).expect(200);
    const current = (await request(t.app).get(`/api/products/${product.id}`).set(admin.auth)).body;
    await request(t.app).post(`/api/products/${product.id}/retire`).set(admin.auth).set('If-Match', `"${current.version}"`).expect(200);
    await request(t.app).get(`/api/products/${product.id}`).set(agent.auth).expect(404);
    await request(t.app).post(`/api/products/${product.id}/versions`).set(agent.auth).expect(403);
  });

  it('lists versions (in force, scheduled, superseded); a new draft copies the latest published, even a scheduled one', async () => {
    const product = await newProduct();
    await publish(product.draftVersion.id, 1).expect(200);
    const v2 = (await request(t.app).post(`/api/products/${product.id}/versions`).set(admin.auth).expect(201)).body;
    const dearer = { ...termLife, policyFee: 40_00 };
    const edited = (await request(t.app).patch(`/api/product-versions/${v2.id}`).set(admin.auth).set('If-Match', '"1"').send({ definition: dearer }).expect(200)).body;
    const nextYear = `${Number(today().slice(0, 4)) + 1}-01-01`;
    await publish(v2.id, edited.version, nextYear).expect(200);
    const versions = (await request(t.app).get(`/api/products/${product.id}/versions`).set(agent.auth).expect(200)).body.items;
    expect(versions.map((v: { versionNumber: number; state: string }) => `${v.versionNumber}:${v.state}`)).toEqual(['2:scheduled', '1:in_force']);
    const listed = (await request(t.app).get('/api/products').set(agent.auth).expect(200)).body.items.find((p: { id: string }) => p.id === product.id);
    expect(listed.inForce).toEqual({ versionNumber: 1, effectiveFrom: today() });
    // Version 3 starts from version 2's definition, not from the one in force today.
    const v3 = (await request(t.app).post(`/api/products/${product.id}/versions`).set(admin.auth).expect(201)).body;
    expect(v3.definition.policyFee).toBe(40_00);
    expect((await request(t.app).get(`/api/products/${product.id}/versions`).set(admin.auth).expect(200)).body.items[0]).toMatchObject({ versionNumber: 3, state: 'draft' });
  });

  it('a retired product’s draft can no longer be edited or published (409 PRODUCT_RETIRED)', async () => {
    const product = await newProduct();
    await publish(product.draftVersion.id, 1).expect(200);
    const draft = (await request(t.app).post(`/api/products/${product.id}/versions`).set(admin.auth).expect(201)).body;
    const current = (await request(t.app).get(`/api/products/${product.id}`).set(admin.auth)).body;
    await request(t.app).post(`/api/products/${product.id}/retire`).set(admin.auth).set('If-Match', `"${current.version}"`).expect(200);
    expect((await request(t.app).patch(`/api/product-versions/${draft.id}`).set(admin.auth).set('If-Match', '"1"').send({ definition: termLife }).expect(409)).body.code).toBe(
      'PRODUCT_RETIRED',
    );
    expect((await publish(draft.id, 1).expect(409)).body.code).toBe('PRODUCT_RETIRED');
  });
});
