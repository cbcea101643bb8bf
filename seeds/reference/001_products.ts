// The reference catalog, published and in force from 2026-01-01. Idempotent: a product whose code
// exists is left as it is (later versions are the catalog managers' business).
import type { Knex } from 'knex';
import type { PricingDefinition } from '../../backend/src/contracts/products';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { termLife } from './catalog/term-life';

const EFFECTIVE_FROM = '2026-01-01';

export const REFERENCE_PRODUCTS: { code: string; name: string; category: string; description: string; definition: PricingDefinition }[] = [
  {
    code: 'TERM_LIFE',
    name: 'Level Term Life',
    category: 'life',
    description: 'Pays a fixed sum if the insured dies within 10, 20 or 30 years. Optional accidental death benefit and waiver of premium.',
    definition: termLife,
  },
];

export async function seed(db: Knex, { clock }: SeedContext): Promise<void> {
  const now = clock.now();
  for (const p of REFERENCE_PRODUCTS) {
    if (await db('products').where({ code: p.code }).first()) continue;
    const [product] = await db('products')
      .insert({ code: p.code, name: p.name, category: p.category, description: p.description, currency: p.definition.currency, status: 'active', created_at: now, updated_at: now })
      .returning('id');
    await db('product_versions').insert({ product_id: product.id, version_number: 1, status: 'published', effective_from: EFFECTIVE_FROM, definition: JSON.stringify(p.definition), published_at: now, created_at: now, updated_at: now });
  }
}
