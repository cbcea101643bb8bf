// The payments dataset of the custom report builder (issue 18): payments in the reader's branches, as
// the payment reads scope them; a card shows only its last four digits, as the API shows it.
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '../../contracts/billing';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { scoped } from '../../platform/scope';
import { fullNameSql, type DatasetDefinition } from '../reports/report-datasets';

export function paymentsDataset(): DatasetDefinition {
  return {
    key: 'payments',
    title: 'Payments',
    permission: 'payments:read',
    base: (db: DbOrTrx, actor: Actor) =>
      scoped(
        db('payments as p').join('customers as c', 'c.id', 'p.customer_id').join('branches as b', 'b.id', 'p.branch_id').leftJoin('policies as pol', 'pol.id', 'p.policy_id'),
        actor,
        'p.branch_id',
      ),
    order: ['p.payment_number'],
    currencyField: 'currency',
    fields: [
      { key: 'paymentNumber', header: 'Payment', type: 'string', sql: 'p.payment_number' },
      { key: 'status', header: 'Status', type: 'string', sql: 'p.status', values: PAYMENT_STATUSES },
      { key: 'method', header: 'Method', type: 'string', sql: 'p.method', values: PAYMENT_METHODS },
      { key: 'amount', header: 'Amount', type: 'money', sql: 'p.amount' },
      { key: 'currency', header: 'Currency', type: 'string', sql: 'p.currency::text' },
      { key: 'receivedOn', header: 'Received on', type: 'date', sql: 'p.received_on' },
      { key: 'policyNumber', header: 'Policy', type: 'string', sql: 'pol.policy_number' },
      { key: 'customerNumber', header: 'Customer', type: 'string', sql: 'c.customer_number' },
      { key: 'customerName', header: 'Customer name', type: 'string', sql: fullNameSql('c') },
      { key: 'branch', header: 'Branch', type: 'string', sql: 'b.name' },
      { key: 'cardLast4', header: 'Card (last 4)', type: 'string', sql: 'p.card_last4', masked: true },
      { key: 'failureCode', header: 'Failure', type: 'string', sql: 'p.failure_code' },
      { key: 'createdAt', header: 'Recorded', type: 'datetime', sql: 'p.created_at' },
    ],
  };
}
