// What quoting needs of the catalog — an active product and its published versions — kept in
// memory, since quotes are the hot path and the catalog rarely changes. Published versions never
// change (a trigger refuses it); a product's entry is dropped when a trigger announces a change on
// 'catalog_changed'. Served from memory only while the app is listening; otherwise read each time.
import type { Db } from '../../db';
import type { DbNotifications } from '../../platform/db-notifications';
import * as repo from './products.repository';
import type { ProductDefinition } from './rating/product-definition';

export interface SellableVersion {
  id: string;
  versionNumber: number;
  effectiveFrom: string;
  definition: ProductDefinition;
}

export interface SellableProduct {
  id: string;
  name: string;
  /** Published versions, latest effective first. */
  versions: SellableVersion[];
}

export class SellableCatalog {
  private readonly entries = new Map<string, SellableProduct | null>();
  /** Bumped on every change; a load that raced with one is not kept. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly notifications: DbNotifications,
  ) {
    const forget = (productId?: string) => {
      this.generation++;
      if (productId) this.entries.delete(productId);
      else this.entries.clear();
    };
    notifications.subscribe('catalog_changed', { notify: (productId) => forget(productId), reset: () => forget() });
  }

  /** The product if it is active, with its published versions; undefined when unknown or not sold. */
  async product(productId: string): Promise<SellableProduct | undefined> {
    const cached = this.notifications.listening ? this.entries.get(productId) : undefined;
    if (cached !== undefined) return cached ?? undefined;
    const generation = this.generation;
    const loaded = await this.load(productId);
    if (this.notifications.listening && generation === this.generation) this.entries.set(productId, loaded ?? null);
    return loaded;
  }

  /** The version in force on `date`: the latest effective on or before it. */
  static inForce(product: SellableProduct, date: string): SellableVersion | undefined {
    return product.versions.find((v) => v.effectiveFrom <= date);
  }

  private async load(productId: string): Promise<SellableProduct | undefined> {
    const product = await repo.findActiveProduct(this.db, productId);
    if (!product) return undefined;
    const versions = await repo.publishedVersions(this.db, productId);
    return {
      id: product.id,
      name: product.name,
      versions: versions.map((v) => ({ id: v.id, versionNumber: v.version_number, effectiveFrom: v.effective_from!, definition: v.definition })),
    };
  }
}
