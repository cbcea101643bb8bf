// The late-fee rule of a product version and the fee it charges on one overdue installment.
//
// The percentage is a decimal string holding a fraction ('0.05' = 5 %), like every other rate of
// a product definition (frequency loadings, premium tax): exact with decimal.js, no unit to
// convert, finer than a basis point when a regulator asks for it. The fee is rounded once, half-even
// to the minor unit (the house rule, as in products/rating/rate-quote.ts), then capped.
//
// `afterDays`: the fee is charged once the installment is MORE than that many days past due
// (due date = day 0), so afterDays 10 charges on day 11; afterDays 0 charges from the first day late.
import Decimal from 'decimal.js';
import { z } from 'zod';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

// Only zod here, so the schema can move as it is into contracts/products.ts (ProductDefinition.lateFee).
const minorPositive = z.number().int('Use whole minor units (cents)').positive('Must be more than zero').max(Number.MAX_SAFE_INTEGER);
const afterDays = z.number().int('Use whole days').min(0, 'At least 0 days').max(365, 'At most 365 days');
const fraction = z
  .string()
  .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'Use a fraction between 0 and 1 such as 0.05 (= 5%)')
  .refine((v) => Number(v) > 0, 'Must be more than zero');

export const LateFeeRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('flat'), amount: minorPositive, afterDays }),
  z.strictObject({ kind: z.literal('percentage'), rate: fraction, cap: minorPositive, afterDays }),
]);
export type LateFeeRule = z.infer<typeof LateFeeRule>;

/** The fee (minor units) for an installment with `overdueAmount` still unpaid, `daysPastDue` days after its due date. */
export function lateFeeFor(rule: LateFeeRule, overdueAmount: number, daysPastDue: number): number {
  if (!Number.isSafeInteger(overdueAmount)) throw new RangeError(`The overdue amount must be whole minor units: ${overdueAmount}`);
  if (!Number.isInteger(daysPastDue)) throw new RangeError(`Days past due must be whole: ${daysPastDue}`);
  if (rule.kind === 'none' || overdueAmount <= 0 || daysPastDue <= rule.afterDays) return 0;
  if (rule.kind === 'flat') return rule.amount;
  const fee = new D(overdueAmount).times(rule.rate).toDecimalPlaces(0, D.ROUND_HALF_EVEN).toNumber();
  return Math.min(fee, rule.cap);
}
