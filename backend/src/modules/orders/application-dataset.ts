// The applications dataset of the custom report builder (issue 18): applications (orders) in the
// reader's branches, as the applications list scopes them.
import { PAYMENT_FREQUENCIES } from '../../contracts/common';
import { ORDER_STATUSES } from '../../contracts/orders';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { scoped } from '../../platform/scope';
import { businessDateSql, fullNameSql, type DatasetDefinition } from '../reports/report-datasets';

export function applicationsDataset(timeZone: string): DatasetDefinition {
  return {
    key: 'applications',
    title: 'Applications',
    permission: 'orders:read',
    base: (db: DbOrTrx, actor: Actor) =>
      scoped(
        db('orders as o')
          .join('customers as c', 'c.id', 'o.customer_id')
          .join('branches as b', 'b.id', 'o.branch_id')
          .join('products as pr', 'pr.id', 'o.product_id')
          .join('users as ag', 'ag.id', 'o.agent_id')
          .leftJoin('users as uw', 'uw.id', 'o.underwriter_id'),
        actor,
        'o.branch_id',
      ),
    order: ['o.order_number'],
    currencyField: 'currency',
    fields: [
      { key: 'applicationNumber', header: 'Application', type: 'string', sql: 'o.order_number' },
      { key: 'status', header: 'Status', type: 'string', sql: 'o.status', values: ORDER_STATUSES },
      { key: 'customerNumber', header: 'Customer', type: 'string', sql: 'c.customer_number' },
      { key: 'customerName', header: 'Customer name', type: 'string', sql: fullNameSql('c') },
      { key: 'product', header: 'Product', type: 'string', sql: 'pr.name' },
      { key: 'branch', header: 'Branch', type: 'string', sql: 'b.name' },
      { key: 'agent', header: 'Agent', type: 'string', sql: 'ag.name' },
      { key: 'underwriter', header: 'Underwriter', type: 'string', sql: 'uw.name' },
      { key: 'sumInsured', header: 'Sum insured', type: 'money', sql: 'o.sum_insured' },
      { key: 'annualPremium', header: 'Annual premium', type: 'money', sql: 'o.annual_premium' },
      { key: 'currency', header: 'Currency', type: 'string', sql: 'o.currency::text' },
      { key: 'paymentFrequency', header: 'Payment frequency', type: 'string', sql: 'o.payment_frequency', values: PAYMENT_FREQUENCIES },
      { key: 'termYears', header: 'Term (years)', type: 'integer', sql: 'o.term_years' },
      { key: 'submittedOn', header: 'First submitted on', type: 'date', sql: businessDateSql('o.first_submitted_at', timeZone) },
      { key: 'decidedOn', header: 'Decided on', type: 'date', sql: businessDateSql('o.decided_at', timeZone) },
      { key: 'processingBusinessDays', header: 'Business days to decision', type: 'integer', sql: 'o.processing_business_days' },
      { key: 'createdAt', header: 'Created', type: 'datetime', sql: 'o.created_at' },
    ],
  };
}
