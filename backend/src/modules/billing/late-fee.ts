// The fee a product version's late-fee rule charges on one overdue installment (pure).
//
// The percentage is a decimal string holding a fraction ('0.05' = 5 %), like every other rate of
// a product definition (frequency loadings, premium tax): exact with decimal.js, no unit to
// convert, finer than a basis point when a regulator asks for it. The fee is rounded once, half-even
// to the minor unit (the house rule, as in products/rating/rate-quote.ts), then capped.
//
// `afterDays`: the fee is charged once the installment is MORE than that many days past due
// (due date = day 0), so afterDays 10 charges on day 11; afterDays 0 charges from the first day late.
import Decimal from 'decimal.js';
import { LateFeeRule } from '../../contracts/products';

// The rule is part of the product definition (contracts/products.ts, `ProductDefinition.lateFee`);
// billing keeps its own copy of it per policy (billing_policies.late_fee, written at issuance).
export { LateFeeRule };

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

/** The fee (minor units) for an installment with `overdueAmount` still unpaid, `daysPastDue` days after its due date. */
export function lateFeeFor(rule: LateFeeRule, overdueAmount: number, daysPastDue: number): number {
  if (!Number.isSafeInteger(overdueAmount)) throw new RangeError(`The overdue amount must be whole minor units: ${overdueAmount}`);
  if (!Number.isInteger(daysPastDue)) throw new RangeError(`Days past due must be whole: ${daysPastDue}`);
  if (rule.kind === 'none' || overdueAmount <= 0 || daysPastDue <= rule.afterDays) return 0;
  if (rule.kind === 'flat') return rule.amount;
  const fee = new D(overdueAmount).times(rule.rate).toDecimalPlaces(0, D.ROUND_HALF_EVEN).toNumber();
  return Math.min(fee, rule.cap);
}
