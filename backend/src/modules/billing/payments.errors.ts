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
