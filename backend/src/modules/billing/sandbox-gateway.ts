// The built-in sandbox gateway of local mode: no network, documented test tokens, and webhooks it
// signs itself with the configured secret, so the whole path (charge → pending → signed webhook →
// verification → inbox) runs on a laptop.
//
// Deterministic: the outcome depends only on the token and the gateway reference only on the
// idempotency key, so the same key gives the same answer — also after a restart or on another
// instance. What it remembers in memory (each key's request, charges for refund limits) is a
// local-mode convenience: the ledger, not the sandbox, is what guarantees "never refund more than paid".
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../platform/clock';
import {
  GATEWAY_EVENT_TYPES,
  type ChargeRequest,
  type ChargeResult,
  type DeclineCode,
  type GatewayEvent,
  type GatewayEventType,
  type GatewayPayout,
  type PaymentGateway,
  type RefundRequest,
  type RefundResult,
  type WebhookVerification,
  DECLINE_MESSAGES,
} from './payment-gateway';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature';

type Behaviour = { outcome: 'succeeds' } | { outcome: 'declines'; declineCode: DeclineCode } | { outcome: 'pending'; settles: 'succeeded' | DeclineCode };

/** The documented test tokens. Any other token (e.g. the tok_… an order stored) succeeds. */
export const SANDBOX_TOKENS = {
  tok_sandbox_visa: { outcome: 'succeeds' },
  tok_sandbox_mastercard: { outcome: 'succeeds' },
  tok_sandbox_declined: { outcome: 'declines', declineCode: 'card_declined' },
  tok_sandbox_insufficient_funds: { outcome: 'declines', declineCode: 'insufficient_funds' },
  tok_sandbox_expired_card: { outcome: 'declines', declineCode: 'expired_card' },
  /** Pending; settle() later sends payment.succeeded. Refunds of it are pending until settleRefund(). */
  tok_sandbox_async: { outcome: 'pending', settles: 'succeeded' },
  /** Pending; settle() later sends payment.failed (card_declined). */
  tok_sandbox_async_declined: { outcome: 'pending', settles: 'card_declined' },
} as const satisfies Record<string, Behaviour>;
export type SandboxToken = keyof typeof SANDBOX_TOKENS;

/**
 * Test card numbers (Luhn-valid, Stripe's where Stripe has one) that local-mode tokenisation can
 * turn into the matching sandbox token, so an agent can demo a decline from the console.
 */
export const SANDBOX_TEST_CARDS: Record<string, SandboxToken> = {
  '4242424242424242': 'tok_sandbox_visa',
  '5555555555554444': 'tok_sandbox_mastercard',
  '4000000000000002': 'tok_sandbox_declined',
  '4000000000009995': 'tok_sandbox_insufficient_funds',
  '4000000000000069': 'tok_sandbox_expired_card',
  '4000000000003063': 'tok_sandbox_async',
  '4000000000003055': 'tok_sandbox_async_declined',
};

