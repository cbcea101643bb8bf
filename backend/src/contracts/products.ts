// The product catalog: products, their versions and what a version defines to price and qualify a
// policy. Rates and factors are decimal strings; money is integer minor units.
import { z } from 'zod';
import { IsoDate, PAYMENT_FREQUENCIES } from './common';
import type { PermissionGrants } from './grants';

export const PRODUCT_CATEGORIES = ['life', 'health', 'auto', 'home', 'travel', 'personal_accident'] as const;
export const ProductCategory = z.enum(PRODUCT_CATEGORIES).meta({ id: 'ProductCategory' });
/** `single`: one installment, the whole premium — only for trip products (a trip is paid once, before it starts). */
export { PAYMENT_FREQUENCIES };
/** The frequencies of products that run for years (everything but a trip). */
export const ANNUAL_FREQUENCIES = ['annual', 'semi_annual', 'quarterly', 'monthly'] as const;
export const PaymentFrequency = z.enum(PAYMENT_FREQUENCIES).meta({ id: 'PaymentFrequency' });
export const FACTOR_INPUTS = [
  'entryAge',
  'gender',
  'smoker',
  'region',
  'occupationClass',
  'riskLevel',
  'termYears',
  'deductible',
  'vehicleAge',
  'vehicleUse',
  'constructionType',
  'sumInsured',
  'destinationZone',
  'tripDays',
] as const;
export const FactorInput = z.enum(FACTOR_INPUTS).meta({ id: 'FactorInput' });

/**
 * What is being insured beyond the person: the category-specific rating inputs, asked for only
 * when the product's factor tables or rules use them. Their domains are fixed here so category
 * tables can be checked for completeness and the console can offer the choices.
 */
export const VEHICLE_USES = ['private', 'commute', 'business'] as const;
export const CONSTRUCTION_TYPES = ['frame', 'masonry_veneer', 'masonry', 'fire_resistive'] as const;
export const DESTINATION_ZONES = ['domestic', 'europe', 'worldwide_excl_americas', 'worldwide'] as const;
export const RISK_INPUT_RANGES = { vehicleAge: [0, 40], tripDays: [1, 180] } as const;
export const RISK_INPUTS = ['vehicleAge', 'vehicleUse', 'constructionType', 'destinationZone', 'tripDays'] as const;
export type RiskInput = (typeof RISK_INPUTS)[number];
export const RiskDetails = z
  .strictObject({
    vehicleAge: z.number().int().min(RISK_INPUT_RANGES.vehicleAge[0]).max(RISK_INPUT_RANGES.vehicleAge[1]).optional(),
    vehicleUse: z.enum(VEHICLE_USES).optional(),
    constructionType: z.enum(CONSTRUCTION_TYPES).optional(),
    destinationZone: z.enum(DESTINATION_ZONES).optional(),
    tripDays: z.number().int().min(RISK_INPUT_RANGES.tripDays[0]).max(RISK_INPUT_RANGES.tripDays[1]).optional(),
  })
  .meta({ id: 'RiskDetails' });
export type RiskDetails = z.infer<typeof RiskDetails>;

export const EXAM_TYPES = ['paramedical', 'blood_panel', 'urinalysis', 'ecg', 'full_medical'] as const;
export const ExamType = z.enum(EXAM_TYPES).meta({ id: 'ExamType' });
export type ExamType = z.infer<typeof ExamType>;

/** What a rule condition can look at: the person, the choices, and the risk details. */
export const CONDITION_FIELDS = ['entryAge', 'ageAtExpiry', 'termYears', 'sumInsured', 'smoker', 'occupationClass', 'riskLevel', 'region', ...RISK_INPUTS] as const;
export const Condition = z
  .strictObject({
    field: z.enum(CONDITION_FIELDS),
    /** For `sumInsured`: the coverage whose sum insured is compared. */
    coverage: z.string().optional(),
    op: z.enum(['gte', 'lte', 'eq', 'in']),
    value: z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.number(), z.string()]))]),
  })
  .meta({ id: 'Condition' });
