// Customers: the record, search, status changes. Request objects are strict (unknown fields → 400).
import { z } from 'zod';
import { Gender, IsoDate, PageQuery, countryCode, countedPageOf, sortEnum, type SortOf } from './common';
import { ApplicationSectionItem } from './orders';
import { PolicySectionItem } from './policies';
import { postalCodeProblem } from './postal-codes';
import type { PermissionGrants } from './grants';

export { Gender };

export const CUSTOMER_STATUSES = ['prospect', 'active', 'inactive', 'deceased'] as const;
export const CustomerStatus = z.enum(CUSTOMER_STATUSES).meta({ id: 'CustomerStatus' });
export type CustomerStatus = z.infer<typeof CustomerStatus>;

export const KYC_STATUSES = ['not_started', 'pending', 'verified', 'rejected', 'expired'] as const;
export const KycStatus = z.enum(KYC_STATUSES).meta({ id: 'KycStatus' });
export type KycStatus = z.infer<typeof KycStatus>;

export const PreferredChannel = z.enum(['phone', 'email', 'sms', 'mail']).meta({ id: 'PreferredChannel' });
export const RiskLevel = z.enum(['low', 'medium', 'high']).meta({ id: 'RiskLevel' });

const name = z.string().trim().min(1, 'Required').max(100, 'Use at most 100 characters');
const isoDate = IsoDate();

/** The oldest a customer may be on the business date (the date of birth is checked against it: `dateOfBirthProblem`). */
export const CUSTOMER_MAX_AGE_YEARS = 120;

/**
 * What a phone number may hold as typed: digits, spaces, brackets, dots, dashes, slashes and a
 * leading + (or 00) for the country code. Letters are refused. Whether the digits make a possible
 * number of the customer's country is checked with libphonenumber-js, by the API and the console.
 */
const PHONE_CHARACTERS = /^\+?[\d\s()./-]+$/;

export const Address = z
  .strictObject({
    line1: z.string().trim().min(1, 'Required').max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1, 'Required').max(100),
    region: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().min(1, 'Required').max(20),
    /** ISO 3166-1 alpha-2, e.g. US, GB, DE. */
    country: countryCode('Use a two-letter ISO country code such as US'),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof Address>;

export const ConsentsInput = z.strictObject({ marketing: z.boolean(), dataProcessing: z.boolean() });

const customerFields = {
  firstName: name,
  lastName: name,
  dateOfBirth: isoDate,
  gender: Gender,
  email: z.email('Enter a valid email address').max(254).optional(),
  /** Any common format; stored as E.164. */
  phone: z
    .string()
    .trim()
    .min(3, 'Enter the phone number')
    .max(40, 'Use at most 40 characters')
    .regex(PHONE_CHARACTERS, 'Use digits, spaces, brackets, dots or dashes (+ for the country code)')
    .optional(),
  address: Address,
  nationalId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{3,30}$/, 'Use 4–31 letters, digits, spaces or dashes')
    .optional(),
  occupation: z.string().trim().max(100).optional(),
  occupationClass: z.number().int().min(1, 'Use a class from 1 to 4').max(4, 'Use a class from 1 to 4'),
  smoker: z.boolean(),
  preferredChannel: PreferredChannel,
  consents: ConsentsInput,
  branchId: z.uuid('Choose a branch'),
  assignedAgentId: z.uuid().optional(),
};

/** The postal code must fit the country's format (`postal-codes.ts`), reported on `address.postalCode`. */
function checkPostalCode(body: { address?: Address }, ctx: z.RefinementCtx) {
  const problem = body.address && postalCodeProblem(body.address.postalCode, body.address.country);
  if (problem) ctx.addIssue({ code: 'custom', path: ['address', 'postalCode'], message: problem });
}

export const CreateCustomerBody = z
  .strictObject({
    ...customerFields,
    /** Create anyway although likely duplicates were found (recorded in the audit trail). */
    confirmNotDuplicate: z.boolean().optional(),
  })
  .superRefine(checkPostalCode)
  .meta({ id: 'CreateCustomerBody' });
export type CreateCustomerBody = z.infer<typeof CreateCustomerBody>;

const nullable = <T extends z.ZodType>(s: T) => s.nullable().optional();

