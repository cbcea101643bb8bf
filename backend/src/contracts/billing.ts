// Billing: the double-entry ledger (entries, postings, balances) and, later, schedules, invoices and
// payments. Imports only zod: the console imports this file too.
import { z } from 'zod';
import { CustomerRef, IsoDate, PageQuery, countedPageOf, pageOf, sortQuery, type SortOf } from './common';
import type { PermissionGrants } from './grants';
import { LateFeeRule } from './products';

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
  'surrender_benefits',
  'claims_incurred',
  /** What payment processors keep from payouts (issue 20: payout reconciliation). */
  'processor_fees',
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
export const SOURCE_TYPES = [
  'invoice',
  'payment',
  'allocation',
  'fee',
  'waiver',
  'refund',
  'write_off',
  'claim_payment',
  'claim_reserve',
  'reallocation',
  'policy_transaction',
  /** The daily earning job (issue 20): a day's earned premium of a product version, from the reserve to income. */
  'earning',
  /** Payout reconciliation (issue 20): a processor's fee kept from a payout, posted when its statement line is matched. */
  'reconciliation',
] as const;
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
export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'overdue', 'void', 'written_off'] as const;
export const InvoiceStatus = z.enum(INVOICE_STATUSES).meta({ id: 'InvoiceStatus' });
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const INVOICE_LINE_KINDS = ['installment', 'late_fee', 'endorsement', 'reinstatement_fee'] as const;
export const InvoiceLineKind = z.enum(INVOICE_LINE_KINDS).meta({ id: 'InvoiceLineKind' });
export type InvoiceLineKind = z.infer<typeof InvoiceLineKind>;

export const InvoiceLine = z
  .object({
    id: z.uuid(),
    kind: InvoiceLineKind,
    description: z.string(),
    /** Minor units charged by the line (a waived fee keeps its amount; it no longer counts in the total). */
    amount: z.number().int(),
    /** A waived late fee: when, by whom and why (its ledger entry was reversed). */
    waived: z.object({ at: z.iso.datetime(), by: z.object({ id: z.uuid(), name: z.string() }), reason: z.string() }).nullable(),
  })
  .meta({ id: 'InvoiceLine' });
export type InvoiceLine = z.infer<typeof InvoiceLine>;

export const Invoice = z
  .object({
    id: z.uuid(),
    invoiceNumber: z.string(),
    issueDate: z.iso.date(),
    dueDate: z.iso.date(),
    status: InvoiceStatus,
    /** Σ lines not waived, minor units. */
    total: z.number().int(),
    /** What is still unpaid (charges minus payments in the ledger), minor units. */
    openAmount: z.number().int(),
    lines: z.array(InvoiceLine),
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
    /** The late-fee rule of the policy's product version, as billing holds it since issuance. */
    lateFee: LateFeeRule,
  })
  .meta({ id: 'PolicyBilling' });
export type PolicyBilling = z.infer<typeof PolicyBilling>;