export type Condition = z.infer<typeof Condition>;
/** A rule applies when all its conditions hold (an empty list: always). */
const when = z.array(Condition).max(10);

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'Use a decimal number such as 1.25');
const minor = z.number().int('Use whole minor units (cents)');
const code = z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'Use 2–30 capital letters, digits or _');

export const BandRow = z.strictObject({ from: z.number().int(), to: z.number().int(), factor: decimal });
export const CategoryRow = z.strictObject({ key: z.string().min(1), factor: decimal });
export const FactorTable = z
  .discriminatedUnion('kind', [
    z.strictObject({ code, label: z.string().min(1), input: FactorInput, kind: z.literal('band'), rows: z.array(BandRow), coverages: z.array(code).optional() }),
    z.strictObject({ code, label: z.string().min(1), input: FactorInput, kind: z.literal('category'), rows: z.array(CategoryRow), coverages: z.array(code).optional() }),
  ])
  .meta({ id: 'FactorTable' });

export const CoverageDefinition = z
  .strictObject({
    code,
    name: z.string().min(1),
    required: z.boolean(),
    rateBasis: z.enum(['per_1000', 'flat']),
    rate: decimal,
    sumInsured: z.union([z.strictObject({ min: minor, max: minor, step: minor }), z.strictObject({ options: z.array(minor) })]),
    deductibleOptions: z.array(minor).optional(),
  })
  .meta({ id: 'CoverageDefinition' });

export const EligibilityRules = z
  .strictObject({
    entryAgeMin: z.number().int().min(0),
    entryAgeMax: z.number().int().max(120),
    maxAgeAtExpiry: z.number().int().max(130).optional(),
    allowedRegions: z.array(z.string().min(1)).optional(),
    smokersAllowed: z.boolean(),
    occupationClasses: z.array(z.number().int().min(1).max(4)),
    kycVerifiedRequired: z.boolean(),
  })
  .meta({ id: 'EligibilityRules' });

export const MedicalExamRule = z.strictObject({ code, description: z.string().min(1), when, exams: z.array(ExamType).min(1) }).meta({ id: 'MedicalExamRule' });
export const ReferralRule = z.strictObject({ code, message: z.string().min(1), when }).meta({ id: 'ReferralRule' });
export const RequiredDocument = z.strictObject({ code, name: z.string().min(1), when: when.optional() }).meta({ id: 'RequiredDocument' });
export const DeclarationQuestion = z
  .strictObject({
    code,
    category: z.enum(['health', 'lifestyle', 'prior_claims']),
    text: z.string().min(1),
    answerType: z.enum(['yes_no', 'number', 'text']),
    /** A "yes" must be explained. */
    detailsOnYes: z.boolean().optional(),
  })
  .meta({ id: 'DeclarationQuestion' });
/** Guaranteed cash (surrender) value per 1,000 of the coverage's sum insured at the end of each policy year. */
export const CashValueTable = z
  .strictObject({ coverage: code, rows: z.array(z.strictObject({ policyYear: z.number().int().min(1), perThousand: decimal })) })
  .meta({ id: 'CashValueTable' });
export type MedicalExamRule = z.infer<typeof MedicalExamRule>;
export type ReferralRule = z.infer<typeof ReferralRule>;
export type RequiredDocument = z.infer<typeof RequiredDocument>;
export type DeclarationQuestion = z.infer<typeof DeclarationQuestion>;
export type CashValueTable = z.infer<typeof CashValueTable>;

// --- Late fees (issue 11): what a policy of the version is charged when an installment stays unpaid.
// The percentage is a decimal string holding a fraction ('0.05' = 5 %), like every other rate of a
// definition (frequency loadings, premium tax). `afterDays`: charged once the installment is MORE
// than that many days past due (due date = day 0). The fee itself is computed by billing
// (modules/billing/late-fee.ts: half-even to the minor unit, then capped).
const lateFeeAmount = z.number().int('Use whole minor units (cents)').positive('Must be more than zero').max(Number.MAX_SAFE_INTEGER);
const lateFeeAfterDays = z.number().int('Use whole days').min(0, 'At least 0 days').max(365, 'At most 365 days');
const lateFeeFraction = z
  .string()
  .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'Use a fraction between 0 and 1 such as 0.05 (= 5%)')
  .refine((v) => Number(v) > 0, 'Must be more than zero');
