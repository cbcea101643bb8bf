// The product catalog: products, their versions and what a version defines to price and qualify a
// policy. Rates and factors are decimal strings; money is integer minor units.
import { z } from 'zod';

export const PRODUCT_CATEGORIES = ['life', 'health', 'auto', 'home', 'travel', 'personal_accident'] as const;
export const ProductCategory = z.enum(PRODUCT_CATEGORIES).meta({ id: 'ProductCategory' });
export const PAYMENT_FREQUENCIES = ['annual', 'semi_annual', 'quarterly', 'monthly'] as const;
export const PaymentFrequency = z.enum(PAYMENT_FREQUENCIES).meta({ id: 'PaymentFrequency' });
export const FACTOR_INPUTS = [
  'entryAge', 'gender', 'smoker', 'region', 'occupationClass', 'riskLevel', 'termYears', 'deductible',
  'vehicleAge', 'vehicleUse', 'constructionType', 'sumInsured', 'destinationZone', 'tripDays',
] as const;
export const FactorInput = z.enum(FACTOR_INPUTS).meta({ id: 'FactorInput' });

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'Use a decimal number such as 1.25');
const minor = z.number().int('Use whole minor units (cents)');
const code = z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'Use 2–30 capital letters, digits or _');

export const BandRow = z.strictObject({ from: z.number().int(), to: z.number().int(), factor: decimal });
export const CategoryRow = z.strictObject({ key: z.string().min(1), factor: decimal });
export const FactorTable = z.discriminatedUnion('kind', [
  z.strictObject({ code, label: z.string().min(1), input: FactorInput, kind: z.literal('band'), rows: z.array(BandRow), coverages: z.array(code).optional() }),
  z.strictObject({ code, label: z.string().min(1), input: FactorInput, kind: z.literal('category'), rows: z.array(CategoryRow), coverages: z.array(code).optional() }),
]).meta({ id: 'FactorTable' });

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

export const PricingDefinition = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/),
    coverages: z.array(CoverageDefinition),
    termYears: z.array(z.number().int().min(1).max(60)),
    frequencyLoadings: z.partialRecord(PaymentFrequency, decimal),
    factorTables: z.array(FactorTable),
    policyFee: minor,
    premiumTaxByRegion: z.record(z.string(), decimal),
    minimumPremium: minor,
    eligibility: EligibilityRules,
  })
  .meta({ id: 'PricingDefinition' });
export type PricingDefinition = z.infer<typeof PricingDefinition>;
export type FactorTable = z.infer<typeof FactorTable>;
export type CoverageDefinition = z.infer<typeof CoverageDefinition>;
export type BandRow = z.infer<typeof BandRow>;
export type CategoryRow = z.infer<typeof CategoryRow>;
export type FactorInput = z.infer<typeof FactorInput>;
export type PaymentFrequency = z.infer<typeof PaymentFrequency>;

// --- Catalog API

export const ProductVersion = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    versionNumber: z.number().int(),
    status: z.enum(['draft', 'published']),
    effectiveFrom: z.string().nullable(),
    definition: PricingDefinition,
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
    version: z.number().int(),
    /** The published version in force today, if any. */
    currentVersion: ProductVersion.nullable(),
    /** The draft being edited (catalog managers only). */
    draftVersion: ProductVersion.nullable(),
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof Product>;

export const ProductList = z.object({ items: z.array(Product.omit({ currentVersion: true, draftVersion: true })) }).meta({ id: 'ProductList' });

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
    definition: PricingDefinition,
  })
  .meta({ id: 'CreateProductBody' });
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const UpdateDraftBody = z.strictObject({ definition: PricingDefinition }).meta({ id: 'UpdateDraftBody' });
export const PublishVersionBody = z.strictObject({ effectiveFrom: z.iso.date('Use the format YYYY-MM-DD') }).meta({ id: 'PublishVersionBody' });

// --- Quotes

