// The Stripe adapter of the PaymentGateway port, through the official `stripe` package.
//
// Charges: a PaymentIntent confirmed at once, off session, with the policy's stored Stripe token —
// `pm_…` (a PaymentMethod) or `cus_…:pm_…` (a Customer and one of its PaymentMethods) — and our
// idempotency key as Stripe's Idempotency-Key, so a retried request can never charge twice at Stripe
// either (the package's own network retries reuse it). The PaymentIntent id is the gateway
// reference: every event billing acts on names it.
//   succeeded → succeeded; processing / requires_action / requires_capture / requires_confirmation →
//   pending (settled later by payment_intent.succeeded, or .payment_failed / .canceled); a card
//   error (HTTP 402) or requires_payment_method / canceled → failed with our decline code;
//   unreachable, 5xx, rate-limited or a malformed answer → thrown (the payment is not recorded: 502).
// Refunds: a Refund of the PaymentIntent (same idempotency rules).
//
// Webhooks: our own verifier first (webhook-signature.ts: several secrets during a rotation, a window
// in both directions, distinct failure codes), then `stripe.webhooks.constructEvent` with the secret
// that matched, which checks the signature again by Stripe's rules and parses the event; then the
// Stripe event is mapped onto our GatewayEvent. Event types billing does not act on are answered
// 200 and not stored (status `ignored`), so Stripe does not retry them for days.
import Stripe from 'stripe';
import {
  type ChargeRequest,
  type ChargeResult,
  type DeclineCode,
  type GatewayEvent,
  type PaymentGateway,
  type RefundRequest,
  type RefundResult,
  type WebhookVerification,
  DECLINE_MESSAGES,
} from './payment-gateway';
import { DEFAULT_TOLERANCE_SECONDS, verifyWebhookSignature } from './webhook-signature';

export interface StripeGatewayOptions {
  secretKey: string;
  /** Every accepted webhook signing secret (whsec_…); none: every webhook is refused. */
  webhookSecrets: readonly string[];
  /** Another API base than https://api.stripe.com (tests: a local stand-in). */
  apiBase?: string;
  /** Network retries by the package (with the same idempotency key). Default 1. */
  maxNetworkRetries?: number;
  /** Per request, ms. Default 20 s. */
  timeoutMs?: number;
}

/** Thrown when Stripe cannot be reached or answers with an error that is not a decline: nothing is recorded, the same key may be retried. */
export class StripeGatewayError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StripeGatewayError';
  }
}

/** Our decline code for Stripe's error code and decline code. */
export function declineCodeOf(code: string | undefined, declineCode: string | undefined): DeclineCode {
  if (declineCode === 'insufficient_funds' || code === 'insufficient_funds') return 'insufficient_funds';
  if (code === 'expired_card' || declineCode === 'expired_card') return 'expired_card';
  if (code === 'processing_error' || declineCode === 'processing_error') return 'processing_error';
  return 'card_declined';
}

/** `pm_…` or `cus_…:pm_…` → the PaymentIntent's payment_method (and customer). */
export function parseStripeToken(token: string): { paymentMethod: string; customer?: string } {
  const [first, second] = token.split(':');
  if (second !== undefined) {
    if (!first?.startsWith('cus_') || !second) throw new StripeGatewayError(`Not a Stripe customer:payment method token: ${token.slice(0, 8)}…`);
    return { customer: first, paymentMethod: second };
  }
  return { paymentMethod: token };
}

function apiConnection(apiBase: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol.replace(':', '');
  if (protocol !== 'http' && protocol !== 'https') throw new Error(`STRIPE_API_BASE must be http(s): ${apiBase}`);
  return { host: url.hostname, port: url.port || (protocol === 'https' ? 443 : 80), protocol };
}

const isStripeError = (err: unknown): err is Stripe.errors.StripeError => err instanceof Stripe.errors.StripeError;