export const LATE_FEE_KINDS = ['none', 'flat', 'percentage'] as const;
export const LateFeeRule = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('flat'), amount: lateFeeAmount, afterDays: lateFeeAfterDays }),
    z.strictObject({ kind: z.literal('percentage'), rate: lateFeeFraction, cap: lateFeeAmount, afterDays: lateFeeAfterDays }),
  ])
  .meta({ id: 'LateFeeRule' });
export type LateFeeRule = z.infer<typeof LateFeeRule>;
/** A version without a rule charges no late fee. */
export const NO_LATE_FEE: LateFeeRule = { kind: 'none' };

/**
 * A trip product (single-trip travel): the policy runs from the departure to the return date, its
 * premium is one single premium (payment frequency `single`), and a trip lasts at most `maxDays`
 * days counting both. Its term in years (`termYears`) stays empty.
 */
export const TripDefinition = z.strictObject({ maxDays: z.number().int().min(1).max(365) }).meta({ id: 'TripDefinition' });
export type TripDefinition = z.infer<typeof TripDefinition>;

/**
 * Whether a policy of this version renews at the end of its term, and whether it renews by itself on
 * the renewal date (when the premium rises less than RENEWAL_AUTO_MAX_INCREASE_PERCENT). Absent:
 * one-year products (health, auto, home, personal accident) renew, offered to the customer; life
 * products renew only when the version says so; a trip never renews.
 */
export const RenewalSettings = z.strictObject({ renewable: z.boolean(), autoRenew: z.boolean() }).meta({ id: 'RenewalSettings' });
export type RenewalSettings = z.infer<typeof RenewalSettings>;

/**
 * How a version's policies are serviced. Absent values take the defaults: grace 30 days (31 for
 * monthly premiums); reinstatement within 2 years of the lapse for life, 30 days for other lines;
 * no reinstatement fee; no surrender charge; a 30-day free look; pro rata refunds without a fee.
 */
export const ServicingRules = z
  .strictObject({
    graceDays: z.number().int().min(1, 'At least 1 day').max(90, 'At most 90 days').optional(),
    reinstatementWindowDays: z.number().int().min(0).max(1825, 'At most 5 years').optional(),
    reinstatementFee: minor.min(0, 'Cannot be negative').max(Number.MAX_SAFE_INTEGER).optional(),
    /** Days from issue in which a cancellation returns the whole premium (default 30). */
    freeLookDays: z.number().int().min(0).max(90, 'At most 90 days').optional(),
    /** Short rate: the share of the year's unearned premium the insurer keeps when the customer cancels after the free look (basis points). */
    shortRatePenaltyBasisPoints: z.number().int().min(0).max(10_000, 'At most 10,000 (100 %)').optional(),
    /** A fee charged when the customer cancels after the free look. */
    cancellationFee: minor.min(0, 'Cannot be negative').max(Number.MAX_SAFE_INTEGER).optional(),
    /** The surrender charge by policy year (year 1 first), in basis points of the cash value (1000 = 10 %); none after the last. */
    surrenderChargeBasisPoints: z.array(z.number().int().min(0).max(10_000, 'At most 10,000 (100 %)')).max(60).optional(),
  })
  .meta({ id: 'ServicingRules' });
