// SQL for the catalog: products and their versions. First argument: the db or the transaction.
import type { Product, ProductDefinition, ProductVersion } from '../../contracts/products';
import type { DbOrTrx, Trx } from '../../db';

export interface ProductRow {
  id: string;
  code: string;
  name: string;
  category: Product['category'];
  description: string;
  currency: string;
  status: Product['status'];
  fast_track_suspended: boolean;
  version: number;
}

export interface VersionRow {
  id: string;
  product_id: string;
  version_number: number;
  status: ProductVersion['status'];
  effective_from: string | null;
  definition: ProductDefinition;
  published_at: Date | null;
  version: number;
}

/** Products by name, each with the version in force on `date` (number and effective date, when there is one). */
export function listWithVersionInForce(
  db: DbOrTrx,
  date: string,
  filter: { category?: Product['category']; status?: Product['status'] },
): Promise<(ProductRow & { current_version_number: number | null; current_effective_from: string | null })[]> {
  const q = db('products as p')
    .leftJoin(
      db.raw(
        `LATERAL (SELECT version_number, effective_from FROM product_versions v
                   WHERE v.product_id = p.id AND v.status = 'published' AND v.effective_from <= ?
                   ORDER BY effective_from DESC, version_number DESC LIMIT 1) cv ON true`,
        [date],
      ),
    )
    .orderBy('p.name')
    .select('p.*', 'cv.version_number as current_version_number', 'cv.effective_from as current_effective_from');
  if (filter.category) q.where('p.category', filter.category);
  if (filter.status) q.where('p.status', filter.status);
  return q;
}

export function findProduct(db: DbOrTrx, id: string, { forUpdate = false } = {}): Promise<ProductRow | undefined> {
  const q = db<ProductRow>('products').where({ id }).first();
  if (forUpdate) q.forUpdate();
  return q;
}

export async function codeInUse(db: DbOrTrx, code: string): Promise<boolean> {
  return !!(await db('products').where({ code }).first('id'));
}

export async function insertProduct(
  trx: Trx,
  row: Pick<ProductRow, 'code' | 'name' | 'category' | 'description' | 'currency'> & { created_at: Date; updated_at: Date; created_by: string },
): Promise<ProductRow> {
  const [product] = await trx('products').insert(row).returning('*');
  return product;
}

export async function setProductStatus(trx: Trx, id: string, status: Product['status'], now: Date, onlyFrom?: Product['status']): Promise<void> {
  const q = trx('products').where({ id });
  if (onlyFrom) q.where({ status: onlyFrom });
  await q.update({ status, updated_at: now, version: trx.raw('version + 1') });
}

/** Versions of a product, newest first, without their definitions. */
export function versionsOf(db: DbOrTrx, productId: string, { publishedOnly = false } = {}): Promise<Omit<VersionRow, 'definition'>[]> {
  const q = db<VersionRow>('product_versions')
    .where({ product_id: productId })
    .orderBy('version_number', 'desc')
    .select('id', 'product_id', 'version_number', 'status', 'effective_from', 'published_at', 'version');
  if (publishedOnly) q.where('status', 'published');
  return q;
}

/** The published version in force on `date` (the latest effective on or before it). */
export function versionInForce(db: DbOrTrx, productId: string, date: string): Promise<VersionRow | undefined> {
  return db<VersionRow>('product_versions')
    .where({ product_id: productId, status: 'published' })
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .orderBy('version_number', 'desc')
    .first();
}

/** Published versions, latest effective first (what quoting sells). */
export function publishedVersions(db: DbOrTrx, productId: string): Promise<Pick<VersionRow, 'id' | 'version_number' | 'effective_from' | 'definition'>[]> {
  return db('product_versions')
    .where({ product_id: productId, status: 'published' })
    .orderBy([
      { column: 'effective_from', order: 'desc' },
      { column: 'version_number', order: 'desc' },
    ])
    .select('id', 'version_number', 'effective_from', 'definition');
}

export function findActiveProduct(db: DbOrTrx, id: string): Promise<Pick<ProductRow, 'id' | 'name'> | undefined> {
  return db('products').where({ id, status: 'active' }).first('id', 'name');
}

export function draftOf(db: DbOrTrx, productId: string): Promise<VersionRow | undefined> {
  return db<VersionRow>('product_versions').where({ product_id: productId, status: 'draft' }).first();
}

/** The version with the highest number, whatever its state. */
export function latestVersion(db: DbOrTrx, productId: string): Promise<VersionRow | undefined> {
  return db<VersionRow>('product_versions').where({ product_id: productId }).orderBy('version_number', 'desc').first();
}

export function findVersion(db: DbOrTrx, id: string, { forUpdate = false } = {}): Promise<VersionRow | undefined> {
  const q = db<VersionRow>('product_versions').where({ id }).first();
  if (forUpdate) q.forUpdate();
  return q;
}

export async function insertVersion(
  trx: Trx,
  row: { product_id: string; version_number: number; definition: ProductDefinition; created_at: Date; updated_at: Date; created_by: string },
): Promise<VersionRow> {
  const [version] = await trx('product_versions')
    .insert({ ...row, definition: JSON.stringify(row.definition) })
    .returning('*');
  return version;
}

export async function updateVersion(
  trx: Trx,
  id: string,
  changes: { definition?: ProductDefinition; status?: 'published'; effective_from?: string; published_at?: Date; published_by?: string; updated_at: Date },
): Promise<VersionRow> {
  const { definition, ...rest } = changes;
  const [version] = await trx('product_versions')
    .where({ id })
    .update({ ...rest, ...(definition ? { definition: JSON.stringify(definition) } : {}), version: trx.raw('version + 1') })
    .returning('*');
  return version;
}

export async function setFastTrackSuspended(trx: Trx, id: string, suspended: boolean, now: Date): Promise<void> {
  await trx('products')
    .where({ id })
    .update({ fast_track_suspended: suspended, updated_at: now, version: trx.raw('version + 1') });
}

/** A version's fast-track rule (its claims settings) with its product's switch, read fresh (the switch may change any time). */
export async function fastTrackSettings(
  db: DbOrTrx,
  versionId: string,
): Promise<{ product_id: string; product_name: string; version_number: number; fast_track_suspended: boolean; rule: unknown } | undefined> {
  return db('product_versions as v')
    .join('products as p', 'p.id', 'v.product_id')
    .where('v.id', versionId)
    .first('p.id as product_id', 'p.name as product_name', 'v.version_number', 'p.fast_track_suspended', db.raw(`v.definition->'claims'->'fastTrack' AS rule`));
}
