// Aged receivables (issue 18's standard reports): every unpaid invoice in the reader's branches with
// its open amount (Σ its receivable postings: charges less payments, as billing computes it
// everywhere) in one ageing bucket by days past due on the business date — current (not yet due or
// due today), 1–30, 31–60, 61–90, 90+ — oldest due first; or as they stood at the end of an earlier
// day (`asOf`: invoices issued by then, their postings dated by then, whatever they became later).
// Registered into `services.reports`; names customers, so its exports are audited.
import { z } from 'zod';
import { AGEING_BUCKETS, type AgeingBucket } from '../../contracts/billing';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { Clock } from '../../platform/clock';
import { keysetReportRows, type ReportDefinition } from '../reports/report-registry';
import { agedInvoicesPage } from './overdue.repository';
import { assertAgingAsOf } from './overdue.service';

/** The bucket of an invoice `daysOverdue` days past its due date (0 or less: not overdue). */
export function ageingBucket(daysOverdue: number): AgeingBucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return '90+';
}

const BUCKET_COLUMNS: Record<AgeingBucket, string> = { current: 'current', '1-30': 'days1to30', '31-60': 'days31to60', '61-90': 'days61to90', '90+': 'days90plus' };

/** The report's params; `asOf` is checked against the business date when the export is asked for (a day to come is a 400 there). */
const agedReceivablesParams = (clock: Clock) =>
  z.strictObject({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'A currency code such as USD')
      .optional()
      .meta({ description: 'Only invoices in this currency' }),
    asOf: z.iso
      .date('Use the format YYYY-MM-DD')
      .refine((d) => d >= '2000-01-01', 'Not a date the books can hold')
      .refine((d) => d <= clock.businessDate(), 'Not after today: the ageing is of receivables as they stood')
      .optional()
      .meta({ description: 'The receivables as they stood at the end of this day (default today; not a day to come)' }),
  });
type AgedReceivablesParams = z.infer<ReturnType<typeof agedReceivablesParams>>;

const BATCH = 1000;

export function agedReceivablesReport(clock: Clock, customers: CustomerProfiles): ReportDefinition<AgedReceivablesParams> {
  return {
    key: 'billing.aged-receivables',
    title: 'Aged receivables',
    description:
      'Every unpaid invoice in your branches with its open amount by days past due — today, or as it stood on an earlier day (asOf): current, 1–30, 31–60, 61–90 and over 90 days.',
    permission: 'billing:read',
    params: agedReceivablesParams(clock),
    columns: [
      { key: 'invoice', header: 'Invoice', type: 'string' },
      { key: 'policy', header: 'Policy', type: 'string' },
      { key: 'customerNumber', header: 'Customer', type: 'string' },
      { key: 'customerName', header: 'Customer name', type: 'string' },
      { key: 'issueDate', header: 'Issued', type: 'date' },
      { key: 'dueDate', header: 'Due', type: 'date' },
      { key: 'daysOverdue', header: 'Days overdue', type: 'integer' },
      { key: 'currency', header: 'Currency', type: 'string' },
      { key: 'open', header: 'Open amount', type: 'money' },
      { key: 'current', header: 'Current', type: 'money' },
      { key: 'days1to30', header: '1–30 days', type: 'money' },
      { key: 'days31to60', header: '31–60 days', type: 'money' },
      { key: 'days61to90', header: '61–90 days', type: 'money' },
      { key: 'days90plus', header: 'Over 90 days', type: 'money' },
    ],
    personalData: true,
    rows: (db, actor, { asOf, ...params }) => {
      const businessDate = clock.businessDate();
      const today = asOf ?? businessDate;
      assertAgingAsOf(today, businessDate);
      return keysetReportRows(
        (after: { dueDate: string; id: string } | null, size) => agedInvoicesPage(db, actor, { today, historical: today < businessDate, ...params }, after, size),
        (r) => ({ dueDate: r.due_date, id: r.id }),
        async (page) => {
          // A page's fully paid invoices are left out (the cursor still follows the page's last row).
          const open = page.filter((r) => r.open_amount > 0);
          const names = await customers.summaries(db, [...new Set(open.map((r) => r.customer_id))]);
          return open.map((r) => {
            const days = Math.max(0, r.days_overdue);
            const bucket = ageingBucket(r.days_overdue);
            return {
              invoice: r.invoice_number,
              policy: r.policy_number,
              customerNumber: names.get(r.customer_id)?.customerNumber ?? null,
              customerName: names.get(r.customer_id)?.name ?? null,
              issueDate: r.issue_date,
              dueDate: r.due_date,
              daysOverdue: days,
              currency: r.currency,
              open: r.open_amount,
              ...Object.fromEntries(AGEING_BUCKETS.map((b) => [BUCKET_COLUMNS[b], b === bucket ? r.open_amount : 0])),
            };
          });
        },
        BATCH,
      );
    },
  };
}
