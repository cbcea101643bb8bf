// The customer portal (issue 21, first part): customers as an identity realm of their own —
// registration that proves who they are, login, their own policies, documents, invoices and payments.
// The console's /portal part imports these too.
import { z } from 'zod';
import { IsoDate } from './common';
import { NewPassword } from './identity';
import { PolicyStatus } from './policies';

const Uuid = z.uuid('Not a valid id');

/** Step 1: who the customer says they are. The answer is the same whether or not it matches. */
export const PortalRegistrationStartBody = z
  .strictObject({
    policyNumber: z.string().trim().min(1, 'Enter your policy number').max(40, 'A policy number is at most 40 characters'),
    dateOfBirth: IsoDate(),
  })
  .meta({ id: 'PortalRegistrationStartBody' });
export type PortalRegistrationStartBody = z.infer<typeof PortalRegistrationStartBody>;

export const PortalRegistrationStarted = z
  .object({
    registrationId: z.uuid(),
    /** Until when the code (if one was sent) may be entered. */
    expiresAt: z.iso.datetime(),
    message: z.string(),
  })
  .meta({ id: 'PortalRegistrationStarted' });
export type PortalRegistrationStarted = z.infer<typeof PortalRegistrationStarted>;

/** Step 2: the one-time code from the email or text message. */
export const PortalRegistrationVerifyBody = z
  .strictObject({
    registrationId: Uuid,
    code: z
      .string()
      .trim()
      .regex(/^[0-9]{6}$/, 'The code is 6 digits'),
  })
  .meta({ id: 'PortalRegistrationVerifyBody' });
export type PortalRegistrationVerifyBody = z.infer<typeof PortalRegistrationVerifyBody>;

export const PortalRegistrationVerified = z
  .object({
    registrationId: z.uuid(),
    /** What the customer will sign in with: their email on file, else their customer number. */
    username: z.string(),
  })
  .meta({ id: 'PortalRegistrationVerified' });

/** Step 3: the password (the same rules as staff's). */
export const PortalRegistrationCompleteBody = z
  .strictObject({
    registrationId: Uuid,
    password: NewPassword,
  })
  .meta({ id: 'PortalRegistrationCompleteBody' });

export const PortalCustomer = z
  .object({
    customerId: z.uuid(),
    customerNumber: z.string(),
    name: z.string(),
    username: z.string(),
  })
  .meta({ id: 'PortalCustomer' });
export type PortalCustomer = z.infer<typeof PortalCustomer>;

export const PortalLoginBody = z
  .strictObject({
    username: z.string().trim().min(1, 'Enter your email or customer number').max(254),
    password: z.string().min(1, 'Enter your password').max(1024),
  })
  .meta({ id: 'PortalLoginBody' });
export type PortalLoginBody = z.infer<typeof PortalLoginBody>;

export const PortalTokenResponse = z
  .object({
    accessToken: z.string(),
    expiresIn: z.number().int(),
    customer: PortalCustomer,
  })
  .meta({ id: 'PortalTokenResponse' });
export type PortalTokenResponse = z.infer<typeof PortalTokenResponse>;

export const PortalPolicySummary = z
  .object({
    id: z.uuid(),
    policyNumber: z.string(),
    status: PolicyStatus,
    productName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    currency: z.string(),
    sumInsured: z.number().int(),
    annualPremium: z.number().int(),
    paymentFrequency: z.string(),
    installmentAmount: z.number().int(),
  })
  .meta({ id: 'PortalPolicySummary' });
export type PortalPolicySummary = z.infer<typeof PortalPolicySummary>;

export const PortalPolicy = PortalPolicySummary.extend({
  /** The terms in force today (null before the start date). */
  terms: z
    .object({
      version: z.number().int(),
      effectiveFrom: z.string(),
      coverages: z.array(z.object({ code: z.string(), sumInsured: z.number(), deductible: z.number().nullable().optional() }).loose()),
      exclusions: z.array(z.string()),
    })
    .nullable(),
  /** The newest schedule (a PDF made at issue and at each change of terms). */
  schedule: z.object({ version: z.number().int(), effectiveDate: z.string(), documentId: z.uuid() }).nullable(),
}).meta({ id: 'PortalPolicy' });
export type PortalPolicy = z.infer<typeof PortalPolicy>;