export class SandboxIdempotencyError extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency key ${idempotencyKey} was already used with different parameters`);
  }
}

export interface SandboxGatewayOptions {
  clock: Clock;
  /** The first signs the sandbox's webhooks; all are accepted (rotation). */
  webhookSecrets: readonly string[];
}

/** A webhook as the sandbox would deliver it: the raw body to POST and the value of its signature header. */
export interface SandboxWebhook {
  event: GatewayEvent;
  rawBody: string;
  signatureHeader: string;
}

interface ChargeRecord {
  request: ChargeRequest;
  result: ChargeResult;
  behaviour: Behaviour;
  /** Where the charge stands now: a pending one moves when settle() builds its webhook. */
  state: ChargeResult['status'];
  refunded: number;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);
const fingerprint = (value: object) => JSON.stringify(value, Object.keys(value).sort());

const BalanceTransactionSchema = z.strictObject({
  id: z.string().min(1),
  type: z.enum(['charge', 'payment', 'refund', 'adjustment', 'dispute', 'other']),
  source: z.string().min(1).nullable(),
  amount: z.number().int(),
  fee: z.number().int().nonnegative(),
  net: z.number().int(),
});
const PayoutSchema = z.strictObject({
  arrivalDate: z.iso.date(),
  balanceTransactions: z.array(BalanceTransactionSchema).max(20_000),
  failureCode: z.string().min(1).max(100).optional(),
  failureMessage: z.string().min(1).max(500).optional(),
});

const GatewayEventSchema = z
  .strictObject({
    id: z.string().min(1),
    type: z.enum(GATEWAY_EVENT_TYPES),
    created: z.number().int().nonnegative(),
    gatewayReference: z.string().min(1),
    chargeReference: z.string().min(1).optional(),
    amount: z.number().int().nonnegative(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    declineCode: z.enum(['card_declined', 'insufficient_funds', 'expired_card', 'processing_error']).optional(),
    payout: PayoutSchema.optional(),
  })
  // A payout event carries its payout; a paid payout adds up: each transaction's net = amount − fee
  // (never zero), Σ net = the payout's amount, at least one transaction.
  .refine((e) => e.type.startsWith('payout.') === (e.payout !== undefined))
  .refine((e) => !e.payout || e.payout.balanceTransactions.every((t) => t.net === t.amount - t.fee && t.net !== 0))
  .refine((e) => e.type !== 'payout.paid' || (e.payout!.balanceTransactions.length > 0 && e.payout!.balanceTransactions.reduce((sum, t) => sum + t.net, 0) === e.amount));

function assertAmount(amount: number, currency: string, idempotencyKey: string) {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`Amounts are positive whole minor units: ${amount}`);
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`Not an ISO currency: ${currency}`);
  if (!idempotencyKey) throw new RangeError('An idempotency key is required');
}

export class SandboxGateway implements PaymentGateway {
  readonly name = 'sandbox';
  private readonly charges = new Map<string, ChargeRecord>();
  private readonly refunds = new Map<string, { request: RefundRequest; result: RefundResult }>();

  constructor(private readonly options: SandboxGatewayOptions) {
    if (options.webhookSecrets.length === 0 || options.webhookSecrets.some((s) => !s)) throw new Error('The sandbox gateway needs a webhook secret');
  }

  static behaviourOf(token: string): Behaviour {
    return (SANDBOX_TOKENS as Record<string, Behaviour>)[token] ?? { outcome: 'succeeds' };
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    assertAmount(request.amount, request.currency, request.idempotencyKey);
    const gatewayReference = `sb_ch_${digest(`charge:${request.idempotencyKey}`)}`;
    const known = this.charges.get(gatewayReference);
    if (known) {
      if (fingerprint(known.request) !== fingerprint(request)) throw new SandboxIdempotencyError(request.idempotencyKey);
      return { ...known.result };
    }
    const behaviour = SandboxGateway.behaviourOf(request.token);
    const result: ChargeResult =
      behaviour.outcome === 'succeeds'
        ? { status: 'succeeded', gatewayReference }
        : behaviour.outcome === 'declines'
          ? { status: 'failed', gatewayReference, declineCode: behaviour.declineCode, message: DECLINE_MESSAGES[behaviour.declineCode] }
          : { status: 'pending', gatewayReference };
    this.charges.set(gatewayReference, { request: { ...request }, result, behaviour, state: result.status, refunded: 0 });
    return { ...result };
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    assertAmount(request.amount, request.currency, request.idempotencyKey);
    const refundReference = `sb_re_${digest(`refund:${request.idempotencyKey}`)}`;
    const known = this.refunds.get(refundReference);
    if (known) {
      if (fingerprint(known.request) !== fingerprint(request)) throw new SandboxIdempotencyError(request.idempotencyKey);
      return { ...known.result };
    }
    const charge = this.charges.get(request.chargeReference);
    let result: RefundResult;
    if (!charge) {
      // A charge from before a restart: the sandbox forgot it, the ledger has not — let the refund through.
      result = request.chargeReference.startsWith('sb_ch_') ? { status: 'succeeded', refundReference } : { status: 'failed', refundReference, reason: 'charge_not_found' };
    } else if (charge.state !== 'succeeded') {
      result = { status: 'failed', refundReference, reason: 'charge_not_succeeded' };
    } else if (charge.request.currency !== request.currency) {
      result = { status: 'failed', refundReference, reason: 'currency_mismatch' };
    } else if (charge.refunded + request.amount > charge.request.amount) {
      result = { status: 'failed', refundReference, reason: 'amount_exceeds_charge' };
    } else {
      charge.refunded += request.amount;
      result = charge.behaviour.outcome === 'pending' ? { status: 'pending', refundReference } : { status: 'succeeded', refundReference };
    }
    this.refunds.set(refundReference, { request: { ...request }, result });
    return { ...result };
  }

  /** The webhook that settles a pending charge: payment.succeeded, or payment.failed for tok_sandbox_async_declined. */
  settle(gatewayReference: string): SandboxWebhook {
    const charge = this.charges.get(gatewayReference);
    if (!charge || charge.behaviour.outcome !== 'pending') throw new Error(`No pending sandbox charge ${gatewayReference}`);
    const { settles } = charge.behaviour;
    charge.state = settles === 'succeeded' ? 'succeeded' : 'failed';
    return this.webhook(
      settles === 'succeeded' ? 'payment.succeeded' : 'payment.failed',
      { gatewayReference, amount: charge.request.amount, currency: charge.request.currency },
      settles === 'succeeded' ? undefined : settles,
    );
  }

  /** The refund.settled webhook of a pending refund. */
  settleRefund(refundReference: string): SandboxWebhook {
    const refund = this.refunds.get(refundReference);
    if (!refund || refund.result.status !== 'pending') throw new Error(`No pending sandbox refund ${refundReference}`);
    const { amount, currency, chargeReference } = refund.request;
    return this.webhook('refund.settled', { gatewayReference: refundReference, chargeReference, amount, currency });
  }

  /** A dispute (chargeback) opened by the card holder's bank on a charge. */
  openDispute(chargeReference: string): SandboxWebhook {
    const charge = this.charges.get(chargeReference);
    if (!charge || charge.state !== 'succeeded') throw new Error(`No succeeded sandbox charge to dispute: ${chargeReference}`);
    return this.webhook('dispute.opened', { gatewayReference: chargeReference, chargeReference, amount: charge.request.amount, currency: charge.request.currency });
  }

  /**
   * A payout of balance transactions (charges by their gateway reference, with the fee kept; refunds
   * negative), signed as the gateway delivers it: `payout.paid`, or `payout.failed` with `failure`.
   * Its amount is Σ net; building the same payout again is a redelivery (same event id).
   */
  payout(p: {
    id: string;
    currency: string;
    arrivalDate: string;
    transactions: { source: string | null; amount: number; fee?: number; type?: GatewayPayout['balanceTransactions'][number]['type'] }[];
    failure?: { code: string; message: string };
  }): SandboxWebhook {
    const balanceTransactions = p.transactions.map((t, i) => ({
      id: `sb_txn_${digest(`${p.id}:${i}`)}`,
      type: t.type ?? (t.amount < 0 ? ('refund' as const) : ('charge' as const)),
      source: t.source,
      amount: t.amount,
      fee: t.fee ?? 0,
      net: t.amount - (t.fee ?? 0),
    }));
    const amount = balanceTransactions.reduce((sum, t) => sum + t.net, 0);
    const payout: GatewayPayout = { arrivalDate: p.arrivalDate, balanceTransactions, ...(p.failure ? { failureCode: p.failure.code, failureMessage: p.failure.message } : {}) };
    return this.webhook(p.failure ? 'payout.failed' : 'payout.paid', { gatewayReference: p.id, amount, currency: p.currency, payout });
  }

  verifyWebhook(rawBody: string | Buffer, signatureHeader: string | undefined, nowSeconds: number): WebhookVerification {
    const check = verifyWebhookSignature({ rawBody, header: signatureHeader, secrets: this.options.webhookSecrets, nowSeconds });
    if (check.status !== 'ok') return check;
    let json: unknown;
    try {
      json = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
    } catch {
      return { status: 'malformed_event' };
    }
    const event = GatewayEventSchema.safeParse(json);
    return event.success ? { status: 'ok', event: event.data } : { status: 'malformed_event' };
  }

  /** Builds and signs an event; its id depends only on its type and reference, so building it again is a redelivery. */
  private webhook(
    type: GatewayEventType,
    about: Pick<GatewayEvent, 'gatewayReference' | 'chargeReference' | 'amount' | 'currency' | 'payout'>,
    declineCode?: DeclineCode,
  ): SandboxWebhook {
    const nowSeconds = Math.floor(this.options.clock.now().getTime() / 1000);
    const event: GatewayEvent = {
      id: `evt_sb_${digest(`${type}:${about.gatewayReference}`)}`,
      type,
      created: nowSeconds,
      ...about,
      ...(declineCode ? { declineCode } : {}),
    };
    const rawBody = JSON.stringify(event);
    return { event, rawBody, signatureHeader: signWebhookPayload(rawBody, this.options.webhookSecrets[0]!, nowSeconds) };
  }
}