export class StripeGateway implements PaymentGateway {
  readonly name = 'stripe';
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeGatewayOptions) {
    if (!options.secretKey) throw new Error('The Stripe gateway needs STRIPE_SECRET_KEY');
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: options.maxNetworkRetries ?? 1,
      timeout: options.timeoutMs ?? 20_000,
      telemetry: false,
      appInfo: { name: 'Policydesk' },
      ...apiConnection(options.apiBase),
    });
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const { paymentMethod, customer } = parseStripeToken(request.token);
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          payment_method: paymentMethod,
          ...(customer ? { customer } : {}),
          confirm: true,
          off_session: true,
          ...(request.description ? { description: request.description } : {}),
          metadata: { policydesk_idempotency_key: request.idempotencyKey },
        },
        { idempotencyKey: request.idempotencyKey },
      );
    } catch (err) {
      if (err instanceof Stripe.errors.StripeCardError) {
        const code = declineCodeOf(err.code, err.decline_code);
        // The PaymentIntent the declined attempt created; the request id when Stripe made none.
        const reference = err.payment_intent?.id ?? err.requestId;
        if (!reference) throw new StripeGatewayError('Stripe declined the card without naming the attempt', err);
        // Stripe's own wording for the agent, without the request id the package puts in front of it.
        const message = (err.raw as { message?: unknown } | undefined)?.message;
        return { status: 'failed', gatewayReference: reference, declineCode: code, message: typeof message === 'string' && message ? message : DECLINE_MESSAGES[code] };
      }
      throw new StripeGatewayError(isStripeError(err) ? `Stripe: ${err.type} ${err.code ?? ''}`.trim() : 'Stripe could not be reached', err);
    }
    return this.chargeResultOf(intent);
  }

  private chargeResultOf(intent: Stripe.PaymentIntent): ChargeResult {
    if (!intent?.id || typeof intent.status !== 'string') throw new StripeGatewayError('Stripe answered without a PaymentIntent');
    switch (intent.status) {
      case 'succeeded':
        return { status: 'succeeded', gatewayReference: intent.id };
      case 'processing':
      case 'requires_action':
      case 'requires_capture':
      case 'requires_confirmation':
        // Not finished: the payment stays pending until Stripe's webhook says how it ended.
        return { status: 'pending', gatewayReference: intent.id };
      case 'requires_payment_method':
      case 'canceled': {
        const error = intent.last_payment_error;
        const code = declineCodeOf(error?.code, error?.decline_code);
        return { status: 'failed', gatewayReference: intent.id, declineCode: code, message: error?.message || DECLINE_MESSAGES[code] };
      }
      default:
        throw new StripeGatewayError(`Stripe answered an unknown PaymentIntent status ${String(intent.status)}`);
    }
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    let refund: Stripe.Refund;
    try {
      refund = await this.stripe.refunds.create(
        { payment_intent: request.chargeReference, amount: request.amount, metadata: { policydesk_idempotency_key: request.idempotencyKey } },
        { idempotencyKey: request.idempotencyKey },
      );
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError) {
        const reference = err.requestId ?? request.idempotencyKey;
        if (err.code === 'resource_missing') return { status: 'failed', refundReference: reference, reason: 'charge_not_found' };
        if (err.code === 'charge_already_refunded' || err.code === 'amount_too_large') return { status: 'failed', refundReference: reference, reason: 'amount_exceeds_charge' };
        if (err.code === 'payment_intent_unexpected_state' || err.code === 'charge_not_refundable')
          return { status: 'failed', refundReference: reference, reason: 'charge_not_succeeded' };
      }
      throw new StripeGatewayError(isStripeError(err) ? `Stripe: ${err.type} ${err.code ?? ''}`.trim() : 'Stripe could not be reached', err);
    }
    if (refund.currency && refund.currency.toUpperCase() !== request.currency) throw new StripeGatewayError(`Stripe refunded in ${refund.currency}, not ${request.currency}`);
    switch (refund.status) {
      case 'succeeded':
        return { status: 'succeeded', refundReference: refund.id };
      case 'pending':
      case 'requires_action':
        return { status: 'pending', refundReference: refund.id };
      default:
        return { status: 'failed', refundReference: refund.id, reason: 'charge_not_succeeded' };
    }
  }

  verifyWebhook(rawBody: string | Buffer, signatureHeader: string | undefined, nowSeconds: number): WebhookVerification {
    if (this.options.webhookSecrets.length === 0) return { status: 'bad_signature' };
    const check = verifyWebhookSignature({ rawBody, header: signatureHeader, secrets: this.options.webhookSecrets, nowSeconds });
    if (check.status !== 'ok') return check;
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        signatureHeader!,
        this.options.webhookSecrets[check.secretIndex]!,
        DEFAULT_TOLERANCE_SECONDS,
        undefined,
        nowSeconds * 1000,
      );
    } catch (err) {
      if (err instanceof Stripe.errors.StripeSignatureVerificationError) return { status: 'bad_signature' };
      return { status: 'malformed_event' };
    }
    return toGatewayEvent(event);
  }
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);
/** An expandable field: the id, or the expanded object's id. */
const idOf = (v: unknown): string | undefined => str(v) ?? (v && typeof v === 'object' ? str((v as Obj).id) : undefined);

/** Stripe's event in our terms; types billing does not act on are `ignored` (answered 200, not stored). */
export function toGatewayEvent(event: Stripe.Event): WebhookVerification {
  const object = (event?.data?.object ?? null) as unknown as Obj | null;
  if (!str(event?.id) || !str(event?.type) || int(event?.created) === undefined || !object) return { status: 'malformed_event' };
  const base = { id: event.id, created: event.created };
  const currency = str(object.currency)?.toUpperCase();
  const ok = (e: Omit<GatewayEvent, 'id' | 'created'>): WebhookVerification =>
    e.gatewayReference && /^[A-Z]{3}$/.test(e.currency) && int(e.amount) !== undefined ? { status: 'ok', event: { ...base, ...e } } : { status: 'malformed_event' };
  switch (event.type) {
    case 'payment_intent.succeeded':
      return ok({ type: 'payment.succeeded', gatewayReference: str(object.id)!, amount: int(object.amount_received) ?? int(object.amount)!, currency: currency! });
    case 'payment_intent.payment_failed':
    case 'payment_intent.canceled': {
      const error = (object.last_payment_error ?? {}) as Obj;
      return ok({
        type: 'payment.failed',
        gatewayReference: str(object.id)!,
        amount: int(object.amount)!,
        currency: currency!,
        declineCode: declineCodeOf(str(error.code), str(error.decline_code)),
      });
    }
    case 'charge.dispute.created': {
      // Our gateway reference is the PaymentIntent; a dispute names it (and its charge).
      const intent = idOf(object.payment_intent);
      return ok({ type: 'dispute.opened', gatewayReference: intent!, chargeReference: intent, amount: int(object.amount)!, currency: currency! });
    }
    case 'refund.created':
    case 'refund.updated':
      // Only a refund that has gone through settles; pending and failed ones are Stripe's business until then.
      if (object.status !== 'succeeded') return { status: 'ignored', eventId: event.id, eventType: event.type };
      return ok({ type: 'refund.settled', gatewayReference: str(object.id)!, chargeReference: idOf(object.payment_intent), amount: int(object.amount)!, currency: currency! });
    default:
      // charge.refunded carries no refund of its own (refund.updated does), and everything else is not billing's.
      return { status: 'ignored', eventId: event.id, eventType: event.type };
  }
}
