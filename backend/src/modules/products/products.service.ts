// The catalog: products and their versions. Drafts are edited freely; publishing validates the
// whole definition and freezes the version (a database trigger refuses later changes); a new
// version starts as a copy of the one in force.
import type { CreateProductBody, ProductDefinition, Product, ProductVersion } from '../../contracts/products';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import * as repo from './products.repository';
import type { ProductRow, VersionRow } from './products.repository';
import { validateDefinition } from './rating/validate-definition';
import { productsConflict, versionInvalid } from './products.errors';

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

const summary = (p: ProductRow) => ({
  id: p.id,
  code: p.code,
  name: p.name,
  category: p.category,
  description: p.description,
  currency: p.currency,
  status: p.status,
  fastTrackSuspended: p.fast_track_suspended,
  version: p.version,
});

export class ProductsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  private mayManage = (actor: Actor) => actor.permissions.has('products:manage');

  async list(actor: Actor, filter: { category?: Product['category']; status?: Product['status'] }) {
    const today = this.clock.businessDate();
    // Agents and underwriters see what can be sold; catalog managers see drafts and retired too.
    const rows = await repo.listWithVersionInForce(this.db, today, { category: filter.category, status: this.mayManage(actor) ? filter.status : 'active' });
    return rows.map((p) => ({ ...summary(p), inForce: p.current_version_number ? { versionNumber: p.current_version_number, effectiveFrom: p.current_effective_from } : null }));
  }

  /** Every version of a product, newest first (drafts only for catalog managers). */
  async versions(actor: Actor, productId: string) {
    const product = await repo.findProduct(this.db, productId);
    if (!product || (product.status !== 'active' && !this.mayManage(actor))) throw new NotFoundError('product');
    const rows = await repo.versionsOf(this.db, productId, { publishedOnly: !this.mayManage(actor) });
    const today = this.clock.businessDate();
    const inForce = rows.find(
      (v) =>
        v.status === 'published' &&
        v.effective_from! <= today &&
        !rows.some(
          (w) =>
            w.status === 'published' &&
            w.effective_from! <= today &&
            (w.effective_from! > v.effective_from! || (w.effective_from === v.effective_from && w.version_number > v.version_number)),
        ),
    );
    return {
      items: rows.map((v) => ({
        id: v.id,
        versionNumber: v.version_number,
        status: v.status,
        effectiveFrom: v.effective_from,
        publishedAt: v.published_at?.toISOString() ?? null,
        /** in_force today, scheduled for a later date, superseded, or a draft. */
        state:
          v.status === 'draft' ? ('draft' as const) : v.id === inForce?.id ? ('in_force' as const) : v.effective_from! > today ? ('scheduled' as const) : ('superseded' as const),
      })),
    };
  }

  /** The published version in force on `date` (the latest effective on or before it). */
  currentVersion(db: DbOrTrx, productId: string, date: string): Promise<VersionRow | undefined> {
    return repo.versionInForce(db, productId, date);
  }

  async get(actor: Actor, id: string): Promise<Product> {
    const product = await repo.findProduct(this.db, id);
    if (!product || (product.status !== 'active' && !this.mayManage(actor))) throw new NotFoundError('product');
    const current = await this.currentVersion(this.db, id, this.clock.businessDate());
    const draft = this.mayManage(actor) ? await repo.draftOf(this.db, id) : undefined;
    return { ...summary(product), currentVersion: current ? toVersion(current) : null, draftVersion: draft ? toVersion(draft) : null };
  }

  async getVersion(actor: Actor, versionId: string): Promise<ProductVersion> {
    const v = await repo.findVersion(this.db, versionId);
    if (!v || (v.status === 'draft' && !this.mayManage(actor))) throw new NotFoundError('product version');
    return toVersion(v);
  }

  async create(actor: Actor, input: CreateProductBody): Promise<Product> {
    if (input.definition.currency !== input.currency) throw new ValidationError([{ path: 'definition.currency', message: 'Must be the product currency' }]);
    const now = this.clock.now();
    const id = await withTransaction(this.db, async (trx) => {
      if (await repo.codeInUse(trx, input.code)) {
        throw productsConflict('PRODUCT_EXISTS', 'A product with this code already exists.', { errors: [{ path: 'code', message: 'Already in use' }] });
      }
      const product = await repo.insertProduct(trx, {
        code: input.code,
        name: input.name,
        category: input.category,
        description: input.description,
        currency: input.currency,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
      });
      await repo.insertVersion(trx, { product_id: product.id, version_number: 1, definition: input.definition, created_at: now, updated_at: now, created_by: actor.userId });
      await this.audit.record(trx, { actor, action: 'product.create', entity: { type: 'product', id: product.id }, after: summary(product) });
      return product.id as string;
    });
    return this.get(actor, id);
  }

  /** A new draft, copied from the version in force (or the latest published one). */
  async createDraft(actor: Actor, productId: string): Promise<ProductVersion> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const product = await repo.findProduct(trx, productId, { forUpdate: true });
      if (!product) throw new NotFoundError('product');
      if (product.status === 'retired') throw productsConflict('PRODUCT_RETIRED', 'A retired product gets no new versions.');
      if (await repo.draftOf(trx, productId)) throw productsConflict('DRAFT_EXISTS', 'This product already has a draft version; edit or publish it first.');
      // The latest published version — even one scheduled for a later date — so no change is lost.
      // (With no draft, the highest-numbered version is the latest published one.)
      const source = (await repo.latestVersion(trx, productId))!;
      const draft = await repo.insertVersion(trx, {
        product_id: productId,
        version_number: source.version_number + 1,
        definition: source.definition,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
      });
      await this.audit.record(trx, {
        actor,
        action: 'product.draft_version',
        entity: { type: 'product', id: productId },
        metadata: { versionId: draft.id, versionNumber: draft.version_number, copiedFrom: source.version_number },
      });
      return toVersion(draft);
    });
  }

  private async lockDraft(trx: Trx, versionId: string, version: number): Promise<VersionRow> {
    const v = await repo.findVersion(trx, versionId, { forUpdate: true });
    if (!v) throw new NotFoundError('product version');
    if (v.status === 'published') throw productsConflict('VERSION_PUBLISHED', 'A published version cannot change; create a new draft instead.', { currentStatus: v.status });
    const product = await repo.findProduct(trx, v.product_id);
    if (product?.status === 'retired') throw productsConflict('PRODUCT_RETIRED', 'The product is retired: its draft can no longer be edited or published.');
    if (v.version !== version) throw new PreconditionFailedError(v.version);
    return v;
  }

  async updateDraft(actor: Actor, versionId: string, version: number, definition: ProductDefinition): Promise<ProductVersion> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const before = await this.lockDraft(trx, versionId, version);
      const product = await repo.findProduct(trx, before.product_id);
      if (definition.currency !== product!.currency) throw new ValidationError([{ path: 'definition.currency', message: 'Must be the product currency' }]);
      const after = await repo.updateVersion(trx, versionId, { definition, updated_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'product.edit_draft',
        entity: { type: 'product', id: before.product_id },
        metadata: { versionId, versionNumber: before.version_number },
      });
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
      const published = await repo.updateVersion(trx, versionId, {
        status: 'published',
        effective_from: effectiveFrom,
        published_at: now,
        published_by: actor.userId,
        updated_at: now,
      });
      await repo.setProductStatus(trx, draft.product_id, 'active', now, 'draft');
      await this.audit.record(trx, {
        actor,
        action: 'product.publish',
        entity: { type: 'product', id: draft.product_id },
        metadata: { versionId, versionNumber: draft.version_number, effectiveFrom },
      });
      return toVersion(published);
    });
  }

  async retire(actor: Actor, productId: string, version: number): Promise<Product> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      const product = await repo.findProduct(trx, productId, { forUpdate: true });
      if (!product) throw new NotFoundError('product');
      if (product.version !== version) throw new PreconditionFailedError(product.version);
      if (product.status === 'retired') throw productsConflict('PRODUCT_RETIRED', 'The product is already retired.');
      await repo.setProductStatus(trx, productId, 'retired', now);
      await this.audit.record(trx, {
        actor,
        action: 'product.retire',
        entity: { type: 'product', id: productId },
        before: { status: product.status },
        after: { status: 'retired' },
      });
    });
    return this.get(actor, productId);
  }

  /** Switches fast-track claims off for the whole product (or back on, as its versions' rules say), with the reason; audited. */
  async setFastTrack(actor: Actor, productId: string, version: number, body: { suspended: boolean; reason: string }): Promise<Product> {
    const now = this.clock.now();
    await withTransaction(this.db, async (trx) => {
      const product = await repo.findProduct(trx, productId, { forUpdate: true });
      if (!product) throw new NotFoundError('product');
      if (product.version !== version) throw new PreconditionFailedError(product.version);
      await repo.setFastTrackSuspended(trx, productId, body.suspended, now);
      await this.audit.record(trx, {
        actor,
        action: 'product.fast_track',
        entity: { type: 'product', id: productId },
        before: { fastTrackSuspended: product.fast_track_suspended },
        after: { fastTrackSuspended: body.suspended },
        metadata: { reason: body.reason },
      });
    });
    return this.get(actor, productId);
  }
}