export const UpdateCustomerBody = z
  .strictObject({
    firstName: name.optional(),
    lastName: name.optional(),
    dateOfBirth: isoDate.optional(),
    gender: Gender.optional(),
    email: nullable(customerFields.email.unwrap()),
    phone: nullable(customerFields.phone.unwrap()),
    address: Address.optional(),
    nationalId: nullable(customerFields.nationalId.unwrap()),
    occupation: nullable(customerFields.occupation.unwrap()),
    occupationClass: customerFields.occupationClass.optional(),
    smoker: z.boolean().optional(),
    preferredChannel: PreferredChannel.optional(),
    consents: ConsentsInput.partial().optional(),
    branchId: z.uuid().optional(),
    assignedAgentId: z.uuid().nullable().optional(),
    /** Save identity changes although likely duplicates were found (audited). */
    confirmNotDuplicate: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'confirmNotDuplicate'), 'Change at least one field')
  .superRefine(checkPostalCode)
  // The document's form of the refine: some field besides confirmNotDuplicate.
  .meta({ id: 'UpdateCustomerBody', minProperties: 1, not: { required: ['confirmNotDuplicate'], maxProperties: 1 } });
export type UpdateCustomerBody = z.infer<typeof UpdateCustomerBody>;

export const ChangeCustomerStatusBody = z
  .strictObject({
    status: CustomerStatus,
    reason: z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500),
  })
  .meta({ id: 'ChangeCustomerStatusBody' });

const Consent = z.object({ given: z.boolean(), changedAt: z.iso.datetime().nullable() });

export const Customer = z
  .object({
    id: z.uuid(),
    customerNumber: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: z.string(),
    gender: Gender,
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: Address,
    /** Always masked (`***-**-6789`); the full value comes from GET …/national-id. */
    nationalIdMasked: z.string().nullable(),
    occupation: z.string().nullable(),
    occupationClass: z.number().int(),
    smoker: z.boolean(),
    preferredChannel: PreferredChannel,
    consents: z.object({ marketing: Consent, dataProcessing: Consent }),
    branchId: z.uuid(),
    assignedAgentId: z.uuid().nullable(),
    assignedAgentName: z.string().nullable(),
    status: z.enum([...CUSTOMER_STATUSES, 'merged']),
    statusReason: z.string().nullable(),
    mergedIntoId: z.uuid().nullable(),
    kycStatus: KycStatus,
    riskScore: z.number().int().nullable(),
    riskLevel: RiskLevel.nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof Customer>;

export const CustomerSummary = Customer.pick({
  id: true,
  customerNumber: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
  email: true,
  phone: true,
  status: true,
  kycStatus: true,
  branchId: true,
})
  .extend({ city: z.string(), postalCode: z.string() })
  .meta({ id: 'CustomerSummary' });
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const CUSTOMER_SORTS = ['name', 'customerNumber', 'createdAt'] as const;
export type CustomerSort = SortOf<typeof CUSTOMER_SORTS>;

export const CustomerFilters = {
  q: z.string().trim().max(100).optional(),
  status: z.enum([...CUSTOMER_STATUSES, 'merged']).optional(),
  kycStatus: KycStatus.optional(),
  branchId: z.uuid().optional(),
  assignedAgentId: z.uuid().optional(),
  dateOfBirth: isoDate.optional(),
  postalCode: z.string().trim().min(1).max(20).optional(),
  /** By name (default without a name search; with one, by relevance unless a sort is given), customer number or when created. */
  sort: sortEnum(CUSTOMER_SORTS).optional(),
};

export const CustomerSearchQuery = PageQuery.extend(CustomerFilters);
/** The same criteria in a POST body, plus the national id, which never travels in a URL. */
export const CustomerSearchBody = z
  .strictObject({ ...PageQuery.shape, ...CustomerFilters, nationalId: z.string().trim().min(4).max(31).optional() })
  .meta({ id: 'CustomerSearchBody' });
export type CustomerSearchCriteria = z.infer<typeof CustomerSearchBody>;

export const CustomerPage = countedPageOf(CustomerSummary).meta({ id: 'CustomerPage' });

export const NationalIdReveal = z.object({ nationalId: z.string().nullable() }).meta({ id: 'NationalIdReveal' });

// --- KYC

export const DOCUMENT_TYPES = ['passport', 'driving_licence', 'national_id_card', 'residence_permit', 'utility_bill'] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES).meta({ id: 'KycDocumentType' });

export const SubmitKycVerificationBody = z
  .strictObject({
    documentType: DocumentType,
    documentNumber: z.string().trim().min(4, 'Use at least 4 characters').max(40),
    issuingCountry: countryCode('Use a two-letter ISO country code'),
    expiryDate: isoDate.optional(),
    notes: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'SubmitKycVerificationBody' });
export type SubmitKycVerificationBody = z.infer<typeof SubmitKycVerificationBody>;

export const VerifyKycBody = z.strictObject({ notes: z.string().trim().max(1000).optional() }).meta({ id: 'VerifyKycBody' });
export const RejectKycBody = z
  .strictObject({ reason: z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500), notes: z.string().trim().max(1000).optional() })
  .meta({ id: 'RejectKycBody' });