export const QuoteApplicant = z
  .strictObject({
    dateOfBirth: z.iso.date('Use the format YYYY-MM-DD'),
    gender: z.enum(['female', 'male', 'non_binary', 'unspecified']),
    smoker: z.boolean(),
    region: z.string().trim().min(2).max(40),
    occupationClass: z.number().int().min(1).max(4),
  })
  .meta({ id: 'QuoteApplicant' });

export const CoverageChoice = z.strictObject({ code, sumInsured: minor.min(0), deductible: minor.min(0).optional() });

export const CreateQuoteBody = z
  .strictObject({
    /** Quote for a customer on file (their data and branch are used) … */
    customerId: z.uuid().optional(),
    /** … or for someone not yet on file. */
    applicant: QuoteApplicant.optional(),
    productId: z.uuid(),
    coverages: z.array(CoverageChoice).min(1, 'Choose at least one coverage').max(20),
    termYears: z.number().int().min(1).max(60),
    paymentFrequency: PaymentFrequency,
    /** Save it (a Q- number, valid 30 days); otherwise only priced. */
    save: z.boolean().optional(),
  })
  .refine((b) => !!b.customerId !== !!b.applicant, { message: 'Give either customerId or applicant', path: ['customerId'] })
  .meta({ id: 'CreateQuoteBody' });
export type CreateQuoteBody = z.infer<typeof CreateQuoteBody>;

const WorksheetStep = z.object({
  kind: z.enum(['base', 'factor', 'frequency_loading', 'fee', 'tax', 'minimum_premium', 'rounding']),
  label: z.string(),
  coverage: z.string().optional(),
  table: z.string().optional(),
  row: z.string().optional(),
  value: z.string().optional(),
  amount: z.string(),
});

export const Quote = z
  .object({
    id: z.uuid().nullable(),
    quoteNumber: z.string().nullable(),
    productId: z.uuid(),
    productName: z.string(),
    productVersionId: z.uuid(),
    productVersionNumber: z.number().int(),
    customerId: z.uuid().nullable(),
    applicant: z.object({ entryAge: z.number().int(), gender: z.string(), smoker: z.boolean(), region: z.string(), occupationClass: z.number().int() }),
    coverages: z.array(CoverageChoice),
    termYears: z.number().int(),
    paymentFrequency: PaymentFrequency,
    eligibility: z.object({ eligible: z.boolean(), reasons: z.array(z.object({ code: z.string(), message: z.string() })) }),
    price: z
      .object({
        currency: z.string(),
        annualPremium: z.number().int(),
        installments: z.object({ count: z.number().int(), amount: z.number().int(), firstAmount: z.number().int() }),
        worksheet: z.array(WorksheetStep),
      })
      .nullable(),
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
      .array(z.strictObject({ productId: z.uuid(), coverages: z.array(CoverageChoice).min(1).max(20), termYears: z.number().int().min(1).max(60) }))
      .min(2, 'Compare at least 2 options')
      .max(4, 'Compare at most 4 options'),
  })
  .refine((b) => !!b.customerId !== !!b.applicant, { message: 'Give either customerId or applicant', path: ['customerId'] })
  .meta({ id: 'CompareQuotesBody' });
export type CompareQuotesBody = z.infer<typeof CompareQuotesBody>;

export const QuoteComparison = z
  .object({
    options: z.array(
      z.object({
        productId: z.uuid(),
        productName: z.string(),
        productVersionNumber: z.number().int(),
        termYears: z.number().int(),
        coverages: z.array(CoverageChoice),
        eligibility: z.object({ eligible: z.boolean(), reasons: z.array(z.object({ code: z.string(), message: z.string() })) }),
        /** Annual premium (minor units) when paying at each offered frequency. */
        premiumByFrequency: z.partialRecord(PaymentFrequency, z.object({ annualPremium: z.number().int(), installmentAmount: z.number().int(), installments: z.number().int() })),
      }),
    ),
    /** What differs between the options, e.g. "termYears", "coverages.DEATH.sumInsured", "product". */
    differences: z.array(z.string()),
  })
  .meta({ id: 'QuoteComparison' });
export type QuoteComparison = z.infer<typeof QuoteComparison>;