export const PortalInvoice = z
  .object({
    id: z.uuid(),
    invoiceNumber: z.string(),
    policyId: z.uuid(),
    policyNumber: z.string().nullable(),
    issueDate: z.string(),
    dueDate: z.string(),
    status: z.string(),
    currency: z.string(),
    total: z.number().int(),
    openAmount: z.number().int(),
  })
  .meta({ id: 'PortalInvoice' });
export type PortalInvoice = z.infer<typeof PortalInvoice>;

export const PortalPayment = z
  .object({
    id: z.uuid(),
    paymentNumber: z.string(),
    policyNumber: z.string().nullable(),
    method: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    status: z.string(),
    receivedOn: z.string(),
    cardLast4: z.string().nullable(),
  })
  .meta({ id: 'PortalPayment' });
export type PortalPayment = z.infer<typeof PortalPayment>;

/** The answer to paying an invoice: the payment (status `failed` when the card was declined, with why). */
export const PortalPaymentResult = PortalPayment.extend({ failureMessage: z.string().nullable() }).meta({ id: 'PortalPaymentResult' });
export type PortalPaymentResult = z.infer<typeof PortalPaymentResult>;

export const PortalDocument = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    uploadedAt: z.iso.datetime(),
    /** The policy the document belongs to. */
    policyNumber: z.string(),
    code: z.string(),
  })
  .meta({ id: 'PortalDocument' });
export type PortalDocument = z.infer<typeof PortalDocument>;

export const PortalHome = z
  .object({
    customer: PortalCustomer,
    policies: z.array(PortalPolicySummary),
    /** The unpaid invoice due first, if any. */
    nextInvoice: PortalInvoice.nullable(),
    openClaims: z.array(z.object({ id: z.uuid(), claimNumber: z.string(), policyNumber: z.string().nullable(), status: z.string(), lossDate: z.string(), lossType: z.string() })),
    openRequests: z.array(z.object({ id: z.uuid(), caseNumber: z.string(), subject: z.string(), status: z.string() })),
  })
  .meta({ id: 'PortalHome' });
export type PortalHome = z.infer<typeof PortalHome>;

const listOf = <T extends z.ZodType>(item: T, id: string) => z.object({ items: z.array(item) }).meta({ id });
export const PortalPolicyList = listOf(PortalPolicySummary, 'PortalPolicyList');
export const PortalInvoiceList = listOf(PortalInvoice, 'PortalInvoiceList');
export const PortalPaymentList = listOf(PortalPayment, 'PortalPaymentList');
export const PortalDocumentList = listOf(PortalDocument, 'PortalDocumentList');

export const PortalIdParams = z.strictObject({ id: Uuid });

// --- What the portal module declares.
export const PORTAL_PERMISSIONS = {} as const;

export const PORTAL_AUDIT_ACTIONS = [
  'portal.registration_start',
  'portal.registration_verify',
  'portal.register',
  'portal.login',
  'portal.lockout',
  'portal.logout',
  'portal.refresh_reuse',
  'portal.view',
  'portal.download',
] as const;
export type PortalAuditAction = (typeof PORTAL_AUDIT_ACTIONS)[number];

export const PORTAL_ERROR_CODES = [
  'PORTAL_REGISTRATION_INVALID',
  'PORTAL_REGISTRATION_RATE_LIMITED',
  'PORTAL_ACCOUNT_EXISTS',
  'PORTAL_INVALID_CREDENTIALS',
  'PORTAL_LOGIN_RATE_LIMITED',
  'PORTAL_PASSWORD_REJECTED',
  'PORTAL_TOKEN_INVALID',
  'PORTAL_TOKEN_EXPIRED',
  'PORTAL_SESSION_ENDED',
  'PORTAL_REFRESH_TOKEN_REUSED',
] as const;
export type PortalErrorCode = (typeof PORTAL_ERROR_CODES)[number];
