// Policies (contracts) issued from approved orders.
import { z } from 'zod';
import { CONTRACT_SUMMARY_FIELDS, CustomerRef, PageQuery, PersonRef, ProductVersionRef, SECTION_ITEM_FIELDS, historyEntryOf, sortQuery, type SortOf } from './common';
import type { PermissionGrants } from './grants';
import { Beneficiary, InsuredPerson, PaymentMethod } from './orders';
import { CoverageChoice, PaymentFrequency } from './products';

export const POLICY_STATUSES = ['active', 'lapsed', 'cancelled', 'expired', 'surrendered'] as const;
export const PolicyStatus = z.enum(POLICY_STATUSES).meta({ id: 'PolicyStatus' });
export type PolicyStatus = z.infer<typeof PolicyStatus>;

export const Policy = z
  .object({
    id: z.uuid(),
    policyNumber: z.string(),
    status: PolicyStatus,
    order: z.object({ id: z.uuid(), orderNumber: z.string() }),
    customer: CustomerRef,
    insured: InsuredPerson.nullable(),
    product: ProductVersionRef,
    coverages: z.array(CoverageChoice),
    sumInsured: z.number().int(),
    currency: z.string(),
    annualPremium: z.number().int(),
    extraPremiumPercent: z.number().int().nullable(),
    exclusions: z.array(z.string()),
    paymentFrequency: PaymentFrequency,
    installments: z.object({ count: z.number().int(), amount: z.number().int(), firstAmount: z.number().int() }),
    termYears: z.number().int(),
    startDate: z.string(),
    endDate: z.string(),
    beneficiaries: z.array(Beneficiary),
    paymentMethod: PaymentMethod.nullable(),
    branchId: z.uuid(),
    agent: PersonRef,
    issuedAt: z.iso.datetime(),
    history: z.array(historyEntryOf(PolicyStatus)),
    version: z.number().int(),
  })
  .meta({ id: 'Policy' });
export type Policy = z.infer<typeof Policy>;

export const PolicySummary = Policy.pick({ ...CONTRACT_SUMMARY_FIELDS, policyNumber: true, paymentFrequency: true, startDate: true, endDate: true, issuedAt: true }).meta({
  id: 'PolicySummary',
});
export type PolicySummary = z.infer<typeof PolicySummary>;

export const POLICY_SORTS = ['createdAt', 'policyNumber', 'customerName', 'status', 'startDate', 'annualPremium'] as const;
export type PolicySort = SortOf<typeof POLICY_SORTS>;

export const PolicyListQuery = PageQuery.extend({
  /** Newest first by default; `-field` is descending. */
  sort: sortQuery(POLICY_SORTS, '-createdAt'),
  status: PolicyStatus.optional(),
  productId: z.uuid().optional(),
  branchId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  agentId: z.uuid().optional(),
});
export type PolicyListQuery = z.infer<typeof PolicyListQuery>;
/** The list's filters and sort, for the CSV export. */
export const PolicyExportQuery = PolicyListQuery.omit({ limit: true, cursor: true });
export type PolicyExportQuery = z.infer<typeof PolicyExportQuery>;

/** One policy in the customer's 360° view (the newest few). */
export const PolicySectionItem = z
  .object({ ...SECTION_ITEM_FIELDS, policyNumber: z.string(), status: PolicyStatus, startDate: z.string(), endDate: z.string() })
  .meta({ id: 'PolicySectionItem' });
export type PolicySectionItem = z.infer<typeof PolicySectionItem>;

// --- What the policies module declares (the console uses these too).
export const POLICIES_PERMISSIONS = {
  'policies:read': ['manager', 'senior_agent', 'agent', 'underwriter'],
  'policies:export': ['manager'],
} as const satisfies PermissionGrants;

export const POLICIES_AUDIT_ACTIONS = ['policy.issue', 'policy.export'] as const;
export type PoliciesAuditAction = (typeof POLICIES_AUDIT_ACTIONS)[number];

export const POLICIES_ERROR_CODES = [] as const;
export type PoliciesErrorCode = (typeof POLICIES_ERROR_CODES)[number];
