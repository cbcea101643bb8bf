// Renewals due and lapsed (issue 18's standard reports): in the reader's branches, every renewal
// whose renewal date falls in the period — offered, renewed, or not renewed with its reason — and
// every lapse effective in it, by date. From the policy transactions (the record of both), scoped as
// the renewals worklist. Registered into `services.reports`; names customers, so exports are audited.
import { z } from 'zod';
import { IsoDate } from '../../contracts/common';
import type { ReportDefinition } from '../reports/report-registry';
import { keysetReportRows } from '../reports/report-registry';
import { renewalsAndLapsesPage, type RenewalReportRow } from './renewals.repository';

const RenewalsParams = z
  .strictObject({
    from: IsoDate().meta({ description: 'Renewal or lapse on or after this date' }),
    to: IsoDate().meta({ description: 'Renewal or lapse on or before this date' }),
  })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'Must be on or after the start date' });
type RenewalsParams = z.infer<typeof RenewalsParams>;

/** A renewal's outcome in words: offered (draft, quoted), renewed (issued), not renewed (discarded); a lapse: lapsed. */
export function renewalOutcome(row: Pick<RenewalReportRow, 'type' | 'status'>): string {
  if (row.type === 'lapse') return 'lapsed';
  if (row.status === 'issued') return 'renewed';
  if (row.status === 'discarded') return 'not renewed';
  return 'offered';
}

export const renewalsReport: ReportDefinition<RenewalsParams> = {
  key: 'policies.renewals',
  title: 'Renewals due and lapsed',
  description: 'The renewals due in a period in your branches — offered, renewed or not renewed and why — and the policies that lapsed in it.',
  permission: 'policies:read',
  params: RenewalsParams,
  columns: [
    { key: 'date', header: 'Date', type: 'date' },
    { key: 'kind', header: 'Kind', type: 'string' },
    { key: 'outcome', header: 'Outcome', type: 'string' },
    { key: 'reason', header: 'Non-renewal reason', type: 'string' },
    { key: 'transaction', header: 'Transaction', type: 'string' },
    { key: 'policyNumber', header: 'Policy', type: 'string' },
    { key: 'product', header: 'Product', type: 'string' },
    { key: 'customerNumber', header: 'Customer', type: 'string' },
    { key: 'customerName', header: 'Customer name', type: 'string' },
    { key: 'agent', header: 'Agent', type: 'string' },
    { key: 'premiumBefore', header: 'Annual premium before', type: 'money' },
    { key: 'premiumAfter', header: 'Annual premium after', type: 'money' },
    { key: 'currency', header: 'Currency', type: 'string' },
  ],
  personalData: true,
  period: { from: 'from', to: 'to' },
  rows: (db, actor, params) =>
    keysetReportRows<RenewalReportRow, { date: string; id: string }>(
      (after, size) => renewalsAndLapsesPage(db, actor, params, after, size),
      (r) => ({ date: r.effective_date, id: r.id }),
      (batch) =>
        batch.map((r) => ({
          date: r.effective_date,
          kind: r.type,
          outcome: renewalOutcome(r),
          reason: r.non_renewal_reason,
          transaction: r.transaction_number,
          policyNumber: r.policy_number,
          product: r.product_name,
          customerNumber: r.customer_number,
          customerName: r.customer_name,
          agent: r.agent_name,
          premiumBefore: r.old_annual_premium,
          premiumAfter: r.new_annual_premium,
          currency: r.currency,
        })),
    ),
};
