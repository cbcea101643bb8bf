// The claims dataset of the custom report builder (issue 18): claims in the reader's branches, as the
// claims list scopes them.
import { CLAIM_STATUSES } from '../../contracts/claims';
import { LOSS_TYPES } from '../../contracts/products';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { scoped } from '../../platform/scope';
import { businessDateSql, fullNameSql, type DatasetDefinition } from '../reports/report-datasets';

export function claimsDataset(timeZone: string): DatasetDefinition {
  return {
    key: 'claims',
    title: 'Claims',
    permission: 'claims:read',
    base: (db: DbOrTrx, actor: Actor) =>
      scoped(
        db('claims as cl')
          .join('customers as c', 'c.id', 'cl.customer_id')
          .join('branches as b', 'b.id', 'cl.branch_id')
          .join('policies as pol', 'pol.id', 'cl.policy_id')
          .join('products as pr', 'pr.id', 'pol.product_id')
          .leftJoin('users as adj', 'adj.id', 'cl.assignee_id'),
        actor,
        'cl.branch_id',
      ),
    order: ['cl.claim_number'],
    currencyField: 'currency',
    fields: [
      { key: 'claimNumber', header: 'Claim', type: 'string', sql: 'cl.claim_number' },
      { key: 'status', header: 'Status', type: 'string', sql: 'cl.status', values: CLAIM_STATUSES },
      { key: 'lossType', header: 'Loss type', type: 'string', sql: 'cl.loss_type', values: LOSS_TYPES },
      { key: 'lossDate', header: 'Loss date', type: 'date', sql: 'cl.loss_date' },
      { key: 'claimedAmount', header: 'Claimed', type: 'money', sql: 'cl.claimed_amount' },
      { key: 'currency', header: 'Currency', type: 'string', sql: 'cl.currency::text' },
      { key: 'policyNumber', header: 'Policy', type: 'string', sql: 'pol.policy_number' },
      { key: 'product', header: 'Product', type: 'string', sql: 'pr.name' },
      { key: 'customerNumber', header: 'Customer', type: 'string', sql: 'c.customer_number' },
      { key: 'customerName', header: 'Customer name', type: 'string', sql: fullNameSql('c') },
      { key: 'branch', header: 'Branch', type: 'string', sql: 'b.name' },
      { key: 'adjuster', header: 'Adjuster', type: 'string', sql: 'adj.name' },
      { key: 'coverageDoubtful', header: 'Coverage doubtful', type: 'boolean', sql: 'cl.coverage_doubtful' },
      { key: 'submittedOn', header: 'Submitted on', type: 'date', sql: businessDateSql('cl.submitted_at', timeZone) },
      { key: 'decidedOn', header: 'Decided on', type: 'date', sql: businessDateSql('cl.decided_at', timeZone) },
      { key: 'processingBusinessDays', header: 'Business days to decision', type: 'integer', sql: 'cl.processing_business_days' },
      { key: 'createdAt', header: 'Recorded', type: 'datetime', sql: 'cl.created_at' },
    ],
  };
}
