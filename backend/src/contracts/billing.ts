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

// --- Installments and invoices (the billing summary of a policy and of a customer).
export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'overdue', 'void'] as const;
export const InvoiceStatus = z.enum(INVOICE_STATUSES).meta({ id: 'InvoiceStatus' });
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const Invoice = z
  .object({
    id: z.uuid(),
    invoiceNumber: z.string(),
    issueDate: z.iso.date(),
    dueDate: z.iso.date(),
    status: InvoiceStatus,
    /** Σ lines, minor units. */
    total: z.number().int(),
    /** What is still unpaid (charges minus payments in the ledger), minor units. */
    openAmount: z.number().int(),
    lines: z.array(z.object({ kind: z.enum(['installment', 'late_fee']), description: z.string(), amount: z.number().int() })),
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof Invoice>;

export const Installment = z
  .object({ id: z.uuid(), policyYear: z.number().int(), sequence: z.number().int(), dueDate: z.iso.date(), amount: z.number().int(), invoiceId: z.uuid().nullable() })
  .meta({ id: 'Installment' });
export type Installment = z.infer<typeof Installment>;

export const PolicyBilling = z
  .object({
    policyId: z.uuid(),
    currency: z.string().length(3),
    /** Σ open amounts of unpaid invoices. */
    amountDue: z.number().int(),
    overdueAmount: z.number().int(),
    /** The oldest unpaid overdue due date. */
    overdueSince: z.iso.date().nullable(),
    nextDue: z.object({ date: z.iso.date(), amount: z.number().int() }).nullable(),
    /** The customer's unapplied credit in the policy's currency. */
    credit: z.number().int(),
    installments: z.array(Installment),
    invoices: z.array(Invoice),
  })
  .meta({ id: 'PolicyBilling' });
export type PolicyBilling = z.infer<typeof PolicyBilling>;

export const CustomerBilling = z
  .object({
    customerId: z.uuid(),
    totals: z.array(
      z.object({ currency: z.string().length(3), amountDue: z.number().int(), overdueAmount: z.number().int(), overdueSince: z.iso.date().nullable(), credit: z.number().int() }),
    ),
  })
  .meta({ id: 'CustomerBilling' });
export type CustomerBilling = z.infer<typeof CustomerBilling>;

// --- What the billing module declares (the console uses these too).
export const BILLING_PERMISSIONS = {
  // Finance roles join with issue 20; admins hold every permission.
  'ledger:read': ['manager'],
  // Invoices: who serves the policy's customer (branch-scoped); underwriters assess risk, not collections.
  'billing:read': ['agent', 'senior_agent', 'manager'],
} as const satisfies PermissionGrants;

export const BILLING_AUDIT_ACTIONS = [
  'ledger.reverse',
  'ledger.export',
  // Invoices
  'invoice.credit_applied',
  'invoice.overdue',
] as const;
export type BillingAuditAction = (typeof BILLING_AUDIT_ACTIONS)[number];

export const BILLING_ERROR_CODES = ['LEDGER_ENTRY_INVALID', 'LEDGER_EXTERNAL_ID_CONFLICT', 'LEDGER_ENTRY_ALREADY_REVERSED'] as const;
export type BillingErrorCode = (typeof BILLING_ERROR_CODES)[number];