export type ServicingRules = z.infer<typeof ServicingRules>;
// --- Claims (issue 13): which coverages of the version answer each kind of loss, and the waiting
// period before a loss of that kind is covered (days from the policy's start; e.g. no critical
// illness claim in the first 90 days). A loss type the version does not list is not covered.
export const LOSS_TYPES = [
  'death',
  'critical_illness',
  'hospitalisation',
  'accident',
  'vehicle_collision',
  'vehicle_theft',
  'fire',
  'water_damage',
  'storm',
  'burglary',
  'travel_medical',
  'trip_cancellation',
  'baggage',
] as const;
export const LossType = z.enum(LOSS_TYPES).meta({ id: 'LossType' });
export type LossType = z.infer<typeof LossType>;
export const LossTypeCover = z
  .strictObject({
    lossType: LossType,
    /** The coverage codes that answer it, in the order a claim's reserve looks at them. */
    coverages: z.array(code).min(1),
    /** Days from the policy's start before such a loss is covered (absent: none). */
    waitingDays: z.number().int().min(0).max(3650).optional(),
  })
  .meta({ id: 'LossTypeCover' });
export type LossTypeCover = z.infer<typeof LossTypeCover>;
/**
 * Fast-track (issue 21): a first notice of loss of one of these loss types, claiming at most
 * `maxAmount` (minor units, the version's currency), is approved and paid straight through by the
 * claims automation user when the rest of the rule holds (coverage confirmed on the loss date, no
 * fraud indicator, no other open claim on the policy, the customer's identity verified). Absent: off.
 * `samplePercent`: the share of a day's fast-tracked claims an adjuster reviews the next morning.
 */
export const FastTrackRule = z
  .strictObject({
    lossTypes: z.array(LossType).min(1, 'Admit at least one kind of loss').max(LOSS_TYPES.length),
    maxAmount: minor.min(1, 'More than zero').max(Number.MAX_SAFE_INTEGER),
    samplePercent: z.number().int().min(1, 'At least 1 %').max(100, 'At most 100 %').default(10),
  })
  .meta({ id: 'FastTrackRule' });
export type FastTrackRule = z.infer<typeof FastTrackRule>;
export const ClaimsCatalog = z.strictObject({ lossTypes: z.array(LossTypeCover), fastTrack: FastTrackRule.optional() }).meta({ id: 'ClaimsCatalog' });
export type ClaimsCatalog = z.infer<typeof ClaimsCatalog>;

export const ProductDefinition = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** Present: a trip product (see TripDefinition). */
    trip: TripDefinition.optional(),
    coverages: z.array(CoverageDefinition),
    termYears: z.array(z.number().int().min(1).max(60)),
    frequencyLoadings: z.partialRecord(PaymentFrequency, decimal),
    factorTables: z.array(FactorTable),
    policyFee: minor,
    premiumTaxByRegion: z.record(z.string(), decimal),
    minimumPremium: minor,
    eligibility: EligibilityRules,
    requiredDocuments: z.array(RequiredDocument),
    medicalExamRules: z.array(MedicalExamRule),
    referralRules: z.array(ReferralRule),
    declarationQuestions: z.array(DeclarationQuestion),
    cashValues: CashValueTable.optional(),
    /** Absent: no late fee (the same as `{ kind: 'none' }`). */
    lateFee: LateFeeRule.optional(),
    /** Renewal at the end of the term (see RenewalSettings); absent: the category's default. */
    renewal: RenewalSettings.optional(),
    /** Absent: the defaults (see ServicingRules). */
    servicing: ServicingRules.optional(),
    /** Absent: the version covers no claim (every loss type uncovered). */
    claims: ClaimsCatalog.optional(),
  })
  .meta({ id: 'ProductDefinition' });
export type ProductDefinition = z.infer<typeof ProductDefinition>;
export type FactorTable = z.infer<typeof FactorTable>;
export type CoverageDefinition = z.infer<typeof CoverageDefinition>;
export type BandRow = z.infer<typeof BandRow>;
export type CategoryRow = z.infer<typeof CategoryRow>;
export type FactorInput = z.infer<typeof FactorInput>;
export type PaymentFrequency = z.infer<typeof PaymentFrequency>;

/** Risk details a trip gives by itself (its length and destination): a trip product never asks for them. */
export const TRIP_RISK_INPUTS = ['tripDays', 'destinationZone'] as const satisfies readonly RiskInput[];

