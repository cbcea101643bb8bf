// Problem responses of payments and the payment webhook (codes declared in contracts/billing.ts).
import type { PaymentsErrorCode } from '../../contracts/billing';
import { AppError, ConflictError, ValidationError } from '../../platform/errors';

export const currencyMismatch = (expected: string) =>
  new ValidationError(
    [{ path: 'currency', message: `The policy is billed in ${expected}` }],
    `Pay in the policy's currency (${expected}).`,
    'PAYMENT_CURRENCY_MISMATCH' satisfies PaymentsErrorCode,
  );

export const noCardOnFile = (why: string) => new ValidationError([{ path: 'method', message: why }], why, 'PAYMENT_NO_CARD_ON_FILE' satisfies PaymentsErrorCode);

/** The gateway could not be reached or answered nothing usable: nothing was stored, the same key may be retried. */
export const gatewayError = () =>
  new AppError(
    502,
    'PAYMENT_GATEWAY_ERROR' satisfies PaymentsErrorCode,
    'Bad gateway',
    'The payment gateway did not answer; nothing was recorded. Retry with the same Idempotency-Key.',
  );

export const gatewayUnavailable = () =>
  new AppError(
    503,
    'PAYMENT_GATEWAY_UNAVAILABLE' satisfies PaymentsErrorCode,
    'Service unavailable',
    'No card payment gateway is configured here; record the payment by another method.',
  );

const WEBHOOK_REFUSALS = {
  bad_signature: ['WEBHOOK_SIGNATURE_INVALID', 'The signature does not match any configured webhook secret.'],
  stale_timestamp: ['WEBHOOK_TIMESTAMP_STALE', 'The signature timestamp is outside the accepted window.'],
  malformed_header: ['WEBHOOK_SIGNATURE_MALFORMED', 'The signature header is missing or not of the form t=…,v1=….'],
  malformed_event: ['WEBHOOK_EVENT_MALFORMED', 'The signed body is not a gateway event.'],
} as const satisfies Record<string, readonly [PaymentsErrorCode, string]>;

export const webhookRefused = (status: keyof typeof WEBHOOK_REFUSALS) => {
  const [code, detail] = WEBHOOK_REFUSALS[status];
  return new AppError(400, code, 'Webhook refused', detail);
};

/** An event about a charge we do not (yet) know: nothing stored, so the gateway's redelivery is processed once the payment has committed. */
export const webhookPaymentUnknown = () =>
  new ConflictError('WEBHOOK_PAYMENT_UNKNOWN' satisfies PaymentsErrorCode, 'No payment has this gateway reference (yet); redeliver later.');

/** 409, nothing stored: a dispute for a payment still pending (its success not in yet); the gateway redelivers it, and then it applies. */
export const webhookPaymentPending = () =>
  new ConflictError('WEBHOOK_PAYMENT_PENDING' satisfies PaymentsErrorCode, 'The disputed payment has not succeeded yet here; redeliver after its success.');

/** 409: staff reverse only a check or a direct debit; a card's money comes back by the gateway's dispute webhook. */
export const reversalNotForMethod = (method: string) =>
  new ConflictError(
    'PAYMENT_REVERSAL_NOT_FOR_METHOD' satisfies PaymentsErrorCode,
    method === 'card'
      ? 'A card payment is reversed by the gateway (a dispute reaches us by its webhook), not by hand.'
      : `Only a check or a direct debit can bounce; a ${method.replace('_', ' ')} payment is not reversed this way.`,
    { method },
  );

/** 409: only a succeeded payment's money can be taken back. */
export const notReversible = (status: string) =>
  new ConflictError('PAYMENT_NOT_REVERSIBLE' satisfies PaymentsErrorCode, `Only a succeeded payment can be reversed; this one is ${status}.`, { currentStatus: status });

/** 409: reversed already (a second click, a retry): nothing more happens. */
export const alreadyReversed = () =>
  new ConflictError('PAYMENT_ALREADY_REVERSED' satisfies PaymentsErrorCode, 'This payment has already been reversed.', { currentStatus: 'reversed' });

/** 409: refunds (requested, approved or paid) hold money of this payment: settle them first. */
export const refundsHoldMoney = (held: number, currency: string) =>
  new ConflictError(
    'PAYMENT_REFUNDS_HOLD_MONEY' satisfies PaymentsErrorCode,
    `Refunds hold ${held} ${currency} minor units of this payment; reject or cancel them (or record the payout failed) before reversing it.`,
    { held, currency },
  );

/** A customer paid an invoice that owes nothing any more (paid, written off, void). */
export const invoiceNotOpen = (status: string) =>
  new ConflictError('PAYMENT_INVOICE_NOT_OPEN' satisfies PaymentsErrorCode, 'This invoice has nothing left to pay.', { currentStatus: status });
