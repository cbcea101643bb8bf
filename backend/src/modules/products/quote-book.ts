// What modules that sell (orders) may read of a saved quote, through this module rather than its
// tables: the frozen quote with the definition of the exact version that priced it, and whether the
// customer is still eligible today. Branch scoping applies: out of scope is "not found".
import type { ClaimsCatalog, FastTrackRule, PriceBreakdown, ProductDefinition, Quote, QuoteRequirements, RiskDetails, Trip } from '../../contracts/products';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { visibleOr404 } from '../../platform/scope';
import type { CustomerProfiles } from '../customers/customer-profiles';
import { ageOn } from '../customers/personal-data';
import { fastTrackSettings, findVersion, versionInForce, versionsOf } from './products.repository';
import * as repo from './quotes.repository';
import { checkEligibility, priceQuote, type QuoteRequest, type Reason } from './rating/rate-quote';
import { quoteRequirements } from './rating/requirements';
import { productsConflict } from './products.errors';

export interface SavedQuote {
  id: string;
  quoteNumber: string;
  customerId: string | null;
  branchId: string;
  product: { id: string; name: string; category: string };
  productVersion: { id: string; versionNumber: number; definition: ProductDefinition };
  coverages: Quote['coverages'];
  risk: RiskDetails;
  /** A trip product's quote: the trip (and no term in years). */
  trip: Trip | null;
  termYears: number | null;
  paymentFrequency: Quote['paymentFrequency'];
  currency: string;
  annualPremium: number;
  validUntil: string;
  requirements: QuoteRequirements;
  price: PriceBreakdown;
  /** The rating inputs as quoted. */
  applicant: Quote['applicant'];
}

/** A claims catalog with the names of the version's coverages. */
type ClaimsCatalogOfVersion = ClaimsCatalog & { coverageNames: Record<string, string> };

export class QuoteBook {
  /**
   * The claims catalogs of published versions, read once per process: a published version never
   * changes (a trigger refuses it), so nothing needs to be forgotten. Bounded by the number of versions.
   */
  private readonly publishedClaimsCatalogs = new Map<string, ClaimsCatalogOfVersion>();

  constructor(
    private readonly clock: Clock,
    private readonly customers: CustomerProfiles,
  ) {}

  async saved(db: DbOrTrx, actor: Actor, quoteId: string): Promise<SavedQuote> {
    const row = visibleOr404(actor, await repo.findWithVersion(db, quoteId), 'quote');
    return {
      id: row.id,
      quoteNumber: row.quote_number,
      customerId: row.customer_id,
      branchId: row.branch_id,
      product: { id: row.product_id, name: row.product_name, category: row.product_category },
      productVersion: { id: row.product_version_id, versionNumber: row.version_number, definition: row.definition },
      coverages: row.request.coverages,
      risk: row.request.risk ?? {},
      trip: row.request.trip ?? null,
      termYears: row.request.termYears,
      paymentFrequency: row.request.paymentFrequency,
      currency: row.currency,
      annualPremium: Number(row.annual_premium),
      validUntil: row.valid_until,
      requirements: row.result.requirements ?? { medicalExams: [], referrals: [], documents: [] },
      // Only eligible (priced) quotes are saved.
      price: row.result.price!,
      applicant: row.applicant,
    };
  }

  /** The quoted price with an underwriter's extra premium: the worksheet extended, installments split again. */
  ratedPrice(quote: SavedQuote, extraPercent: number | undefined): PriceBreakdown {
    if (!extraPercent) return quote.price;
    const { riskLevel, ...person } = quote.applicant;
    const request = {
      applicant: { ...person, riskLevel: riskLevel ?? undefined },
      risk: quote.risk,
      coverages: quote.coverages,
      termYears: quote.termYears ?? 0,
      paymentFrequency: quote.paymentFrequency,
    };
    // Re-priced from the quote's own inputs under its own version: without the rating it must be
    // the quoted price to the cent, or the rated one could not be trusted.
    if (priceQuote(quote.productVersion.definition, request).annualPremium !== quote.price.annualPremium) {
      throw productsConflict('QUOTE_NOT_REPRODUCIBLE', 'This quote cannot be re-priced from its snapshot: quote again to rate it.');
    }
    return priceQuote(quote.productVersion.definition, request, { extraPercent });
  }

  /** The definition of one exact product version (a policy's own). */
  async definitionOf(db: DbOrTrx, versionId: string): Promise<ProductDefinition> {
    const version = await findVersion(db, versionId);
    if (!version) throw new Error(`Product version ${versionId} not found`);
    return version.definition;
  }

  /** The version's claims catalog: loss types with the coverages answering them and their waiting periods (none listed when the version has none). */
  async claimsCatalogOf(db: DbOrTrx, versionId: string): Promise<ClaimsCatalogOfVersion> {
    const known = this.publishedClaimsCatalogs.get(versionId);
    if (known) return known;
    const version = await findVersion(db, versionId);
    if (!version) throw new Error(`Product version ${versionId} not found`);
    const { definition } = version;
    const catalog = { lossTypes: definition.claims?.lossTypes ?? [], coverageNames: Object.fromEntries(definition.coverages.map((c) => [c.code, c.name])) };
    // Only claims read this, never in the transaction that publishes the version: what reads as published here is committed.
    if (version.status === 'published') this.publishedClaimsCatalogs.set(versionId, catalog);
    return catalog;
  }