export const KycVerification = z
  .object({
    id: z.uuid(),
    documentType: DocumentType,
    documentNumberMasked: z.string(),
    issuingCountry: z.string(),
    expiryDate: z.string().nullable(),
    result: z.enum(['pending', 'verified', 'rejected']),
    resultReason: z.string().nullable(),
    notes: z.string().nullable(),
    checkedBy: z.uuid().nullable(),
    checkedByName: z.string().nullable(),
    checkedAt: z.iso.datetime().nullable(),
    createdBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'KycVerification' });
export type KycVerification = z.infer<typeof KycVerification>;

export const KycOverview = z
  .object({
    status: KycStatus,
    verifiedAt: z.iso.datetime().nullable(),
    expiresOn: z.string().nullable(),
    verifications: z.array(KycVerification),
  })
  .meta({ id: 'KycOverview' });
export type KycOverview = z.infer<typeof KycOverview>;

// --- Risk

export const RiskFactor = z.object({ code: z.string(), label: z.string(), value: z.string(), points: z.number().int() }).meta({ id: 'RiskFactor' });
export const CustomerRisk = z
  .object({
    score: z.number().int(),
    level: RiskLevel,
    formulaVersion: z.string(),
    factors: z.array(RiskFactor),
    computedAt: z.iso.datetime(),
    history: z.array(z.object({ score: z.number().int(), level: RiskLevel, reason: z.string(), computedAt: z.iso.datetime() })),
  })
  .meta({ id: 'CustomerRisk' });
export type CustomerRisk = z.infer<typeof CustomerRisk>;

// --- Duplicates, merge, overview

export const DUPLICATE_REASONS = ['national_id', 'email', 'phone', 'name_and_birth_date'] as const;

/** A likely duplicate in one of your branches (only those are described; see `inOtherBranch`). */
export const DuplicateCandidate = z
  .object({
    id: z.uuid(),
    customerNumber: z.string(),
    name: z.string(),
    dateOfBirth: z.string().nullable(),
    reasons: z.array(z.enum(DUPLICATE_REASONS)),
  })
  .meta({ id: 'DuplicateCandidate' });
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

export const DuplicateList = z
  .object({
    items: z.array(DuplicateCandidate),
    /**
     * A likely duplicate exists in a branch you do not work in. Nothing more is told (no number, no
     * name); a manager of that branch can review it, and the audit trail records that you were told.
     */
    inOtherBranch: z.boolean(),
  })
  .meta({ id: 'DuplicateList' });
export type DuplicateList = z.infer<typeof DuplicateList>;

/** A draft being typed in the create form, checked for likely duplicates. */
export const DuplicateCheckBody = z
  .strictObject({
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    dateOfBirth: isoDate.optional(),
    email: z.string().trim().max(254).optional(),
    phone: z.string().trim().max(40).optional(),
    nationalId: z.string().trim().max(31).optional(),
    country: z.string().trim().toUpperCase().max(2).optional(),
  })
  .meta({ id: 'DuplicateCheckBody' });
export type DuplicateCheckBody = z.infer<typeof DuplicateCheckBody>;

export const MergeCustomersBody = z.strictObject({ sourceId: z.uuid('Choose the customer to merge into this one') }).meta({ id: 'MergeCustomersBody' });

