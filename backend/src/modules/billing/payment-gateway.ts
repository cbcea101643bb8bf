// The port to a card payment gateway. Billing charges and refunds only through this interface:
// the built-in sandbox in local mode (sandbox-gateway.ts), Stripe (the `stripe` package) when a key
// is configured. Amounts are integer minor units with an ISO currency; the idempotency key is the
// payment's own, so a retried request can never charge twice at the gateway either.
import type { SignatureCheck } from './webhook-signature';

export type DeclineCode = 'card_declined' | 'insufficient_funds' | 'expired_card' | 'processing_error';

/** What a decline means, in words a customer reads (a gateway's own message is preferred when it gives one). */
export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'The card was declined.',
  insufficient_funds: 'The card has insufficient funds.',
  expired_card: 'The card has expired.',
  processing_error: 'The card could not be processed; try again.',
};

export interface ChargeRequest {
  /** The policy's stored payment method token (PaymentMethod.token in contracts/orders.ts). */
  token: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
  description?: string;
}

export type ChargeResult =
  | { status: 'succeeded'; gatewayReference: string }
  | { status: 'failed'; gatewayReference: string; declineCode: DeclineCode; message: string }
  /** Accepted, outcome later by webhook (payment.succeeded / payment.failed with this reference). */
  | { status: 'pending'; gatewayReference: string };

export interface RefundRequest {
  /** The charge's gatewayReference. */
  chargeReference: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
}

export type RefundResult =
  | { status: 'succeeded'; refundReference: string }
  | { status: 'failed'; refundReference: string; reason: 'charge_not_found' | 'charge_not_succeeded' | 'amount_exceeds_charge' | 'currency_mismatch' }
  /** Settled later by a refund.settled webhook event. */
  | { status: 'pending'; refundReference: string };

export const GATEWAY_EVENT_TYPES = ['payment.succeeded', 'payment.failed', 'refund.settled', 'dispute.opened', 'payout.paid', 'payout.failed'] as const;
export type GatewayEventType = (typeof GATEWAY_EVENT_TYPES)[number];

/**
 * One movement of the gateway's balance that a payout paid out (Stripe's balance transaction):
 * `amount` the gross (negative for money out, e.g. a refund), `fee` what the gateway kept (≥ 0),
 * `net` = amount − fee; `source` the charge (our payment's gateway reference) or refund it stems from.
 */
export interface PayoutBalanceTransaction {
  id: string;
  type: 'charge' | 'payment' | 'refund' | 'adjustment' | 'dispute' | 'other';
  source: string | null;
  amount: number;
  fee: number;
  net: number;
}

/** A payout (Stripe's `payout.paid` / `payout.failed`): `gatewayReference` is the payout's id, `amount` its net total. */
export interface GatewayPayout {
  /** The day the money reaches the bank (YYYY-MM-DD). */
  arrivalDate: string;
  /** What the payout pays out; Σ net = the payout's amount (a `payout.failed` may leave them out). */
  balanceTransactions: PayoutBalanceTransaction[];
  failureCode?: string;
  failureMessage?: string;
}

/** A gateway's webhook event in our terms; a Stripe adapter maps Stripe's events onto it. */
export interface GatewayEvent {
  /** Unique per gateway: the inbox stores each (gateway, id) once. */
  id: string;
  type: GatewayEventType;
  /** Unix seconds at the gateway: orders events that arrive out of order. */
  created: number;
  /** The charge (for refund.settled the refund, for payout.* the payout) the event is about. */
  gatewayReference: string;
  /** For refund.settled and dispute.opened: the charge. */
  chargeReference?: string;
  amount: number;
  currency: string;
  declineCode?: DeclineCode;
  /** For payout.paid and payout.failed. */
  payout?: GatewayPayout;
}

export type WebhookVerification =
  | { status: 'ok'; event: GatewayEvent }
  | Exclude<SignatureCheck, { status: 'ok' }>
  | { status: 'malformed_event' }
  /** Genuine (signature verified) but of a type billing does not act on: answered 200, not stored. */
  | { status: 'ignored'; eventId: string; eventType: string };

export interface PaymentGateway {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Verifies the signature over the raw body before reading anything, then reads the event. */
  verifyWebhook(rawBody: string | Buffer, signatureHeader: string | undefined, nowSeconds: number): WebhookVerification;
}
