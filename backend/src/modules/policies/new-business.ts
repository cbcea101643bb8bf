// New business (issue 18's standard reports): the policies issued in a period in the reader's
// branches — scoped as the policy list — with their product, customer, agent and the figures they
// were issued with (the terms' version 1: sum insured and annual premium), in the order issued. A
// single-trip policy reads as a trip: its days and its one single premium, never a term in years or
// an annual premium (issue 15).
// Registered into `services.reports`; names customers, so its exports are audited.
import { z } from 'zod';
import { IsoDate } from '../../contracts/common';
import type { ReportDefinition } from '../reports/report-registry';
import { keysetReportRows } from '../reports/report-registry';
import { newBusinessPage, type NewBusinessRow } from './policies.repository';

const NewBusinessParams = z
  .strictObject({
    from: IsoDate().meta({ description: 'Issued on or after this date' }),
    to: IsoDate().meta({ description: 'Issued on or before this date' }),
  })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'Must be on or after the start date' });
type NewBusinessParams = z.infer<typeof NewBusinessParams>;

export function newBusinessReport(timeZone: string): ReportDefinition<NewBusinessParams> {
  return {
    key: 'policies.new-business',
    title: 'New business',
    description:
      'The policies issued in a period in your branches, with product, customer, agent, term (or trip), sum insured and premium as issued: annual, or single for a trip.',
    permission: 'policies:read',
    params: NewBusinessParams,
    columns: [
      { key: 'policyNumber', header: 'Policy', type: 'string' },
      { key: 'issueDate', header: 'Issued', type: 'date' },
      { key: 'startDate', header: 'Starts', type: 'date' },
      { key: 'product', header: 'Product', type: 'string' },
      { key: 'customerNumber', header: 'Customer', type: 'string' },
      { key: 'customerName', header: 'Customer name', type: 'string' },
      { key: 'branch', header: 'Branch', type: 'string' },
      { key: 'agent', header: 'Agent', type: 'string' },
      { key: 'paymentFrequency', header: 'Paid', type: 'string' },
      { key: 'termYears', header: 'Term (years)', type: 'integer' },
      { key: 'tripDays', header: 'Trip (days)', type: 'integer' },
      { key: 'sumInsured', header: 'Sum insured', type: 'money' },
      { key: 'annualPremium', header: 'Annual premium', type: 'money' },
      { key: 'singlePremium', header: 'Single premium', type: 'money' },
      { key: 'currency', header: 'Currency', type: 'string' },
      { key: 'status', header: 'Status now', type: 'string' },
    ],
    personalData: true,
    period: { from: 'from', to: 'to' },
    rows: (db, actor, params) =>
      keysetReportRows<NewBusinessRow, { issuedAt: Date; id: string }>(
        (after, size) => newBusinessPage(db, actor, { ...params, timeZone }, after, size),
        (r) => ({ issuedAt: r.issued_at, id: r.id }),
        (batch) =>
          batch.map((r) => ({
            policyNumber: r.policy_number,
            issueDate: r.issue_date,
            startDate: r.start_date,
            product: r.product_name,
            customerNumber: r.customer_number,
            customerName: r.customer_name,
            branch: r.branch_name,
            agent: r.agent_name,
            paymentFrequency: r.payment_frequency,
            termYears: r.term_years,
            tripDays: r.trip_days,
            sumInsured: r.sum_insured,
            annualPremium: r.trip_days === null ? r.annual_premium : null,
            singlePremium: r.trip_days === null ? null : r.annual_premium,
            currency: r.currency,
            status: r.status,
          })),
      ),
  };
}
