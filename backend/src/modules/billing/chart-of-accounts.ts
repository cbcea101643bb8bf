// The chart of accounts and the posting scheme: the one place that says which accounts exist, who
// owns each, on which side it grows, and which accounts each business event debits and credits.
// Changing how an event posts (e.g. billed premium to unearned premium) is one edit here.
import type { AccountKind, AccountOwnerType, ClearingMethod, Direction } from '../../contracts/billing';

export type AccountClass = 'asset' | 'liability' | 'income' | 'expense';

export interface AccountKindDefinition {
  owner: AccountOwnerType;
  class: AccountClass;
  /** The side on which the balance grows: assets and expenses debit, liabilities and income credit. */
  normalSide: Direction;
  description: string;
}

export const CHART_OF_ACCOUNTS: Readonly<Record<AccountKind, AccountKindDefinition>> = {
  premium_receivable: { owner: 'policy', class: 'asset', normalSide: 'debit', description: 'Premium billed to the policy and not yet paid' },
  customer_credit: { owner: 'customer', class: 'liability', normalSide: 'credit', description: "Money received from the customer and not yet applied (the customer's credit)" },
  cash_clearing: { owner: 'payment_method', class: 'asset', normalSide: 'debit', description: 'Money received by a payment method, awaiting settlement' },
  premium_income: { owner: 'company', class: 'income', normalSide: 'credit', description: 'Premium earned' },
  unearned_premium: { owner: 'company', class: 'liability', normalSide: 'credit', description: 'Unearned premium reserve: premium billed for days not yet covered' },
  fee_income: { owner: 'company', class: 'income', normalSide: 'credit', description: 'Late fees and other charges' },
  refunds_payable: { owner: 'company', class: 'liability', normalSide: 'credit', description: 'Refunds approved and not yet paid out' },
  write_offs: { owner: 'company', class: 'expense', normalSide: 'debit', description: 'Small balances written off' },
  claims_reserve: { owner: 'company', class: 'liability', normalSide: 'credit', description: 'Amounts reserved for open claims' },
  claims_paid: { owner: 'company', class: 'expense', normalSide: 'debit', description: 'Claim payments made' },
  surrender_benefits: { owner: 'company', class: 'expense', normalSide: 'debit', description: 'Surrender values paid on ended policies' },
  claims_incurred: { owner: 'company', class: 'expense', normalSide: 'debit', description: 'Claims incurred: what is held in reserve for open claims' },
  processor_fees: { owner: 'company', class: 'expense', normalSide: 'debit', description: 'Fees payment processors keep from their payouts' },
};

/** An account as callers name it: its kind, its owner (policy id, customer id, payment method; none for company-wide) and currency. */
export type AccountRef =
  | { kind: 'premium_receivable'; owner: string; currency: string }
  | { kind: 'customer_credit'; owner: string; currency: string }
  | { kind: 'cash_clearing'; owner: ClearingMethod; currency: string }
  | { kind: Exclude<AccountKind, 'premium_receivable' | 'customer_credit' | 'cash_clearing'>; owner?: null; currency: string };

/** The account's owner key as stored ('' for company-wide accounts). */
export const ownerKeyOf = (ref: AccountRef): string => (CHART_OF_ACCOUNTS[ref.kind].owner === 'company' ? '' : (ref.owner ?? ''));

/** An amount as its account reads it: positive on the normal side. */
export const signedForAccount = (kind: AccountKind, direction: Direction, amount: number): number => (direction === CHART_OF_ACCOUNTS[kind].normalSide ? amount : -amount);

/**
 * Which kinds each business event debits and credits. Billed premium is unearned until the days it
 * covers pass (issue 20): it credits the unearned premium reserve, and the daily earning job
 * (finance) moves each day's share to premium income (`premiumEarned`).
 */
export const POSTING_SCHEME = {
  /** An invoice raised: the policy owes its premium, unearned until the days it covers pass. */
  premiumBilled: { debit: 'premium_receivable', credit: 'unearned_premium' },
  /** A day's earned share of the written premium (the earning job; a negative share posts the other way). */
  premiumEarned: { debit: 'unearned_premium', credit: 'premium_income' },
  /** A payment succeeded: money in, held as the customer's credit until allocated. */
  paymentReceived: { debit: 'cash_clearing', credit: 'customer_credit' },
  /** Credit applied to a policy's open invoice. */
  creditApplied: { debit: 'customer_credit', credit: 'premium_receivable' },
  /** Credit taken back from an invoice it had paid (the money behind it was charged back): the invoice is owed again. */
  creditWithdrawn: { debit: 'premium_receivable', credit: 'customer_credit' },
  /** A late fee charged on the policy. Waiving it reverses this entry. */
  feeCharged: { debit: 'premium_receivable', credit: 'fee_income' },
  /** The part of a waived fee the customer had already paid: back from the invoice to their credit. */
  waivedFeeRefunded: { debit: 'premium_receivable', credit: 'customer_credit' },
  /** A refund approved out of the customer's credit. */
  refundApproved: { debit: 'customer_credit', credit: 'refunds_payable' },
  /** A refund paid out through the payment method. */
  refundPaid: { debit: 'refunds_payable', credit: 'cash_clearing' },
  /** A change to a policy lowered its premium for the rest of the year (or a cancellation returns premium billed and not earned): out of the reserve to the customer's credit. */
  premiumReturned: { debit: 'unearned_premium', credit: 'customer_credit' },
  /** A small receivable written off. */
  writtenOff: { debit: 'write_offs', credit: 'premium_receivable' },
  /** A waived fee on a written-off invoice: the write-off no longer needed is released (never the customer's credit). */
  writeOffReleased: { debit: 'premium_receivable', credit: 'write_offs' },
  /** A surrendered policy's surrender value, owed to the customer (applied to what they owe, then refunded). */
  surrenderValuePaid: { debit: 'surrender_benefits', credit: 'customer_credit' },
  /** A claim's reserve raised (set at submission, or increased with a reason): incurred, held for the claim. */
  claimReserveRaised: { debit: 'claims_incurred', credit: 'claims_reserve' },
  /** A claim's reserve lowered with a reason: released from the reserve. */
  claimReserveReleased: { debit: 'claims_reserve', credit: 'claims_incurred' },
  /** A claim payment: the reserve it consumes goes out through the method's cash clearing… */
  claimPaid: { debit: 'claims_reserve', credit: 'cash_clearing' },
  /** …and in the same entry what was incurred is now paid (incurred = paid + outstanding reserve). */
  claimPaidIncurred: { debit: 'claims_paid', credit: 'claims_incurred' },
  /** A processor's fee kept from a payout (payout reconciliation): the method's cash clearing settles for less. */
  processorFee: { debit: 'processor_fees', credit: 'cash_clearing' },
} as const satisfies Record<string, { debit: AccountKind; credit: AccountKind }>;
export type PostingEvent = keyof typeof POSTING_SCHEME;
