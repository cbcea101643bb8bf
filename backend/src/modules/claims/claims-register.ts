// The claims register (issue 18's standard reports): every claim the reader may see — scoped to their
// branches exactly as the claims list is — with its policy, customer, loss, amounts and handling, in
// the order the claims were recorded. Registered into `services.reports` (the reports module exports
// it to CSV, Excel or PDF); names customers, so its exports are audited.
import { z } from 'zod';
import { ClaimStatus } from '../../contracts/claims';
import { IsoDate } from '../../contracts/common';
import type { ReportDefinition } from '../reports/report-registry';
import { keysetReportRows } from '../reports/report-registry';
import { registerPage, type ClaimRegisterRow } from './claims.repository';

const ClaimsRegisterParams = z
  .strictObject({
    lossFrom: IsoDate().optional().meta({ description: 'Losses on or after this date' }),
    lossTo: IsoDate().optional().meta({ description: 'Losses on or before this date' }),
    status: ClaimStatus.optional(),
  })
  .refine((p) => !p.lossFrom || !p.lossTo || p.lossFrom <= p.lossTo, { path: ['lossTo'], message: 'Must be on or after the start date' });
type ClaimsRegisterParams = z.infer<typeof ClaimsRegisterParams>;

const instant = (d: Date | null) => (d ? d.toISOString() : null);

export const claimsRegisterReport: ReportDefinition<ClaimsRegisterParams> = {
  key: 'claims.register',
  title: 'Claims register',
  description: 'Every claim in your branches with its policy, customer, loss, amounts claimed, assessed, approved and paid, and who handles it.',
  permission: 'claims:read',
  params: ClaimsRegisterParams,
  columns: [
    { key: 'claimNumber', header: 'Claim', type: 'string' },
    { key: 'status', header: 'Status', type: 'string' },
    { key: 'branch', header: 'Branch', type: 'string' },
    { key: 'policyNumber', header: 'Policy', type: 'string' },
    { key: 'customerNumber', header: 'Customer', type: 'string' },
    { key: 'customerName', header: 'Customer name', type: 'string' },
    { key: 'lossType', header: 'Loss type', type: 'string' },
    { key: 'lossDate', header: 'Loss date', type: 'date' },
    { key: 'submittedAt', header: 'Submitted', type: 'datetime' },
    { key: 'claimed', header: 'Claimed', type: 'money' },
    { key: 'assessed', header: 'Assessed', type: 'money' },
    { key: 'approved', header: 'Approved', type: 'money' },
    { key: 'paid', header: 'Paid', type: 'money' },
    { key: 'currency', header: 'Currency', type: 'string' },
    { key: 'assignee', header: 'Adjuster', type: 'string' },
    { key: 'decidedAt', header: 'Decided', type: 'datetime' },
    { key: 'businessDays', header: 'Business days to decision', type: 'integer' },
  ],
  personalData: true,
  period: { from: 'lossFrom', to: 'lossTo' },
  rows: (db, actor, params) =>
    keysetReportRows<ClaimRegisterRow, { createdAt: Date; id: string }>(
      (after, size) => registerPage(db, actor, params, after, size),
      (r) => ({ createdAt: r.created_at, id: r.id }),
      (batch) =>
        batch.map((r) => ({
          claimNumber: r.claim_number,
          status: r.status,
          branch: r.branch_name,
          policyNumber: r.policy_number,
          customerNumber: r.customer_number,
          customerName: r.customer_name,
          lossType: r.loss_type,
          lossDate: r.loss_date,
          submittedAt: instant(r.submitted_at),
          claimed: r.claimed_amount,
          assessed: r.assessed_amount,
          approved: r.approved_amount,
          paid: r.paid_amount,
          currency: r.currency,
          assignee: r.assignee_name,
          decidedAt: instant(r.decided_at),
          businessDays: r.processing_business_days,
        })),
    ),
};
