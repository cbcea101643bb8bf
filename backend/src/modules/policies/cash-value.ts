// The guaranteed cash value of a policy on a date, from its product version's cash-value table (per
// 1,000 of the coverage's sum insured at the end of each policy year), interpolated by whole months
// in force within the year: 0 at the start, the table's year-k value after k full years.
import Decimal from 'decimal.js';
import type { CashValueTable } from '../../contracts/products';
import { parseDate } from '../../platform/calendar';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

/** Whole calendar months from `start` to `date` (a month counts once its day is reached; 31 Jan → 28 Feb is one). */
export function monthsInForce(start: string, date: string): number {
  const [y1, m1, d1] = parseDate(start);
  const [y2, m2, d2] = parseDate(date);
  let months = (y2 - y1) * 12 + (m2 - m1);
  const lastDay = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
  if (d2 < Math.min(d1, lastDay)) months--;
  return Math.max(0, months);
}

export interface CashValue {
  monthsInForce: number;
  /** The policy year the date falls in (1 from the start). */
  policyYear: number;
  /** Per 1,000 of sum insured, as an exact decimal string. */
  perThousand: string;
  /** Minor units, half-even to the cent. */
  amount: number;
}

/** The cash value on `date` of a coverage with `sumInsured` (minor units) under `table`. */
export function cashValueOn(table: CashValueTable, sumInsured: number, start: string, date: string): CashValue {
  const months = monthsInForce(start, date);
  const years = Math.floor(months / 12);
  const perYear = (k: number): Decimal => {
    if (k <= 0) return new D(0);
    const rows = table.rows.filter((r) => r.policyYear <= k);
    // Past the table's last year the value stays at its last row.
    return rows.length ? new D(rows.reduce((a, b) => (b.policyYear > a.policyYear ? b : a)).perThousand) : new D(0);
  };
  const from = perYear(years);
  const to = perYear(years + 1);
  const perThousand = from.plus(
    to
      .minus(from)
      .times(months % 12)
      .div(12),
  );
  const amount = perThousand.times(sumInsured).div(1000).toDecimalPlaces(0, D.ROUND_HALF_EVEN).toNumber();
  return { monthsInForce: months, policyYear: years + 1, perThousand: perThousand.toString(), amount };
}