export const LifetimeValue = z
  .object({
    /** premiumsPaid − claimsPaid + expectedFuturePremiums, minor units. */
    amount: z.number().int(),
    premiumsPaid: z.number().int(),
    claimsPaid: z.number().int(),
    expectedFuturePremiums: z.number().int(),
    currency: z.string(),
  })
  .meta({ id: 'LifetimeValue' });

/** A section of the 360° view whose items the console knows, told apart by `kind` (the section's key). */
const knownSection = <K extends string, I extends z.ZodType>(kind: K, item: I) =>
  z.object({ kind: z.literal(kind), title: z.string(), count: z.number().int(), items: z.array(item) });
export const ApplicationsSection = knownSection('applications', ApplicationSectionItem).meta({ id: 'ApplicationsSection' });
export const PoliciesSection = knownSection('policies', PolicySectionItem).meta({ id: 'PoliciesSection' });
export const KnownOverviewSection = z.discriminatedUnion('kind', [ApplicationsSection, PoliciesSection]).meta({ id: 'KnownOverviewSection' });
export type KnownOverviewSection = z.infer<typeof KnownOverviewSection>;
export type OverviewSectionKind = KnownOverviewSection['kind'];
/** The items of a known section kind. */
export type OverviewSectionItem<K extends OverviewSectionKind> = Extract<KnownOverviewSection, { kind: K }>['items'][number];
/** A section of a module the contract does not describe yet: no `kind`, items shown generically. */
export const OtherOverviewSection = z
  .object({ title: z.string(), count: z.number().int(), items: z.array(z.record(z.string(), z.unknown())) })
  .meta({ id: 'OtherOverviewSection' });
export const OverviewSection = z.union([KnownOverviewSection, OtherOverviewSection]).meta({ id: 'OverviewSection' });
export type OverviewSection = z.infer<typeof OverviewSection>;

export const CustomerOverview = z
  .object({
    customer: Customer,
    kyc: z.object({ status: KycStatus, verifiedAt: z.iso.datetime().nullable(), expiresOn: z.string().nullable() }),
    risk: z.object({ score: z.number().int(), level: RiskLevel, formulaVersion: z.string(), factors: z.array(RiskFactor) }),
    lifetimeValue: LifetimeValue,
    /** Filled by later modules (applications, policies, billing, claims, interactions, tasks). */
    sections: z.record(z.string(), OverviewSection),
  })
  .meta({ id: 'CustomerOverview' });
export type CustomerOverview = z.infer<typeof CustomerOverview>;

// --- What the customers module declares (the console uses these too).
export const CUSTOMERS_PERMISSIONS = {
  'customers:read': ['manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster', 'finance', 'finance_manager'],
  'customers:create': ['manager', 'senior_agent', 'agent'],
  'customers:update': ['manager', 'senior_agent', 'agent'],
  'customers:change-status': ['manager', 'senior_agent'],
  // Underwriters read customers (and their identity) to assess risk; they do not edit them.
  'customers:unmask': ['manager', 'senior_agent', 'underwriter'],
  'customers:kyc': ['manager', 'senior_agent', 'agent'],
  'customers:kyc-verify': ['manager', 'senior_agent'],
  'customers:merge': ['manager'],
} as const satisfies PermissionGrants;

export const CUSTOMERS_AUDIT_ACTIONS = [
  'customer.create',
  'customer.update',
  'customer.status_change',
  'customer.kyc_status_change',
  'customer.merge',
  'customer.merged_into',
  'customer.sensitive_read',
  'customer.duplicate_in_other_branch',
  'kyc.submit',
  'kyc.verify',
  'kyc.reject',
] as const;
export type CustomersAuditAction = (typeof CUSTOMERS_AUDIT_ACTIONS)[number];

export const CUSTOMERS_ERROR_CODES = [
  'CUSTOMER_DUPLICATE',
  'CUSTOMER_MERGED',
  'ILLEGAL_STATUS_CHANGE',
  'INVALID_MERGE',
  'SEARCH_TOO_BROAD',
  'ILLEGAL_KYC_TRANSITION',
  'NOT_AN_IDENTITY_DOCUMENT',
  'DOCUMENT_EXPIRED',
] as const;
export type CustomersErrorCode = (typeof CUSTOMERS_ERROR_CODES)[number];