/** The risk details a version asks for: those its factor tables or rules look at. */
export function riskInputsOf(def: ProductDefinition): RiskInput[] {
  const used = new Set<string>([
    ...def.factorTables.map((t) => t.input),
    ...[...def.medicalExamRules, ...def.referralRules, ...def.requiredDocuments].flatMap((r) => (r.when ?? []).map((c) => c.field)),
  ]);
  return RISK_INPUTS.filter((i) => used.has(i));
}

// --- Catalog API

export const ProductVersion = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    versionNumber: z.number().int(),
    status: z.enum(['draft', 'published']),
    effectiveFrom: z.string().nullable(),
    definition: ProductDefinition,
    publishedAt: z.iso.datetime().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'ProductVersion' });
export type ProductVersion = z.infer<typeof ProductVersion>;

export const Product = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    category: ProductCategory,
    description: z.string(),
    currency: z.string(),
    status: z.enum(['draft', 'active', 'retired']),
    /** Fast-track switched off for the whole product by a manager (whatever its versions' rules say). */
    fastTrackSuspended: z.boolean(),
    version: z.number().int(),
    /** The published version in force today, if any. */
    currentVersion: ProductVersion.nullable(),
    /** The draft being edited (catalog managers only). */
    draftVersion: ProductVersion.nullable(),
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof Product>;

export const ProductList = z
  .object({
    items: z.array(
      Product.omit({ currentVersion: true, draftVersion: true }).extend({
        /** The version in force today, if any (a product's first version may be scheduled for later). */
        inForce: z.object({ versionNumber: z.number().int(), effectiveFrom: z.string() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'ProductList' });

export const ProductVersionList = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        versionNumber: z.number().int(),
        status: z.enum(['draft', 'published']),
        effectiveFrom: z.string().nullable(),
        publishedAt: z.iso.datetime().nullable(),
        state: z.enum(['draft', 'in_force', 'scheduled', 'superseded']),
      }),
    ),
  })
  .meta({ id: 'ProductVersionList' });

export const ProductListQuery = z.strictObject({
  category: ProductCategory.optional(),
  status: z.enum(['draft', 'active', 'retired']).optional(),
});

export const CreateProductBody = z
  .strictObject({
    code,
    name: z.string().trim().min(2).max(120),
    category: ProductCategory,
    description: z.string().trim().min(1).max(4000),
    currency: z.string().regex(/^[A-Z]{3}$/, 'Use an ISO 4217 code such as USD'),
    definition: ProductDefinition,
  })
  .meta({ id: 'CreateProductBody' });
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const UpdateDraftBody = z.strictObject({ definition: ProductDefinition }).meta({ id: 'UpdateDraftBody' });
export const PublishVersionBody = z.strictObject({ effectiveFrom: IsoDate() }).meta({ id: 'PublishVersionBody' });

// --- Quotes

export const QuoteApplicant = z
  .strictObject({
    dateOfBirth: IsoDate(),
    gender: z.enum(['female', 'male', 'non_binary', 'unspecified']),
    smoker: z.boolean(),
    region: z.string().trim().min(2).max(40),
    occupationClass: z.number().int().min(1).max(4),
  })
  .meta({ id: 'QuoteApplicant' });

/** The trip a trip product insures: the policy runs from the departure to the return date, both covered. */
export const TripDetails = z
  .strictObject({
    departureDate: IsoDate(),
    returnDate: IsoDate(),
    destinationZone: z.enum(DESTINATION_ZONES),
  })
  .meta({ id: 'TripDetails' });
export type TripDetails = z.infer<typeof TripDetails>;
/** A trip as quoted, ordered and insured: its dates, destination and length in days (both dates counted). */
export const Trip = TripDetails.extend({ days: z.number().int().min(1) }).meta({ id: 'Trip' });
export type Trip = z.infer<typeof Trip>;

