// Problem responses of refunds and write-offs (codes declared in contracts/billing.ts, REFUNDS_ERROR_CODES).
import type { PaymentsErrorCode, RefundStatus, RefundsErrorCode } from '../../contracts/billing';
import { AppError, ConflictError } from '../../platform/errors';

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

export const refundExceedsPayment = (refundable: number, currency: string) =>
  new ConflictError(
    'REFUND_EXCEEDS_PAYMENT' satisfies RefundsErrorCode,
    `At most ${money(refundable, currency)} of this payment can still be refunded (what was paid, less the refunds requested, approved or paid).`,
    { refundable },
  );

export const refundExceedsCredit = (available: number, currency: string) =>
  new ConflictError(
    'REFUND_EXCEEDS_CREDIT' satisfies RefundsErrorCode,
    `The customer's credit that can be refunded is ${money(Math.max(0, available), currency)} (their credit, less the credit refunds waiting for approval).`,
    { available: Math.max(0, available) },
  );

export const paymentNotRefundable = (status: string) =>
  new ConflictError('REFUND_PAYMENT_NOT_REFUNDABLE' satisfies RefundsErrorCode, `A ${status} payment cannot be refunded; only a succeeded payment can.`, { paymentStatus: status });

export const illegalRefundTransition = (action: string, status: RefundStatus) =>
  new ConflictError('REFUND_ILLEGAL_TRANSITION' satisfies RefundsErrorCode, `A ${status} refund cannot be ${action}.`, { currentStatus: status });

export const paidByGateway = () =>
  new ConflictError('REFUND_PAID_BY_GATEWAY' satisfies RefundsErrorCode, 'A card refund is paid out by the payment gateway; its webhook records the payout.');

export const webhookRefundUnknown = () => new ConflictError('WEBHOOK_REFUND_UNKNOWN' satisfies RefundsErrorCode, 'No refund has this gateway reference (yet); redeliver later.');

export const writeOffExceedsOpen = (openAmount: number, currency: string) =>
  new ConflictError('WRITE_OFF_EXCEEDS_OPEN' satisfies RefundsErrorCode, `Only ${money(Math.max(0, openAmount), currency)} is open on this invoice.`, {
    openAmount: Math.max(0, openAmount),
  });

/** The gateway did not answer the refund: nothing was approved; approving again asks it again with the same key. */
export const refundGatewayError = () =>
  new AppError(502, 'PAYMENT_GATEWAY_ERROR' satisfies PaymentsErrorCode, 'Bad gateway', 'The payment gateway did not answer the refund; nothing was approved. Try again.');

export const refundGatewayUnavailable = () =>
  new AppError(
    503,
    'PAYMENT_GATEWAY_UNAVAILABLE' satisfies PaymentsErrorCode,
    'Service unavailable',
    'No card payment gateway is configured here, so a card refund cannot be approved now.',
  );
