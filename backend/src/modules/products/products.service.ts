// The catalog: products and their versions. Drafts are edited freely; publishing validates the
// whole definition and freezes the version (a database trigger refuses later changes); a new
// version starts as a copy of the one in force.
import type { CreateProductBody, ProductDefinition, Product, ProductVersion } from '../../contracts/products';
import { withTransaction, type Db, type DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import { validateDefinition } from './rating/validate-definition';
import { productsConflict, versionInvalid } from './products.errors';

interface ProductRow {
  id: string;
  code: string;
  name: string;
  category: Product['category'];
  description: string;
  currency: string;
  status: Product['status'];
  version: number;
}

interface VersionRow {
  id: string;
  product_id: string;
  version_number: number;
  status: ProductVersion['status'];
  effective_from: string | null;
  definition: ProductDefinition;
  published_at: Date | null;
  version: number;
}

const toVersion = (v: VersionRow): ProductVersion => ({
  id: v.id,
  productId: v.product_id,
  versionNumber: v.version_number,
  status: v.status,
  effectiveFrom: v.effective_from,
  definition: v.definition,
  publishedAt: v.published_at?.toISOString() ?? null,
  version: v.version,
});

const summary = (p: ProductRow) => ({ id: p.id, code: p.code, name: p.name, category: p.category, description: p.description, currency: p.currency, status: p.status, version: p.version });

export class ProductsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  private mayManage = (actor: Actor) => actor.permissions.has('products:manage');

  async list(actor: Actor, filter: { category?: Product['category']; status?: Product['status'] }) {
    const today = this.clock.businessDate();
    const q = this.db('products as p')
      .leftJoin(
        this.db.raw(
          `LATERAL (SELECT version_number, effective_from FROM product_versions v
                     WHERE v.product_id = p.id AND v.status = 'published' AND v.effective_from <= ?
                     ORDER BY effective_from DESC, version_number DESC LIMIT 1) cv ON true`,
          [today],
        ),
      )
      .orderBy('p.name')
      .select('p.*', 'cv.version_number as current_version_number', 'cv.effective_from as current_effective_from');
    if (filter.category) q.where('p.category', filter.category);
    // Agents and underwriters see what can be sold; catalog managers see drafts and retired too.
    if (!this.mayManage(actor)) q.where('p.status', 'active');
    else if (filter.status) q.where('p.status', filter.status);
    return (await q).map((p) => ({ ...summary(p), inForce: p.current_version_number ? { versionNumber: p.current_version_number, effectiveFrom: p.current_effective_from } : null }));
  }

  /** Every version of a product, newest first (drafts only for catalog managers). */
  async versions(actor: Actor, productId: string) {
    const product = await this.db<ProductRow>('products').where({ id: productId }).first();
    if (!product || (product.status !== 'active' && !this.mayManage(actor))) throw new NotFoundError('product');
    const q = this.db<VersionRow>('product_versions').where({ product_id: productId }).orderBy('version_number', 'desc').select('id', 'product_id', 'version_number', 'status', 'effective_from', 'published_at', 'version');
    if (!this.mayManage(actor)) q.where('status', 'published');
    const today = this.clock.businessDate();
    const rows = await q;
    const inForce = rows.find((v) => v.status === 'published' && v.effective_from! <= today && !rows.some((w) => w.status === 'published' && w.effective_from! <= today && (w.effective_from! > v.effective_from! || (w.effective_from === v.effective_from && w.version_number > v.version_number))));
    return {
      items: rows.map((v) => ({
        id: v.id,
        versionNumber: v.version_number,
        status: v.status,
        effectiveFrom: v.effective_from,
        publishedAt: v.published_at?.toISOString() ?? null,
        /** in_force today, scheduled for a later date, superseded, or a draft. */
        state: v.status === 'draft' ? ('draft' as const) : v.id === inForce?.id ? ('in_force' as const) : v.effective_from! > today ? ('scheduled' as const) : ('superseded' as const),
      })),
    };
  }

  /** The published version in force on `date` (the latest effective on or before it). */
  currentVersion(db: DbOrTrx, productId: string, date: string): Promise<VersionRow | undefined> {
    return db<VersionRow>('product_versions').where({ product_id: productId, status: 'published' }).where('effective_from', '<=', date).orderBy('effective_from', 'desc').orderBy('version_number', 'desc').first();
  }

  async get(actor: Actor, id: string): Promise<Product> {
    const product = await this.db<ProductRow>('products').where({ id }).first();
    if (!product || (product.status !== 'active' && !this.mayManage(actor))) throw new NotFoundError('product');
    const current = await this.currentVersion(this.db, id, this.clock.businessDate());
    const draft = this.mayManage(actor) ? await this.db<VersionRow>('product_versions').where({ product_id: id, status: 'draft' }).first() : undefined;
    return { ...summary(product), currentVersion: current ? toVersion(current) : null, draftVersion: draft ? toVersion(draft) : null };
  }

  async getVersion(actor: Actor, versionId: string): Promise<ProductVersion> {
    const v = await this.db<VersionRow>('product_versions').where({ id: versionId }).first();
    if (!v || (v.status === 'draft' && !this.mayManage(actor))) throw new NotFoundError('product version');
    return toVersion(v);
  }

  async create(actor: Actor, input: CreateProductBody): Promise<Product> {
    if (input.definition.currency !== input.currency) throw new ValidationError([{ path: 'definition.currency', message: 'Must be the product currency' }]);
    const now = this.clock.now();
    const id = await withTransaction(this.db, async (trx) => {
      if (await trx('products').where({ code: input.code }).first()) {
        throw productsConflict('PRODUCT_EXISTS', 'A product with this code already exists.', { errors: [{ path: 'code', message: 'Already in use' }] });
      }
      const [product] = await trx('products')
        .insert({ code: input.code, name: input.name, category: input.category, description: input.description, currency: input.currency, created_at: now, updated_at: now, created_by: actor.userId })
        .returning('*');
      await trx('product_versions').insert({ product_id: product.id, version_number: 1, definition: JSON.stringify(input.definition), created_at: now, updated_at: now, created_by: actor.userId });
      await this.audit.record(trx, { actor, action: 'product.create', entity: { type: 'product', id: product.id }, after: summary(product) });
      return product.id as string;
    });
    return this.get(actor, id);
  }

  /** A new draft, copied from the version in force (or the latest published one). */
  async createDraft(actor: Actor, productId: string): Promise<ProductVersion> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const product = await trx<ProductRow>('products').where({ id: productId }).forUpdate().first();
      if (!product) throw new NotFoundError('product');
      if (product.status === 'retired') throw productsConflict('PRODUCT_RETIRED', 'A retired product gets no new versions.');
      if (await trx('product_versions').where({ product_id: productId, status: 'draft' }).first()) throw productsConflict('DRAFT_EXISTS', 'This product already has a draft version; edit or publish it first.');
      // The latest published version — even one scheduled for a later date — so no change is lost.
      const source = await trx<VersionRow>('product_versions').where({ product_id: productId }).orderBy('version_number', 'desc').first();
      const [{ max }] = await trx('product_versions').where({ product_id: productId }).max<{ max: number }[]>('version_number as max');
      const [draft] = await trx('product_versions')
        .insert({ product_id: productId, version_number: Number(max) + 1, definition: JSON.stringify(source!.definition), created_at: now, updated_at: now, created_by: actor.userId })
        .returning('*');
      await this.audit.record(trx, { actor, action: 'product.draft_version', entity: { type: 'product', id: productId }, metadata: { versionId: draft.id, versionNumber: draft.version_number, copiedFrom: source!.version_number } });
      return toVersion(draft);
    });
  }

  private async lockDraft(trx: DbOrTrx, versionId: string, version: number): Promise<VersionRow> {
    const v = await trx<VersionRow>('product_versions').where({ id: versionId }).forUpdate().first();
    if (!v) throw new NotFoundError('product version');
    if (v.status === 'published') throw productsConflict('VERSION_PUBLISHED', 'A published version cannot change; create a new draft instead.', { currentStatus: v.status });
    const product = await trx<ProductRow>('products').where({ id: v.product_id }).first('status');
    if (product?.status === 'retired') throw productsConflict('PRODUCT_RETIRED', 'The product is retired: its draft can no longer be edited or published.');
    if (v.version !== version) throw new PreconditionFailedError(v.version);
    return v;
  }

  async updateDraft(actor: Actor, versionId: string, version: number, definition: ProductDefinition): Promise<ProductVersion> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const before = await this.lockDraft(trx, versionId, version);
      const product = await trx<ProductRow>('products').where({ id: before.product_id }).first();
      if (definition.currency !== product!.currency) throw new ValidationError([{ path: 'definition.currency', message: 'Must be the product currency' }]);
      const [after] = await trx('product_versions')
        .where({ id: versionId })
        .update({ definition: JSON.stringify(definition), updated_at: now, version: trx.raw('version + 1') })
        .returning('*');
      await this.audit.record(trx, { actor, action: 'product.edit_draft', entity: { type: 'product', id: before.product_id }, metadata: { versionId, versionNumber: before.version_number } });
      return toVersion(after);
    });
  }

  /** Validates the whole definition (400 with paths under `definition.`) and freezes the version. */
  async publish(actor: Actor, versionId: string, version: number, effectiveFrom: string): Promise<ProductVersion> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const draft = await this.lockDraft(trx, versionId, version);
      const problems = validateDefinition(draft.definition).map((e) => ({ path: `definition.${e.path}`, message: e.message }));
      if (effectiveFrom < this.clock.businessDate(now)) problems.push({ path: 'effectiveFrom', message: 'Publish for today or a later date' });
      if (problems.length) throw versionInvalid(problems);
      const [published] = await trx('product_versions')
        .where({ id: versionId })
        .update({ status: 'published', effective_from: effectiveFrom, published_at: now, published_by: actor.userId, updated_at: now, version: trx.raw('version + 1') })
        .returning('*');
      await trx('products').where({ id: draft.product_id, status: 'draft' }).update({ status: 'active', updated_at: now, version: trx.raw('version + 1') });
      await this.audit.record(trx, { actor, action: 'product.publish', entity: { type: 'product', id: draft.product_id }, metadata: { versionId, versionNumber: draft.version_number, effectiveFrom } });
      return toVersion(published);
    });
  }

  async retire(actor: Actor, productId: string, version: number): Promise<Product> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      const product = await trx<ProductRow>('products').where({ id: productId }).forUpdate().first();
      if (!product) throw new NotFoundError('product');
      if (product.version !== version) throw new PreconditionFailedError(product.version);
      if (product.status === 'retired') throw productsConflict('PRODUCT_RETIRED', 'The product is already retired.');
      await trx('products').where({ id: productId }).update({ status: 'retired', updated_at: now, version: trx.raw('version + 1') });
      await this.audit.record(trx, { actor, action: 'product.retire', entity: { type: 'product', id: productId }, before: { status: product.status }, after: { status: 'retired' } });
    });
    return this.get(actor, productId);
  }
}
