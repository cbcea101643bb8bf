// Quotes: price a product for a customer on file or a prospective applicant, with the version in
// force today; a saved quote (Q-000001) is a frozen snapshot, valid 30 days, pointing at the exact
// version that priced it — publishing a new version never changes it.
import {
  ANNUAL_FREQUENCIES,
  TRIP_RISK_INPUTS,
  riskInputsOf,
  type CompareQuotesBody,
  type CreateQuoteBody,
  type Quote,
  type QuoteComparison,
  type Trip,
} from '../../contracts/products';
import { withTransaction, type Db, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { FieldError } from '../../contracts/common';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import { ageOn } from '../customers/personal-data';
import { rateQuote, type Applicant, type QuoteRequest } from './rating/rate-quote';
import { quoteRequirements } from './rating/requirements';
import * as repo from './quotes.repository';
import type { QuoteRow } from './quotes.repository';
import { SellableCatalog } from './sellable-catalog';
import { productsConflict } from './products.errors';
import { addDays } from '../../platform/calendar';
import { checkTrip } from './trip';

export const QUOTE_VALIDITY_DAYS = 30;

export class QuotesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly catalog: SellableCatalog,
    private readonly customers: CustomerProfiles,
  ) {}

  private toQuote(r: QuoteRow, today: string): Quote {
    return {
      id: r.id,
      quoteNumber: r.quote_number,
      productId: r.product_id,
      productVersionId: r.product_version_id,
      customerId: r.customer_id,
      ...r.result,
      requirements: r.result.requirements ?? { medicalExams: [], referrals: [], documents: [] },
      ...r.request,
      risk: r.request.risk ?? {},
      trip: r.request.trip ?? null,
      applicant: r.applicant,
      quotedOn: r.quoted_on,
      validUntil: r.valid_until,
      expired: r.valid_until < today,
    };
  }

  async quote(actor: Actor, input: CreateQuoteBody): Promise<Quote> {
    const today = this.clock.businessDate();
    const product = await this.catalog.product(input.productId);
    if (!product) throw new NotFoundError('product');
    const version = SellableCatalog.inForce(product, today);
    if (!version) throw productsConflict('PRODUCT_NOT_IN_FORCE', 'No version of this product is in force today.');

    const profile = input.customerId ? await this.customers.ratingProfile(this.db, actor, input.customerId) : undefined;
    const person = profile ?? { ...input.applicant!, riskLevel: undefined, kycVerified: false };
    const applicant: Applicant = {
      entryAge: ageOn(person.dateOfBirth, today),
      gender: person.gender,
      smoker: person.smoker,
      region: person.region,
      occupationClass: person.occupationClass,
      riskLevel: person.riskLevel ?? undefined,
      kycVerified: person.kycVerified,
    };
    const def = version.definition;
    const errors: FieldError[] = [];
    // A trip product: the trip (its dates and destination) instead of a term, one single premium.
    let trip: Trip | null = null;
    if (def.trip) {
      if (!input.trip) errors.push({ path: 'trip', message: 'Required for this product: the departure and return dates and the destination' });
      else {
        const checked = checkTrip(def, input.trip, today);
        errors.push(...checked.errors);
        trip = checked.trip ?? null;
      }
      if (input.termYears !== undefined) errors.push({ path: 'termYears', message: 'A trip policy lasts for the trip: give its dates, not a term in years' });
      if (input.paymentFrequency !== 'single') errors.push({ path: 'paymentFrequency', message: 'A trip is paid in one single premium: use single' });
    } else {
      if (input.trip) errors.push({ path: 'trip', message: 'This product does not insure a trip' });
      if (input.termYears === undefined) errors.push({ path: 'termYears', message: 'Required for this product' });
      if (input.paymentFrequency === 'single') errors.push({ path: 'paymentFrequency', message: 'A single premium is only for trip products' });
    }
    // The product asks for the risk details its tables and rules use, and keeps only those; a trip
    // gives its own length and destination.
    const risk: Quote['risk'] = {};
    for (const field of riskInputsOf(def)) {
      if (def.trip && (TRIP_RISK_INPUTS as readonly string[]).includes(field)) {
        if (input.risk?.[field] !== undefined) errors.push({ path: `risk.${field}`, message: 'Given by the trip: leave it out' });
        else if (trip) Object.assign(risk, { [field]: field === 'tripDays' ? trip.days : trip.destinationZone });
      } else if (input.risk?.[field] === undefined) errors.push({ path: `risk.${field}`, message: 'Required for this product' });
      else Object.assign(risk, { [field]: input.risk[field] });
    }
    if (errors.length) throw new ValidationError(errors, `${product.name}: check the details of what is insured.`);
    const termYears = def.trip ? null : input.termYears!;
    const request: QuoteRequest = { applicant, risk, coverages: input.coverages, termYears: termYears ?? 0, paymentFrequency: input.paymentFrequency };
    const rated = rateQuote(version.definition, request);
    const quote: Quote = {
      id: null,
      quoteNumber: null,
      productId: product.id,
      productName: product.name,
      productVersionId: version.id,
      productVersionNumber: version.versionNumber,
      customerId: input.customerId ?? null,
      applicant: {
        entryAge: applicant.entryAge,
        gender: applicant.gender,
        smoker: applicant.smoker,
        region: applicant.region,
        occupationClass: applicant.occupationClass,
        riskLevel: (applicant.riskLevel as 'low' | 'medium' | 'high' | undefined) ?? null,
      },
      coverages: input.coverages,
      termYears,
      paymentFrequency: input.paymentFrequency,
      risk,
      trip,
      eligibility: rated.eligibility,
      requirements: quoteRequirements(version.definition, request),
      price: rated.price ?? null,
      quotedOn: today,
      validUntil: null,
      expired: false,
    };
    if (!input.save) return quote;
    if (!rated.eligibility.eligible) throw productsConflict('QUOTE_NOT_ELIGIBLE', 'Only an eligible quote can be saved.', { reasons: rated.eligibility.reasons });

    return withTransaction(this.db, async (trx) => {
      const branchId = profile?.branchId ?? actor.branchId;
      const row = await repo.insertQuote(trx, {
        product_id: product.id,
        product_version_id: version.id,
        customer_id: input.customerId ?? null,
        branch_id: branchId,
        request: JSON.stringify({ risk, trip, coverages: input.coverages, termYears, paymentFrequency: input.paymentFrequency }),
        applicant: JSON.stringify(quote.applicant),
        result: JSON.stringify({
          eligibility: quote.eligibility,
          requirements: quote.requirements,
          price: quote.price,
          productName: quote.productName,
          productVersionNumber: quote.productVersionNumber,
        }),
        currency: version.definition.currency,
        annual_premium: quote.price!.annualPremium,
        quoted_on: today,
        valid_until: addDays(today, QUOTE_VALIDITY_DAYS),
        created_at: this.clock.now(),
        created_by: actor.userId,
      });
      await this.audit.record(trx, {
        actor,
        action: 'quote.create',
        entity: { type: 'quote', id: row.id },
        branchId,
        metadata: { quoteNumber: row.quote_number, productVersionId: version.id, customerId: input.customerId ?? null, annualPremium: quote.price!.annualPremium },
      });
      return this.toQuote(row, today);
    });
  }

  /** The same person against 2–4 products or option sets, priced at every payment frequency. */
  async compare(actor: Actor, input: CompareQuotesBody): Promise<QuoteComparison> {
    const person = input.customerId ? { customerId: input.customerId } : { applicant: input.applicant };
    const options = [];
    for (const [index, option] of input.options.entries()) {
      const byFrequency: QuoteComparison['options'][number]['premiumByFrequency'] = {};
      let first: Quote | undefined;
      // A trip is priced at its single premium; everything else at each frequency of a year.
      for (const frequency of option.trip ? (['single'] as const) : ANNUAL_FREQUENCIES) {
        const q = await this.quote(actor, {
          ...person,
          productId: option.productId,
          risk: option.risk,
          trip: option.trip,
          coverages: option.coverages,
          termYears: option.termYears,
          paymentFrequency: frequency,
        }).catch((err: unknown) => {
          // Field errors point into the option they belong to (options.1.risk.vehicleAge).
          if (err instanceof ValidationError)
            throw new ValidationError(
              (err.extras.errors as FieldError[]).map((e) => ({ ...e, path: `options.${index}.${e.path}` })),
              err.detail,
            );
          throw err;
        });
        first ??= q;
        // A frequency the product does not offer is simply absent from the row.
        if (q.price) byFrequency[frequency] = { annualPremium: q.price.annualPremium, installmentAmount: q.price.installments.amount, installments: q.price.installments.count };
      }
      const eligibility = first!.eligibility.reasons.some((r) => r.code !== 'FREQUENCY_NOT_OFFERED')
        ? { eligible: false, reasons: first!.eligibility.reasons.filter((r) => r.code !== 'FREQUENCY_NOT_OFFERED') }
        : { eligible: true, reasons: [] };
      options.push({
        productId: first!.productId,
        productName: first!.productName,
        productVersionNumber: first!.productVersionNumber,
        termYears: first!.termYears,
        risk: first!.risk,
        trip: first!.trip,
        coverages: option.coverages,
        eligibility,
        requirements: first!.requirements,
        premiumByFrequency: byFrequency,
      });
    }
    const differences = new Set<string>();
    const distinct = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v))).size > 1;
    if (distinct(options.map((o) => o.productId))) differences.add('product');
    if (distinct(options.map((o) => o.termYears))) differences.add('termYears');
    if (distinct(options.map((o) => o.trip))) differences.add('trip');
    for (const field of new Set(options.flatMap((o) => Object.keys(o.risk)))) {
      if (distinct(options.map((o) => o.risk[field as keyof typeof o.risk] ?? null))) differences.add(`risk.${field}`);
    }
    const codes = new Set(options.flatMap((o) => o.coverages.map((c) => c.code)));
    for (const code of codes) {
      const picks = options.map((o) => o.coverages.find((c) => c.code === code));
      if (distinct(picks.map((p) => (p ? 'included' : 'absent')))) differences.add(`coverages.${code}`);
      else {
        if (distinct(picks.map((p) => p?.sumInsured))) differences.add(`coverages.${code}.sumInsured`);
        if (distinct(picks.map((p) => p?.deductible ?? null))) differences.add(`coverages.${code}.deductible`);
      }
    }
    return { options, differences: [...differences] };
  }

  async get(actor: Actor, id: string): Promise<Quote> {
    const row = visibleOr404(actor, await repo.findQuote(this.db, id), 'quote');
    return this.toQuote(row, this.clock.businessDate());
  }

  async forCustomer(actor: Actor, customerId: string, page: { limit: number; cursor?: string }) {
    await this.customers.branchOf(this.db, actor, customerId);
    const result = await repo.customerPage(this.db, customerId, page);
    const today = this.clock.businessDate();
    return { items: result.items.map((r) => this.toQuote(r, today)), nextCursor: result.nextCursor };
  }

  /** Quotes follow their customer when two customer records are merged. */
  moveCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
    return repo.moveToCustomer(trx, sourceId, targetId);
  }
}
