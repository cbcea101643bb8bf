// The policies dataset of the custom report builder (issue 18): policies in the reader's branches,
// as the policy list scopes them, with their customer, product, agent and the terms as issued.
import { PAYMENT_FREQUENCIES } from '../../contracts/common';
import { POLICY_STATUSES } from '../../contracts/policies';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { scoped } from '../../platform/scope';
import { businessDateSql, fullNameSql, type DatasetDefinition } from '../reports/report-datasets';

export function policiesDataset(timeZone: string): DatasetDefinition {
  return {
    key: 'policies',
    title: 'Policies',
    permission: 'policies:read',
    base: (db: DbOrTrx, actor: Actor) =>
      scoped(
        db('policies as pol')
          .join('customers as c', 'c.id', 'pol.customer_id')
          .join('branches as b', 'b.id', 'pol.branch_id')
          .join('products as pr', 'pr.id', 'pol.product_id')
          .join('users as ag', 'ag.id', 'pol.agent_id'),
        actor,
        'pol.branch_id',
      ),
    order: ['pol.policy_number'],
    currencyField: 'currency',
    fields: [
      { key: 'policyNumber', header: 'Policy', type: 'string', sql: 'pol.policy_number' },
      { key: 'status', header: 'Status', type: 'string', sql: 'pol.status', values: POLICY_STATUSES },
      { key: 'customerNumber', header: 'Customer', type: 'string', sql: 'c.customer_number' },
      { key: 'customerName', header: 'Customer name', type: 'string', sql: fullNameSql('c') },
      { key: 'product', header: 'Product', type: 'string', sql: 'pr.name' },
      { key: 'productCategory', header: 'Category', type: 'string', sql: 'pr.category' },
      { key: 'branch', header: 'Branch', type: 'string', sql: 'b.name' },
      { key: 'agent', header: 'Agent', type: 'string', sql: 'ag.name' },
      { key: 'sumInsured', header: 'Sum insured', type: 'money', sql: 'pol.sum_insured' },
      { key: 'annualPremium', header: 'Annual premium', type: 'money', sql: 'pol.annual_premium' },
      { key: 'currency', header: 'Currency', type: 'string', sql: 'pol.currency::text' },
      { key: 'paymentFrequency', header: 'Payment frequency', type: 'string', sql: 'pol.payment_frequency', values: PAYMENT_FREQUENCIES },
      { key: 'termYears', header: 'Term (years)', type: 'integer', sql: 'pol.term_years' },
      { key: 'startDate', header: 'Start', type: 'date', sql: 'pol.start_date' },
      { key: 'endDate', header: 'End', type: 'date', sql: 'pol.end_date' },
      { key: 'issuedOn', header: 'Issued on', type: 'date', sql: businessDateSql('pol.issued_at', timeZone) },
      { key: 'issuedAt', header: 'Issued', type: 'datetime', sql: 'pol.issued_at' },
    ],
  };
}