export const CustomerBilling = z
  .object({
    customerId: z.uuid(),
    totals: z.array(
      z.object({
        currency: z.string().length(3),
        amountDue: z.number().int(),
        overdueAmount: z.number().int(),
        overdueSince: z.iso.date().nullable(),
        credit: z.number().int(),
        /** The next due date across the customer's policies (today or later) and what falls due then: unpaid invoices' open amounts and installments not yet invoiced. */
        nextDue: z.object({ date: z.iso.date(), amount: z.number().int() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'CustomerBilling' });
export type CustomerBilling = z.infer<typeof CustomerBilling>;

// --- What the billing module declares (the console uses these too).
export const BILLING_PERMISSIONS = {
  'ledger:read': ['manager', 'finance', 'finance_manager'],
  // Invoices: who serves the policy's customer (branch-scoped); underwriters assess risk, not collections.
  'billing:read': ['agent', 'senior_agent', 'manager', 'finance', 'finance_manager'],
  // Late fees: waiving one is a senior decision (senior agents and managers of the policy's branch).
  'fees:waive': ['senior_agent', 'manager'],
  // Voiding an invoice raised in error (its whole charge reversed, no limit applies): managers and finance managers.
  'invoices:void': ['manager', 'finance_manager'],
} as const satisfies PermissionGrants;

export const BILLING_AUDIT_ACTIONS = [
  'ledger.reverse',
  'ledger.export',
  // Invoices
  'invoice.credit_applied',
  'invoice.overdue',
  // Late fees
  'invoice.late_fee_charged',
  'invoice.late_fee_waived',
  'invoice.void',
] as const;
export type BillingAuditAction = (typeof BILLING_AUDIT_ACTIONS)[number];

export const BILLING_ERROR_CODES = [
  'LEDGER_ENTRY_INVALID',
  'LEDGER_EXTERNAL_ID_CONFLICT',
  'LEDGER_ENTRY_ALREADY_REVERSED',
  // Late fees
  'INVOICE_LINE_NOT_A_LATE_FEE',
  'LATE_FEE_ALREADY_WAIVED',
  'INVOICE_NOT_VOIDABLE',
  'INVOICE_VOID',
  /** The receivables ageing asked as of a day after today (400, field `asOf`). */
  'AGING_AS_OF_IN_FUTURE',
] as const;
export type BillingErrorCode = (typeof BILLING_ERROR_CODES)[number];

// --- Late fees: waiving one (POST /api/invoices/{id}/lines/{lineId}/waive).
export const WaiveLateFeeBody = z
  .strictObject({
    reason: z.string().trim().min(3, 'Give a reason of at least 3 characters').max(500, 'At most 500 characters'),
  })
  .meta({ id: 'WaiveLateFeeBody' });
export type WaiveLateFeeBody = z.infer<typeof WaiveLateFeeBody>;

export const LateFeeWaiver = z
  .object({
    invoice: Invoice,
    /** The part of the fee the customer had already paid, given back as their credit (then applied to what they owe). */
    creditReturned: z.number().int(),
    /** The part of the fee a write-off of the invoice had settled: the write-off released (never the customer's credit). */
    writeOffReleased: z.number().int(),
    /** The reversal of the fee's ledger entry. */
    reversalEntryId: z.uuid(),
  })
  .meta({ id: 'LateFeeWaiver' });
export type LateFeeWaiver = z.infer<typeof LateFeeWaiver>;

// --- Voiding an invoice raised in error (POST /api/invoices/{id}/void).
export const VoidInvoiceBody = z
  .strictObject({
    reason: z.string().trim().min(3, 'Give a reason of at least 3 characters').max(500, 'At most 500 characters'),
  })
  .meta({ id: 'VoidInvoiceBody' });
export type VoidInvoiceBody = z.infer<typeof VoidInvoiceBody>;

export const InvoiceVoided = z
  .object({
    invoice: Invoice,
    /** The reversals of the invoice's charges (its premium, late fees not waived), in the order posted. */
    reversalEntryIds: z.array(z.uuid()),
  })
  .meta({ id: 'InvoiceVoided' });
export type InvoiceVoided = z.infer<typeof InvoiceVoided>;

// ---------------------------------------------------------------------------------------------
// Payments (issue 11, Payments): POST /api/payments, reads, and the gateway webhook.
// ---------------------------------------------------------------------------------------------

export const PAYMENT_METHODS = CLEARING_METHODS;
export const PaymentMethodKind = z.enum(PAYMENT_METHODS).meta({ id: 'PaymentMethodKind' });
export type PaymentMethodKind = z.infer<typeof PaymentMethodKind>;

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'reversed'] as const;
export const PaymentStatus = z.enum(PAYMENT_STATUSES).meta({ id: 'PaymentStatus' });
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** The largest single payment accepted, in minor units (10 million in the currency's major unit). */
export const PAYMENT_AMOUNT_MAX = 10_000_000_00;

export const CreatePaymentBody = z
  .strictObject({
    /** A policy's payment; or `customerId` for money on the customer's account. Exactly one. */
    policyId: z.uuid('Not a valid policy id').optional(),
    customerId: z.uuid('Not a valid customer id').optional(),
    method: PaymentMethodKind,
    amount: z
      .number()
      .int('Give the amount in whole minor units (cents)')
      .positive('The amount must be above zero')
      .max(PAYMENT_AMOUNT_MAX, `At most ${PAYMENT_AMOUNT_MAX} minor units`),
    currency: z.string().regex(/^[A-Z]{3}$/, 'Give an ISO 4217 currency code such as USD'),
    /** Required for checks. */
    checkNumber: z.string().trim().min(1).max(40).optional(),
    /** The bank's reference: required for bank transfers and direct debits. */
    reference: z.string().trim().min(1).max(140).optional(),
    /** The business date the money was received (default today); cards are always today. */
    receivedOn: IsoDate().optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.policyId === undefined) === (b.customerId === undefined)) ctx.addIssue({ code: 'custom', path: ['policyId'], message: 'Give either policyId or customerId' });
    if (b.method === 'check' && !b.checkNumber) ctx.addIssue({ code: 'custom', path: ['checkNumber'], message: 'Give the check number' });
    if ((b.method === 'bank_transfer' || b.method === 'direct_debit') && !b.reference) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'Give the bank reference' });
    if (b.method !== 'check' && b.checkNumber !== undefined) ctx.addIssue({ code: 'custom', path: ['checkNumber'], message: 'Only checks have a check number' });
    if (b.method === 'card' && b.receivedOn !== undefined) ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: 'A card payment is received today' });
  })
  // The same rules in the document's form.
  .meta({
    id: 'CreatePaymentBody',
    oneOf: [{ required: ['policyId'] }, { required: ['customerId'] }],
    allOf: [
      { if: { properties: { method: { const: 'check' } } }, then: { required: ['checkNumber'] }, else: { not: { required: ['checkNumber'] } } },
      { if: { properties: { method: { enum: ['bank_transfer', 'direct_debit'] } } }, then: { required: ['reference'] } },
      { if: { properties: { method: { const: 'card' } } }, then: { not: { required: ['receivedOn'] } } },
    ],
  });
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

