import type { Beneficiary, DECLINE_REASONS, OrderStatus, PaymentMethod } from '@contracts/orders';
import type { DeclarationQuestion } from '@contracts/products';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  in_underwriting: 'In underwriting',
  info_requested: 'Information requested',
  approved: 'Approved',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  in_underwriting: 'indigo',
  info_requested: 'yellow',
  approved: 'teal',
  declined: 'red',
  withdrawn: 'dark',
};

/** What the status means for whoever reads the application, in a few words. */
export const ORDER_STATUS_HINTS: Record<OrderStatus, string> = {
  draft: 'Being filled in by the agent',
  submitted: 'Waiting for an underwriter',
  in_underwriting: 'An underwriter is reviewing it',
  info_requested: 'The underwriter is waiting for an answer',
  approved: 'Approved; the policy is issued',
  declined: 'Declined by underwriting',
  withdrawn: 'Withdrawn',
};

export const BENEFICIARY_RELATIONSHIP_LABELS: Record<Beneficiary['relationship'], string> = {
  spouse: 'Spouse',
  partner: 'Partner',
  child: 'Child',
  parent: 'Parent',
  sibling: 'Brother or sister',
  other_relative: 'Other relative',
  estate: 'Estate',
  trust: 'Trust',
  other: 'Other',
};

export const TIER_LABELS: Record<Beneficiary['tier'], string> = { primary: 'Primary', contingent: 'Contingent' };

export const INSURED_RELATIONSHIP_LABELS = {
  spouse: 'Spouse',
  partner: 'Partner',
  child: 'Child',
  parent: 'Parent',
  employee: 'Employee',
  other: 'Other',
} as const;

export const DECLARATION_CATEGORY_LABELS: Record<DeclarationQuestion['category'], string> = {
  health: 'Health',
  lifestyle: 'Lifestyle',
  prior_claims: 'Insurance history',
};

export const DECLINE_REASON_LABELS: Record<(typeof DECLINE_REASONS)[number], string> = {
  medical: 'Medical',
  financial: 'Financial',
  occupation: 'Occupation',
  lifestyle: 'Lifestyle or pursuits',
  non_disclosure: 'Non-disclosure',
  outside_guidelines: 'Outside underwriting guidelines',
  other: 'Other',
};

const BRANDS: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', card: 'Card' };

/** "Visa •••• 1111, expires 01/2030" or "Bank account •••• 6789": only the masked form ever comes back. */
export function paymentMethodText(method: Pick<PaymentMethod, 'type' | 'brand' | 'last4' | 'expiry'>): string {
  if (method.type === 'bank_account') return `Bank account •••• ${method.last4}`;
  const brand = BRANDS[method.brand ?? 'card'] ?? method.brand ?? 'Card';
  return `${brand} •••• ${method.last4}${method.expiry ? `, expires ${method.expiry}` : ''}`;
}

/** "2.5 %" without binary noise: shares have at most two decimals. */
export function formatShare(share: number): string {
  return `${Number(share.toFixed(2))} %`;
}