export const CoverageChoice = z.strictObject({ code, sumInsured: minor.min(0), deductible: minor.min(0).optional() });

/** The document's form of "either customerId or applicant" (the refine below is what zod checks). */
const EITHER_CUSTOMER_OR_APPLICANT = { oneOf: [{ required: ['customerId'] }, { required: ['applicant'] }] };

export const CreateQuoteBody = z
  .strictObject({
    /** Quote for a customer on file (their data and branch are used) … */
    customerId: z.uuid().optional(),
    /** … or for someone not yet on file. */
    applicant: QuoteApplicant.optional(),
    productId: z.uuid(),
    /** What is insured besides the person (vehicle, home), as the product asks. */
    risk: RiskDetails.optional(),
    /** The trip, for a trip product (required there, refused elsewhere): it gives the trip length and destination. */
    trip: TripDetails.optional(),
    coverages: z.array(CoverageChoice).min(1, 'Choose at least one coverage').max(20),
    /** Required except for a trip product, whose term is the trip. */
    termYears: z.number().int().min(1).max(60).optional(),
    /** `single` for a trip product (and only there). */
    paymentFrequency: PaymentFrequency,
    /** Save it (a Q- number, valid 30 days); otherwise only priced. */
    save: z.boolean().optional(),
  })
  .refine((b) => !!b.customerId !== !!b.applicant, { message: 'Give either customerId or applicant', path: ['customerId'] })
  .meta({ id: 'CreateQuoteBody', ...EITHER_CUSTOMER_OR_APPLICANT });
export type CreateQuoteBody = z.infer<typeof CreateQuoteBody>;

export const WorksheetStep = z.object({
  kind: z.enum(['base', 'factor', 'frequency_loading', 'fee', 'tax', 'minimum_premium', 'rounding', 'underwriting_rating']),
  label: z.string(),
  coverage: z.string().optional(),
  table: z.string().optional(),
  row: z.string().optional(),
  value: z.string().optional(),
  amount: z.string(),
});

/** What an application for this quote will need. */
export const QuoteRequirements = z
  .object({
    medicalExams: z.array(z.object({ exam: ExamType, rule: z.string(), description: z.string() })),
    referrals: z.array(z.object({ code: z.string(), message: z.string() })),
    documents: z.array(z.object({ code: z.string(), name: z.string() })),
  })
  .meta({ id: 'QuoteRequirements' });
export type QuoteRequirements = z.infer<typeof QuoteRequirements>;

export const PriceBreakdown = z
  .object({
    currency: z.string(),
    /** The premium of a policy year — for a trip (frequency `single`), the one single premium of the whole trip. */
    annualPremium: z.number().int(),
    installments: z.object({ count: z.number().int(), amount: z.number().int(), firstAmount: z.number().int() }),
    worksheet: z.array(WorksheetStep),
  })
  .meta({ id: 'PriceBreakdown' });
export type PriceBreakdown = z.infer<typeof PriceBreakdown>;

export const Quote = z
  .object({
    id: z.uuid().nullable(),
    quoteNumber: z.string().nullable(),
    productId: z.uuid(),
    productName: z.string(),
    productVersionId: z.uuid(),
    productVersionNumber: z.number().int(),
    customerId: z.uuid().nullable(),
    /** The rating inputs as quoted (risk level: the customer's at the time, when on file). */
    applicant: z.object({
      entryAge: z.number().int(),
      gender: z.string(),
      smoker: z.boolean(),
      region: z.string(),
      occupationClass: z.number().int(),
      riskLevel: z.enum(['low', 'medium', 'high']).nullable().optional(),
    }),
    coverages: z.array(CoverageChoice),
    /** null for a trip: its term is the trip. */
    termYears: z.number().int().nullable(),
    paymentFrequency: PaymentFrequency,
    risk: RiskDetails,
    trip: z.union([Trip, z.null()]),
    eligibility: z.object({ eligible: z.boolean(), reasons: z.array(z.object({ code: z.string(), message: z.string() })) }),
    requirements: QuoteRequirements,
    price: PriceBreakdown.nullable(),
    quotedOn: z.string(),
    validUntil: z.string().nullable(),
    expired: z.boolean(),
  })
  .meta({ id: 'Quote' });