export const PaymentAllocation = z.object({ invoiceId: z.uuid(), invoiceNumber: z.string(), amount: z.number().int() }).meta({ id: 'PaymentAllocation' });
export type PaymentAllocation = z.infer<typeof PaymentAllocation>;

export const Payment = z
  .object({
    id: z.uuid(),
    paymentNumber: z.string(),
    policyId: z.uuid().nullable(),
    customerId: z.uuid(),
    branchId: z.uuid(),
    method: PaymentMethodKind,
    amount: z.number().int(),
    currency: z.string(),
    status: PaymentStatus,
    receivedOn: z.iso.date(),
    cardLast4: z.string().nullable(),
    checkNumber: z.string().nullable(),
    reference: z.string().nullable(),
    gateway: z.string().nullable(),
    gatewayReference: z.string().nullable(),
    failureCode: z.string().nullable(),
    failureMessage: z.string().nullable(),
    /** The paymentReceived ledger entry (null unless the payment succeeded at some point). */
    ledgerEntryId: z.uuid().nullable(),
    version: z.number().int(),
    createdBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof Payment>;

/** POST /api/payments answers the payment and how its money was applied to open invoices. */
export const PaymentResult = Payment.extend({ allocations: z.array(PaymentAllocation) }).meta({ id: 'PaymentResult' });
export type PaymentResult = z.infer<typeof PaymentResult>;

/** The methods whose payments staff may reverse (a bounced check, a returned direct debit); a card's comes by the gateway's dispute webhook. */
export const REVERSIBLE_PAYMENT_METHODS = ['check', 'direct_debit'] as const satisfies readonly PaymentMethodKind[];

/** POST /api/payments/{id}/reverse: why the money did not arrive (the bank's return reason, the bounced check). */
export const ReversePaymentBody = z
  .strictObject({ reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500, 'At most 500 characters') })
  .meta({ id: 'ReversePaymentBody' });
export type ReversePaymentBody = z.infer<typeof ReversePaymentBody>;

/** The payment after its reversal, and what was taken back from each invoice its money had paid (owed again). */
export const PaymentReversal = Payment.extend({ reopened: z.array(PaymentAllocation) }).meta({ id: 'PaymentReversal' });
export type PaymentReversal = z.infer<typeof PaymentReversal>;

export const PaymentPage = pageOf(Payment).meta({ id: 'PaymentPage' });
export const PaymentListQuery = PageQuery;

export const WebhookAck = z.object({ received: z.literal(true), duplicate: z.boolean() }).meta({ id: 'WebhookAck' });

export const PAYMENTS_PERMISSIONS = {
  'payments:create': ['manager', 'senior_agent', 'agent'],
  'payments:read': ['manager', 'senior_agent', 'agent', 'finance', 'finance_manager'],
  // Re-allocation: moving a payment's money between the customer's invoices (senior agent and above).
  'payments:reallocate': ['manager', 'senior_agent'],
  // Recording a bounced check or a returned direct debit: the payment's money taken back (senior agent and above).
  'payments:reverse': ['manager', 'senior_agent'],
} as const satisfies PermissionGrants;

export const PAYMENTS_AUDIT_ACTIONS = ['payment.create', 'payment.settle', 'payment.fail', 'payment.reverse', 'payment.reallocate'] as const;
export type PaymentsAuditAction = (typeof PAYMENTS_AUDIT_ACTIONS)[number];

export const PAYMENTS_ERROR_CODES = [
  'PAYMENT_CURRENCY_MISMATCH',
  'PAYMENT_NO_CARD_ON_FILE',
  'PAYMENT_GATEWAY_ERROR',
  'PAYMENT_GATEWAY_UNAVAILABLE',
  'WEBHOOK_SIGNATURE_INVALID',
  'WEBHOOK_TIMESTAMP_STALE',
  'WEBHOOK_SIGNATURE_MALFORMED',
  'WEBHOOK_EVENT_MALFORMED',
  'WEBHOOK_PAYMENT_UNKNOWN',
  'WEBHOOK_PAYMENT_PENDING',
  // Re-allocation
  'PAYMENT_NOT_REALLOCATABLE',
  'REALLOCATION_INVOICE_NOT_ELIGIBLE',
  'REALLOCATION_EXCEEDS_OPEN_AMOUNT',
  'REALLOCATION_EXCEEDS_AVAILABLE',
  // Reversal (a bounced check, a returned direct debit)
  'PAYMENT_REVERSAL_NOT_FOR_METHOD',
  'PAYMENT_NOT_REVERSIBLE',
  'PAYMENT_ALREADY_REVERSED',
  'PAYMENT_REFUNDS_HOLD_MONEY',
  // A customer paying an invoice in the portal
  'PAYMENT_INVOICE_NOT_OPEN',
] as const;
export type PaymentsErrorCode = (typeof PAYMENTS_ERROR_CODES)[number];

// ---------------------------------------------------------------------------------------------
// Refunds and write-offs (issue 11): a refund of a payment or of a customer's credit, requested by
// one person and approved by another within their refund_amount limit; write-offs of what is left
// open on an invoice within the actor's write_off_amount limit.
// ---------------------------------------------------------------------------------------------

export const REFUND_STATUSES = ['requested', 'approved', 'paid', 'failed', 'rejected', 'cancelled'] as const;
export const RefundStatus = z.enum(REFUND_STATUSES).meta({ id: 'RefundStatus' });
export type RefundStatus = z.infer<typeof RefundStatus>;

export const REFUND_SOURCES = ['payment', 'credit'] as const;
export const RefundSource = z.enum(REFUND_SOURCES).meta({ id: 'RefundSource' });
export type RefundSource = z.infer<typeof RefundSource>;

/** How a customer's credit is paid out (a card refund needs a charge: only a card payment is refunded to a card). */
export const CREDIT_REFUND_METHODS = ['bank_transfer', 'check', 'cash'] as const;

const RefundReason = z.string().trim().min(3, 'Say why (at least 3 characters)').max(500, 'At most 500 characters');
const RefundAmount = z
  .number()
  .int('Give the amount in whole minor units (cents)')
  .positive('The amount must be above zero')
  .max(PAYMENT_AMOUNT_MAX, `At most ${PAYMENT_AMOUNT_MAX} minor units`);

export const RequestRefundBody = z
  .strictObject({
    /** Refund (part of) this payment, to its own method. */
    paymentId: z.uuid('Not a valid payment id').optional(),
    /** Refund the customer's credit in this policy's currency (listed with the policy's refunds). */
    policyId: z.uuid('Not a valid policy id').optional(),
    /** Refund the customer's credit in `currency`. */
    customerId: z.uuid('Not a valid customer id').optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Give an ISO 4217 currency code such as USD')
      .optional(),
    /** A credit refund's payout method; a payment is refunded to its own method. */
    method: z.enum(CREDIT_REFUND_METHODS).optional(),
    amount: RefundAmount,
    reason: RefundReason,
  })
  .superRefine((b, ctx) => {
    const given = [b.paymentId, b.policyId, b.customerId].filter((v) => v !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', path: ['paymentId'], message: 'Give exactly one of paymentId, policyId (its customer’s credit) or customerId' });
    if (b.paymentId !== undefined && b.method !== undefined) ctx.addIssue({ code: 'custom', path: ['method'], message: 'A payment is refunded to its own method' });
    if (b.paymentId === undefined && b.method === undefined) ctx.addIssue({ code: 'custom', path: ['method'], message: 'Say how the credit is paid out' });
    if (b.customerId !== undefined && b.currency === undefined) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'Give the currency of the credit' });
    if (b.customerId === undefined && b.currency !== undefined) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'The currency is the payment’s or the policy’s' });
  })
  .meta({ id: 'RequestRefundBody' });