  /**
   * The version's fast-track rule (null: not configured, so off) and whether the product has it
   * switched off; read fresh every time (a manager switches it off at once, for every version).
   */
  async fastTrackOf(db: DbOrTrx, versionId: string): Promise<{ productId: string; productName: string; versionNumber: number; suspended: boolean; rule: FastTrackRule | null }> {
    const row = await fastTrackSettings(db, versionId);
    if (!row) throw new Error(`Product version ${versionId} not found`);
    const rule = row.rule as Partial<FastTrackRule> | null;
    return {
      productId: row.product_id,
      productName: row.product_name,
      versionNumber: row.version_number,
      suspended: row.fast_track_suspended,
      rule: rule && rule.lossTypes && rule.maxAmount ? { lossTypes: rule.lossTypes, maxAmount: rule.maxAmount, samplePercent: rule.samplePercent ?? 10 } : null,
    };
  }

  /**
   * Prices `request` under one exact product version (a policy's own, for a change to it): the
   * eligibility reasons (empty when eligible), the price with the underwriter's extra premium, and
   * what the version's rules would require of such a request (exams, referrals, documents).
   */
  async priceOnVersion(db: DbOrTrx, versionId: string, request: QuoteRequest, extraPercent?: number | null) {
    const version = await findVersion(db, versionId);
    if (!version) throw new Error(`Product version ${versionId} not found`);
    const reasons = checkEligibility(version.definition, request);
    if (reasons.length) return { reasons, price: null, requirements: null };
    return {
      reasons,
      price: priceQuote(version.definition, request, { extraPercent: extraPercent ?? undefined }),
      requirements: quoteRequirements(version.definition, request),
    };
  }

  /** The product's published version in force on `date` (the catalog's current one then): a renewal is priced on it. */
  async versionInForceOn(db: DbOrTrx, productId: string, date: string): Promise<{ id: string; versionNumber: number; definition: ProductDefinition } | undefined> {
    const version = await versionInForce(db, productId, date);
    return version && { id: version.id, versionNumber: version.version_number, definition: version.definition };
  }

  /** The ids of every version of a product (for modules that list sold policies by product, e.g. billing's overdue worklist). */
  async productVersionIds(db: DbOrTrx, productId: string): Promise<string[]> {
    return (await versionsOf(db, productId)).map((v) => v.id);
  }

  /** Every product with its versions' ids, by name (breakdowns of figures by product). */
  async productsWithVersions(db: DbOrTrx): Promise<{ id: string; name: string; versionIds: string[] }[]> {
    const rows: { id: string; name: string; version_ids: string[] }[] = await db('products as p')
      .join('product_versions as v', 'v.product_id', 'p.id')
      .groupBy('p.id', 'p.name')
      .orderBy('p.name')
      .orderBy('p.id')
      .select('p.id', 'p.name', db.raw('array_agg(v.id) AS version_ids'));
    return rows.map((r) => ({ id: r.id, name: r.name, versionIds: r.version_ids }));
  }

  /** The product (id, code, name) of each version (for reports by product over sold policies, e.g. finance's premium register). */
  async productsOfVersions(db: DbOrTrx, versionIds: readonly string[]): Promise<Map<string, { productId: string; code: string; name: string }>> {
    if (!versionIds.length) return new Map();
    const rows: { version_id: string; product_id: string; code: string; name: string }[] = await db('product_versions as v')
      .join('products as p', 'p.id', 'v.product_id')
      .whereIn('v.id', [...versionIds])
      .select('v.id as version_id', 'p.id as product_id', 'p.code', 'p.name');
    return new Map(rows.map((r) => [r.version_id, { productId: r.product_id, code: r.code, name: r.name }]));
  }

  /** Every published version with its product (for modules that configure something per version, e.g. collections' dunning plans). */
  async publishedVersions(db: DbOrTrx): Promise<{ versionId: string; versionNumber: number; productId: string; code: string; name: string }[]> {
    const rows: { version_id: string; version_number: number; product_id: string; code: string; name: string }[] = await db('product_versions as v')
      .join('products as p', 'p.id', 'v.product_id')
      .where('v.status', 'published')
      .orderBy([{ column: 'p.name' }, { column: 'v.version_number' }])
      .select('v.id as version_id', 'v.version_number', 'p.id as product_id', 'p.code', 'p.name');
    return rows.map((r) => ({ versionId: r.version_id, versionNumber: r.version_number, productId: r.product_id, code: r.code, name: r.name }));
  }

  /** Eligibility of the quote's customer today, under the version that priced the quote. */
  async eligibilityToday(db: DbOrTrx, actor: Actor, quote: SavedQuote, customerId: string): Promise<Reason[]> {
    const profile = await this.customers.ratingProfile(db, actor, customerId);
    return checkEligibility(quote.productVersion.definition, {
      applicant: {
        entryAge: ageOn(profile.dateOfBirth, this.clock.businessDate()),
        gender: profile.gender,
        smoker: profile.smoker,
        region: profile.region,
        occupationClass: profile.occupationClass,
        riskLevel: profile.riskLevel ?? undefined,
        kycVerified: profile.kycVerified,
      },
      risk: quote.risk,
      coverages: quote.coverages,
      termYears: quote.termYears ?? 0,
      paymentFrequency: quote.paymentFrequency,
    });
  }
}
