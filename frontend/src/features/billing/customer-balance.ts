import type { CustomerBilling } from '@contracts/billing';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';

type Totals = CustomerBilling['totals'][number];

/** Whether the customer header shows a currency's totals: something owed, overdue, falling due or held as credit. */
export const worthShowing = (t: Totals): boolean => t.amountDue > 0 || t.overdueAmount > 0 || t.credit > 0 || t.nextDue !== null;

/** One currency's totals in words: "$120.00 due, $60.00 overdue since 5 Dec 2026, next $60.00 on 5 Jan 2027, $10.00 credit". */
export function balanceSummary(t: Totals): string {
  return [
    t.amountDue > 0 || t.overdueAmount > 0 ? `${formatMoney(t.amountDue, t.currency)} due` : 'Nothing due',
    ...(t.overdueAmount > 0 && t.overdueSince ? [`${formatMoney(t.overdueAmount, t.currency)} overdue since ${formatDate(t.overdueSince)}`] : []),
    ...(t.nextDue ? [`next ${formatMoney(t.nextDue.amount, t.currency)} on ${formatDate(t.nextDue.date)}`] : []),
    ...(t.credit > 0 ? [`${formatMoney(t.credit, t.currency)} credit`] : []),
  ].join(', ');
}