export type RequestRefundBody = z.infer<typeof RequestRefundBody>;

export const ApproveRefundBody = z.strictObject({ note: z.string().trim().min(1).max(500).optional() }).meta({ id: 'ApproveRefundBody' });
export type ApproveRefundBody = z.infer<typeof ApproveRefundBody>;
export const RefundReasonBody = z.strictObject({ reason: RefundReason }).meta({ id: 'RefundReasonBody' });
export type RefundReasonBody = z.infer<typeof RefundReasonBody>;
export const RefundPaidBody = z
  .strictObject({ reference: z.string().trim().min(1, 'Give the payout reference (transfer, check number, receipt)').max(140) })
  .meta({ id: 'RefundPaidBody' });
export type RefundPaidBody = z.infer<typeof RefundPaidBody>;

export const RefundHistoryEntry = z
  .object({ fromStatus: z.union([RefundStatus, z.null()]), toStatus: RefundStatus, actorId: z.uuid().nullable(), note: z.string().nullable(), occurredAt: z.iso.datetime() })
  .meta({ id: 'RefundHistoryEntry' });

export const Refund = z
  .object({
    id: z.uuid(),
    refundNumber: z.string(),
    source: RefundSource,
    paymentId: z.uuid().nullable(),
    paymentNumber: z.string().nullable(),
    policyId: z.uuid().nullable(),
    policyNumber: z.string().nullable(),
    customerId: z.uuid(),
    branchId: z.uuid(),
    method: PaymentMethodKind,
    amount: z.number().int(),
    currency: z.string(),
    reason: z.string(),
    status: RefundStatus,
    requestedBy: z.uuid(),
    requestedAt: z.iso.datetime(),
    /** Who approved, rejected or cancelled it. */
    decidedBy: z.uuid().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionNote: z.string().nullable(),
    gateway: z.string().nullable(),
    gatewayReference: z.string().nullable(),
    payoutReference: z.string().nullable(),
    failureReason: z.string().nullable(),
    paidAt: z.iso.datetime().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Refund' });
export type Refund = z.infer<typeof Refund>;

export const RefundWithHistory = Refund.extend({ history: z.array(RefundHistoryEntry) }).meta({ id: 'RefundWithHistory' });
export type RefundWithHistory = z.infer<typeof RefundWithHistory>;

export const RefundPage = pageOf(Refund).meta({ id: 'RefundPage' });
export type RefundPage = z.infer<typeof RefundPage>;
export const RefundListQuery = PageQuery;

/** A refund waiting for a decision, with its customer's number and name (the approver's list links to the customer). */
export const RefundAwaitingApproval = Refund.extend({ customer: CustomerRef }).meta({ id: 'RefundAwaitingApproval' });
export type RefundAwaitingApproval = z.infer<typeof RefundAwaitingApproval>;
export const RefundAwaitingApprovalPage = countedPageOf(RefundAwaitingApproval).meta({ id: 'RefundAwaitingApprovalPage' });
export type RefundAwaitingApprovalPage = z.infer<typeof RefundAwaitingApprovalPage>;
/** Oldest request first by default; or by amount (minor units, whatever the currency). */
export const REFUND_TO_APPROVE_SORTS = ['createdAt', 'amount'] as const;
export type RefundToApproveSort = SortOf<typeof REFUND_TO_APPROVE_SORTS>;
export const RefundsAwaitingApprovalQuery = PageQuery.extend({ sort: sortQuery(REFUND_TO_APPROVE_SORTS, 'createdAt') });
export type RefundsAwaitingApprovalQuery = z.infer<typeof RefundsAwaitingApprovalQuery>;

export const WriteOffBody = z.strictObject({ amount: RefundAmount, reason: RefundReason }).meta({ id: 'WriteOffBody' });
export type WriteOffBody = z.infer<typeof WriteOffBody>;

export const WriteOff = z
  .object({
    id: z.uuid(),
    writeOffNumber: z.string(),
    invoiceId: z.uuid(),
    invoiceNumber: z.string(),
    policyId: z.uuid(),
    amount: z.number().int(),
    currency: z.string(),
    reason: z.string(),
    /** The invoice after the write-off. */
    invoiceStatus: InvoiceStatus,
    openAmount: z.number().int(),
    ledgerEntryId: z.uuid(),
    createdBy: z.uuid(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WriteOff' });
export type WriteOff = z.infer<typeof WriteOff>;

export const REFUNDS_PERMISSIONS = {
  'refunds:request': ['manager', 'senior_agent', 'agent'],
  // Finance managers approve refunds and write off balances within their limits (issue 20).
  'refunds:approve': ['manager', 'senior_agent', 'finance_manager'],
  'invoices:write-off': ['manager', 'senior_agent', 'finance_manager'],
} as const satisfies PermissionGrants;

export const REFUNDS_AUDIT_ACTIONS = [
  'refund.request',
  'refund.approve',
  'refund.reject',
  'refund.cancel',
  'refund.pay',
  'refund.settle',
  'refund.fail',
  'invoice.write_off',
] as const;
export type RefundsAuditAction = (typeof REFUNDS_AUDIT_ACTIONS)[number];

export const REFUNDS_ERROR_CODES = [
  'REFUND_EXCEEDS_PAYMENT',
  'REFUND_EXCEEDS_CREDIT',
  'REFUND_PAYMENT_NOT_REFUNDABLE',
  'REFUND_ILLEGAL_TRANSITION',
  'REFUND_PAID_BY_GATEWAY',
  'WEBHOOK_REFUND_UNKNOWN',
  'WRITE_OFF_EXCEEDS_OPEN',
] as const;
export type RefundsErrorCode = (typeof REFUNDS_ERROR_CODES)[number];
// Re-allocation (issue 11): a payment's credit applications reversed and new ones posted.
// ---------------------------------------------------------------------------------------------

export const REALLOCATION_LINES_MAX = 100;

export const ReallocatePaymentBody = z
  .strictObject({
    /** Where the payment's money goes now; what is not allocated stays the customer's credit. Empty: all of it becomes credit. */
    allocations: z
      .array(
        z.strictObject({
          invoiceId: z.uuid('Not a valid invoice id'),
          amount: z
            .number()
            .int('Give the amount in whole minor units (cents)')
            .positive('The amount must be above zero')
            .max(PAYMENT_AMOUNT_MAX, `At most ${PAYMENT_AMOUNT_MAX} minor units`),
        }),
      )
      .max(REALLOCATION_LINES_MAX, `At most ${REALLOCATION_LINES_MAX} invoices`),
    reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500, 'At most 500 characters'),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.allocations.forEach((a, i) => {
      if (seen.has(a.invoiceId)) ctx.addIssue({ code: 'custom', path: ['allocations', i, 'invoiceId'], message: 'Each invoice once' });
      seen.add(a.invoiceId);
    });
  })
  .meta({ id: 'ReallocatePaymentBody' });
export type ReallocatePaymentBody = z.infer<typeof ReallocatePaymentBody>;

/** An invoice the payment's money may go to: the customer's, in the payment's currency, with something to pay once the payment's own applications are undone. */
export const ReallocationInvoice = z
  .object({
    id: z.uuid(),
    invoiceNumber: z.string(),
    policyId: z.uuid(),
    policyNumber: z.string(),
    dueDate: z.iso.date(),
    status: InvoiceStatus,
    /** Unpaid now, minor units. */
    openAmount: z.number().int(),
    /** What this payment has applied to it now. */
    allocated: z.number().int(),
    /** Unpaid once this payment's applications are reversed: the most it can receive. */
    openAfterReversal: z.number().int(),
  })
  .meta({ id: 'ReallocationInvoice' });
export type ReallocationInvoice = z.infer<typeof ReallocationInvoice>;

/** A payment's money: where it is applied now, the customer's credit, and the invoices it could pay instead. */
export const PaymentAllocations = z
  .object({
    paymentId: z.uuid(),
    paymentNumber: z.string(),
    customerId: z.uuid(),
    currency: z.string(),
    amount: z.number().int(),
    /** The payment's version: send it as If-Match to re-allocate. */
    version: z.number().int(),
    /** Applied by this payment now, per invoice. */
    allocations: z.array(PaymentAllocation),
    /** The customer's unapplied credit in the currency now. */
    credit: z.number().int(),
    /** The most a re-allocation may apply: the payment's amount, capped by the customer's credit once the applications are reversed. */
    available: z.number().int(),
    /** Whether it can be re-allocated, and if not why (not succeeded; applications taken back by a chargeback; its customer merged). */
    reallocatable: z.boolean(),
    notReallocatableReason: z.string().nullable(),
    invoices: z.array(ReallocationInvoice),
  })
  .meta({ id: 'PaymentAllocations' });
export type PaymentAllocations = z.infer<typeof PaymentAllocations>;

// ---------------------------------------------------------------------------------------------
// The overdue worklist (issue 11): policies of the caller's branches with overdue invoices.
// ---------------------------------------------------------------------------------------------

export const OVERDUE_SORTS = ['daysPastDue', '-daysPastDue', 'amount', '-amount'] as const;
export const OverdueSort = z.enum(OVERDUE_SORTS, { message: `sort must be one of: ${OVERDUE_SORTS.join(', ')}` });
export type OverdueSort = z.infer<typeof OverdueSort>;
const DAYS_MAX = 36_500;

export const OverdueListQuery = PageQuery.extend({
  /** At least this many days past due (the oldest overdue invoice's due date). */
  daysFrom: z.coerce.number().int('Whole days').min(1, 'At least 1').max(DAYS_MAX, `At most ${DAYS_MAX}`).optional(),
  /** At most this many days past due. */
  daysTo: z.coerce.number().int('Whole days').min(1, 'At least 1').max(DAYS_MAX, `At most ${DAYS_MAX}`).optional(),
  /** At least this much overdue, minor units of the policy's currency. */
  amountMin: z.coerce.number().int('Whole minor units').min(0, 'Not below zero').max(PAYMENT_AMOUNT_MAX).optional(),
  productId: z.uuid('Not a valid product id').optional(),
  branchId: z.uuid('Not a valid branch id').optional(),
  customerId: z.uuid('Not a valid customer id').optional(),
  /** Part of the policy number (P-000123, 123). */
  q: z.string().trim().min(1).max(40).optional(),
  /** Most days past due first (default), or by overdue amount. */
  sort: OverdueSort.default('-daysPastDue'),
}).superRefine((q, ctx) => {
  if (q.daysFrom !== undefined && q.daysTo !== undefined && q.daysFrom > q.daysTo) ctx.addIssue({ code: 'custom', path: ['daysTo'], message: 'daysTo must not be below daysFrom' });
});
export type OverdueListQuery = z.infer<typeof OverdueListQuery>;

/** When someone last spoke with the customer, from whichever module records it (service desk, later) — or the last payment attempt until then. */
export const LastContact = z
  .object({
    at: z.iso.datetime(),
    /** e.g. `payment_attempt`; the service desk will add calls, emails, visits. */
    kind: z.string(),
    /** One line: "Payment PM-000012 by card, failed". */
    summary: z.string(),
  })
  .meta({ id: 'LastContact' });
export type LastContact = z.infer<typeof LastContact>;

export const OverdueItem = z
  .object({
    policyId: z.uuid(),
    policyNumber: z.string(),
    customer: CustomerRef,
    branchId: z.uuid(),
    currency: z.string(),
    /** Σ open amounts of the policy's overdue invoices, minor units. */
    overdueAmount: z.number().int(),
    /** The oldest overdue invoice's due date. */
    overdueSince: z.iso.date(),
    /** Days from overdueSince to today (business date). */
    daysPastDue: z.number().int(),
    overdueInvoices: z.number().int(),
    lastContact: LastContact.nullable(),
  })
  .meta({ id: 'OverdueItem' });
export type OverdueItem = z.infer<typeof OverdueItem>;

export const OverduePage = countedPageOf(OverdueItem).meta({ id: 'OverduePage' });
export type OverduePage = z.infer<typeof OverduePage>;

/** Ageing buckets by days past due on the business date: not yet due (or due today), 1–30, 31–60, 61–90, over 90. */
export const AGEING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export const AgeingBucket = z.enum(AGEING_BUCKETS).meta({ id: 'AgeingBucket' });
export type AgeingBucket = z.infer<typeof AgeingBucket>;

/** The day the ageing is read as of: today's business date when left out; never a day to come. */
export const ReceivablesAgingQuery = z
  .strictObject({
    asOf: z.iso
      .date('Use the format YYYY-MM-DD')
      .refine((d) => d >= '2000-01-01', 'Not a date the books can hold')
      .optional()
      .meta({ description: 'The receivables as they stood at the end of this day (from the ledger); default today; a later day is 400 AGING_AS_OF_IN_FUTURE' }),
  })
  .meta({ id: 'ReceivablesAgingQuery' });
export type ReceivablesAgingQuery = z.infer<typeof ReceivablesAgingQuery>;

/** Receivables ageing: the open amounts of the reader's unpaid invoices per currency and bucket, as of a day (default today). */
export const ReceivablesAging = z
  .object({
    asOf: z.iso.date(),
    currencies: z.array(
      z.object({
        currency: z.string(),
        /** Σ open amounts, minor units, and the invoices with something open. */
        total: z.number().int(),
        invoices: z.number().int(),
        /** Every bucket, oldest last, zero when empty. */
        buckets: z.array(z.object({ bucket: AgeingBucket, amount: z.number().int(), invoices: z.number().int() })),
      }),
    ),
  })
  .meta({ id: 'ReceivablesAging' });
export type ReceivablesAging = z.infer<typeof ReceivablesAging>;

/** One invoice in the customer's 360° view (section `billing`, the newest five). */
export const InvoiceSectionItem = z
  .object({
    id: z.uuid(),
    invoiceNumber: z.string(),
    policyId: z.uuid(),
    dueDate: z.string(),
    status: InvoiceStatus,
    currency: z.string(),
    openAmount: z.number().int(),
  })
  .meta({ id: 'InvoiceSectionItem' });
export type InvoiceSectionItem = z.infer<typeof InvoiceSectionItem>;

/** An item of the customer 360° view's `payments` section: the customer's newest payments. */
export const PaymentSectionItem = z
  .object({
    id: z.uuid(),
    paymentNumber: z.string(),
    policyId: z.uuid().nullable(),
    method: PaymentMethodKind,
    status: PaymentStatus,
    amount: z.number().int(),
    currency: z.string(),
    receivedOn: z.string(),
  })
  .meta({ id: 'PaymentSectionItem' });
export type PaymentSectionItem = z.infer<typeof PaymentSectionItem>;
