// The reference catalog, published and in force from 2026-01-01. Idempotent: a product whose code
// exists is left as it is (later versions are the catalog managers' business).
import type { Knex } from 'knex';
import type { ProductDefinition } from '../../backend/src/contracts/products';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { privateAuto } from './catalog/auto';
import { individualHealth } from './catalog/health';
import { homeowners } from './catalog/home';
import { termLife } from './catalog/term-life';
import { singleTripTravel } from './catalog/travel';
import { wholeLife } from './catalog/whole-life';

const EFFECTIVE_FROM = '2026-01-01';

export const REFERENCE_PRODUCTS: { code: string; name: string; category: string; description: string; definition: ProductDefinition }[] = [
  {
    code: 'TERM_LIFE',
    name: 'Level Term Life',
    category: 'life',
    description: 'Pays a fixed sum if the insured dies within 10, 20 or 30 years. Optional accidental death benefit and waiver of premium.',
    definition: termLife,
  },
  {
    code: 'WHOLE_LIFE',
    name: 'Whole Life with Cash Value',
    category: 'life',
    description: 'Lifelong cover paid for over 10, 20 or 30 years. Builds a guaranteed cash value the policyholder can surrender for. Identity verification (KYC) required.',
    definition: wholeLife,
  },
  {
    code: 'HEALTH_INDIVIDUAL',
    name: 'Individual Health Plan',
    category: 'health',
    description:
      'One-year hospital cover with an annual limit of 250,000, 500,000 or 1,000,000 and a deductible of your choice; optional outpatient and dental. Ages 18–64 in the US.',
    definition: individualHealth,
  },
  {
    code: 'AUTO_PRIVATE',
    name: 'Private Car Insurance',
    category: 'auto',
    description:
      'One-year cover for a private car: third-party liability up to 100,000, 300,000 or 500,000, optional collision and theft/fire/weather cover for the vehicle at its value.',
    definition: privateAuto,
  },
  {
    code: 'HOME_OWNERS',
    name: 'Homeowners Insurance',
    category: 'home',
    description: 'One-year cover for the home at its rebuild cost, with optional contents and personal liability. Priced by construction type, catastrophe zone and deductible.',
    definition: homeowners,
  },
  {
    code: 'TRAVEL_SINGLE',
    name: 'Single-Trip Travel Insurance',
    category: 'travel',
    description: 'Emergency medical and repatriation for one trip of up to 180 days, by destination zone and trip length; optional cancellation and baggage cover. Ages 0–85.',
    definition: singleTripTravel,
  },
];

export async function seed(db: Knex, { clock }: SeedContext): Promise<void> {
  const now = clock.now();
  for (const p of REFERENCE_PRODUCTS) {
    if (await db('products').where({ code: p.code }).first()) continue;
    const [product] = await db('products')
      .insert({ code: p.code, name: p.name, category: p.category, description: p.description, currency: p.definition.currency, status: 'active', created_at: now, updated_at: now })
      .returning('id');
    await db('product_versions').insert({
      product_id: product.id,
      version_number: 1,
      status: 'published',
      effective_from: EFFECTIVE_FROM,
      definition: JSON.stringify(p.definition),
      published_at: now,
      created_at: now,
      updated_at: now,
    });
  }
}