export type Quote = z.infer<typeof Quote>;

export const CompareQuotesBody = z
  .strictObject({
    customerId: z.uuid().optional(),
    applicant: QuoteApplicant.optional(),
    /** 2–4 products or option sets for the same person. */
    options: z
      .array(
        z.strictObject({
          productId: z.uuid(),
          risk: RiskDetails.optional(),
          trip: TripDetails.optional(),
          coverages: z.array(CoverageChoice).min(1).max(20),
          termYears: z.number().int().min(1).max(60).optional(),
        }),
      )
      .min(2, 'Compare at least 2 options')
      .max(4, 'Compare at most 4 options'),
  })
  .refine((b) => !!b.customerId !== !!b.applicant, { message: 'Give either customerId or applicant', path: ['customerId'] })
  .meta({ id: 'CompareQuotesBody', ...EITHER_CUSTOMER_OR_APPLICANT });
export type CompareQuotesBody = z.infer<typeof CompareQuotesBody>;

export const QuoteComparison = z
  .object({
    options: z.array(
      z.object({
        productId: z.uuid(),
        productName: z.string(),
        productVersionNumber: z.number().int(),
        termYears: z.number().int().nullable(),
        /** The risk details the product priced on. */
        risk: RiskDetails,
        trip: z.union([Trip, z.null()]),
        coverages: z.array(CoverageChoice),
        eligibility: z.object({ eligible: z.boolean(), reasons: z.array(z.object({ code: z.string(), message: z.string() })) }),
        requirements: QuoteRequirements,
        /** Annual premium (minor units) when paying at each offered frequency. */
        premiumByFrequency: z.partialRecord(PaymentFrequency, z.object({ annualPremium: z.number().int(), installmentAmount: z.number().int(), installments: z.number().int() })),
      }),
    ),
    /** What differs between the options, e.g. "product", "termYears", "risk.vehicleUse", "coverages.DEATH.sumInsured". */
    differences: z.array(z.string()),
  })
  .meta({ id: 'QuoteComparison' });
export type QuoteComparison = z.infer<typeof QuoteComparison>;

// --- What the products module declares (the console uses these too).
/** Switch fast-track on (as the versions' rules say) or off for the whole product, with the reason. */
export const SetFastTrackBody = z.strictObject({ suspended: z.boolean(), reason: z.string().trim().min(3, 'Give the reason').max(500) }).meta({ id: 'SetFastTrackBody' });
export type SetFastTrackBody = z.infer<typeof SetFastTrackBody>;

export const PRODUCTS_PERMISSIONS = {
  'products:read': ['manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster'],
  'products:manage': [],
  /** Switch a product's fast-track claims off (or back on): claims managers. */
  'products:fast-track': ['manager'],
  'quotes:read': ['manager', 'senior_agent', 'agent', 'underwriter'],
  'quotes:create': ['manager', 'senior_agent', 'agent'],
} as const satisfies PermissionGrants;

export const PRODUCTS_AUDIT_ACTIONS = [
  'product.create',
  'product.draft_version',
  'product.edit_draft',
  'product.publish',
  'product.retire',
  'product.fast_track',
  'quote.create',
] as const;
export type ProductsAuditAction = (typeof PRODUCTS_AUDIT_ACTIONS)[number];

export const PRODUCTS_ERROR_CODES = [
  'PRODUCT_EXISTS',
  'PRODUCT_RETIRED',
  'PRODUCT_NOT_IN_FORCE',
  'DRAFT_EXISTS',
  'VERSION_PUBLISHED',
  'VERSION_INVALID',
  'QUOTE_NOT_ELIGIBLE',
  'QUOTE_NOT_REPRODUCIBLE',
] as const;
export type ProductsErrorCode = (typeof PRODUCTS_ERROR_CODES)[number];
