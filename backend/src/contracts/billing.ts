// Billing: the double-entry ledger (entries, postings, balances) and, later, schedules, invoices and
// payments. Imports only zod: the console imports this file too.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import type { PermissionGrants } from './grants';

/** Every kind of ledger account; who owns one and its normal side are in the chart of accounts (modules/billing/chart-of-accounts.ts). */
export const ACCOUNT_KINDS = [
  'premium_receivable',
  'customer_credit',
  'cash_clearing',
  'premium_income',
  'unearned_premium',
  'fee_income',
  'refunds_payable',
  'write_offs',
  'claims_reserve',
  'claims_paid',
] as const;
export const AccountKind = z.enum(ACCOUNT_KINDS).meta({ id: 'LedgerAccountKind' });
export type AccountKind = z.infer<typeof AccountKind>;

export const ACCOUNT_OWNER_TYPES = ['policy', 'customer', 'payment_method', 'company'] as const;
export type AccountOwnerType = (typeof ACCOUNT_OWNER_TYPES)[number];

/** The payment methods that have a cash clearing account each. */
export const CLEARING_METHODS = ['card', 'bank_transfer', 'direct_debit', 'check', 'cash'] as const;
export type ClearingMethod = (typeof CLEARING_METHODS)[number];

export const DIRECTIONS = ['debit', 'credit'] as const;
export const Direction = z.enum(DIRECTIONS).meta({ id: 'LedgerDirection' });
export type Direction = z.infer<typeof Direction>;

/** The document an entry comes from (a CHECK in the database keeps the same list). */
export const SOURCE_TYPES = ['invoice', 'payment', 'allocation', 'fee', 'waiver', 'refund', 'write_off', 'claim_payment', 'claim_reserve', 'reallocation'] as const;
export const SourceType = z.enum(SOURCE_TYPES).meta({ id: 'LedgerSourceType' });
export type SourceType = z.infer<typeof SourceType>;

export const LedgerPosting = z
  .object({
    accountKind: AccountKind,
    /** The policy, customer or payment method the account belongs to; null for company-wide accounts. */
    accountOwner: z.string().nullable(),
    direction: Direction,
    amount: z.number().int().positive(),
    currency: z.string().length(3),
  })
  .meta({ id: 'LedgerPosting' });
export type LedgerPosting = z.infer<typeof LedgerPosting>;

export const LedgerEntry = z
  .object({
    id: z.uuid(),
    /** Posting order; later entries have larger numbers. */
    seq: z.number().int(),
    externalId: z.string(),
    effectiveDate: z.iso.date(),
    sourceType: SourceType,
    sourceId: z.string().nullable(),
    description: z.string(),
    reversesEntryId: z.uuid().nullable(),
    reversedByEntryId: z.uuid().nullable(),
    policyId: z.uuid().nullable(),
    customerId: z.uuid().nullable(),
    branchId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    createdBy: z.uuid().nullable(),
    postings: z.array(LedgerPosting),
  })
  .meta({ id: 'LedgerEntry' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerPage = pageOf(LedgerEntry).meta({ id: 'LedgerPage' });
export type LedgerPage = z.infer<typeof LedgerPage>;

export const LedgerQuery = PageQuery;
export type LedgerQuery = z.infer<typeof LedgerQuery>;

// --- What the billing module declares (the console uses these too).
export const BILLING_PERMISSIONS = {
  // Finance roles join with issue 20; admins hold every permission.
  'ledger:read': ['manager'],
} as const satisfies PermissionGrants;

export const BILLING_AUDIT_ACTIONS = ['ledger.reverse', 'ledger.export'] as const;
export type BillingAuditAction = (typeof BILLING_AUDIT_ACTIONS)[number];

export const BILLING_ERROR_CODES = ['LEDGER_ENTRY_INVALID', 'LEDGER_EXTERNAL_ID_CONFLICT', 'LEDGER_ENTRY_ALREADY_REVERSED'] as const;
export type BillingErrorCode = (typeof BILLING_ERROR_CODES)[number];
