// Problem responses of re-allocation (codes declared with the payments codes in contracts/billing.ts).
import type { FieldError } from '../../contracts/common';
import type { PaymentsErrorCode } from '../../contracts/billing';
import { ConflictError, ValidationError } from '../../platform/errors';

/** 409: the payment's money cannot be moved (not succeeded, its applications taken back by a chargeback, its customer merged). */
export const notReallocatable = (why: string) => new ConflictError('PAYMENT_NOT_REALLOCATABLE' satisfies PaymentsErrorCode, why);

/** 400: an invoice that is not the payment's customer's in its currency (or void, or unknown: the same answer). */
export const invoiceNotEligible = (errors: FieldError[]) =>
  new ValidationError(errors, "Re-allocate only to the payment's customer's invoices in the payment's currency.", 'REALLOCATION_INVOICE_NOT_ELIGIBLE' satisfies PaymentsErrorCode);

/** 400: more to one invoice than it will have open once the payment's applications are reversed. */
export const exceedsOpenAmount = (errors: FieldError[]) =>
  new ValidationError(
    errors,
    'An invoice cannot receive more than it has open once this payment’s applications are reversed.',
    'REALLOCATION_EXCEEDS_OPEN_AMOUNT' satisfies PaymentsErrorCode,
  );

/** 400: more in all than the payment's money (capped by the customer's credit once its applications are reversed). */
export const exceedsAvailable = (available: number, requested: number) => {
  const error = new ValidationError(
    [{ path: 'allocations', message: `At most ${available} minor units in all` }],
    `The allocations add up to ${requested}, more than the ${available} this payment can pay.`,
    'REALLOCATION_EXCEEDS_AVAILABLE' satisfies PaymentsErrorCode,
  );
  Object.assign(error.extras, { available, requested });
  return error;
};
