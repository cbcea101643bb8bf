// What billing tells the customer, through the notifications outbox in the transaction of the change
// (once each: idempotency keys per payment and invoice), on the customer's preferred channel: the
// receipt of a payment, a payment that did not go through (declined, failed at the gateway, a bounced
// check or a returned direct debit), and the reminder before an invoice falls due.
import type { Trx } from '../../db';
import { formatMoney } from '../../platform/money';
import type { NotificationService } from '../notifications/notifications.service';
import type { PaymentRow } from './payments.repository';

/** Days before the due date an unpaid invoice is reminded of. */
export const INVOICE_REMINDER_DAYS = 5;

export interface InvoiceToRemind {
  id: string;
  invoice_number: string;
  customer_id: string;
  policy_number: string;
  due_date: string;
  currency: string;
  open_amount: number;
}

const amountOf = (payment: Pick<PaymentRow, 'amount' | 'currency'>) => formatMoney(payment.amount, payment.currency.trim());

export class BillingMessages {
  constructor(private readonly notifications: NotificationService) {}

  receipt(trx: Trx, payment: PaymentRow) {
    return this.notifications.tellCustomer(trx, {
      customerId: payment.customer_id,
      template: 'payment-receipt',
      data: { paymentNumber: payment.payment_number, amount: amountOf(payment), receivedOn: payment.received_on },
      idempotencyKey: `payment:${payment.id}:receipt`,
    });
  }

  /** `reason` is said to the customer: plain words, never a gateway's code alone. */
  paymentFailed(trx: Trx, payment: PaymentRow, reason: string) {
    return this.notifications.tellCustomer(trx, {
      customerId: payment.customer_id,
      template: 'payment-failed',
      data: { paymentNumber: payment.payment_number, amount: amountOf(payment), reason },
      idempotencyKey: `payment:${payment.id}:failed`,
    });
  }

  invoiceReminder(trx: Trx, invoice: InvoiceToRemind) {
    return this.notifications.tellCustomer(trx, {
      customerId: invoice.customer_id,
      template: 'invoice-reminder',
      data: {
        invoiceNumber: invoice.invoice_number,
        policyNumber: invoice.policy_number,
        amount: formatMoney(invoice.open_amount, invoice.currency.trim()),
        dueDate: invoice.due_date,
      },
      idempotencyKey: invoiceReminderKey(invoice.id),
    });
  }
}

/** What the customer reads about a declined card or a failed gateway payment: the gateway's own message when it gave one. */
export const failureReason = (payment: Pick<PaymentRow, 'failure_message' | 'method'>): string =>
  payment.failure_message?.replace(/\.$/, '') || (payment.method === 'card' ? 'The card was declined' : 'The payment failed');

/** The outbox key of an invoice's reminder (once per invoice; withdrawn if the invoice is voided before it goes). */
export const invoiceReminderKey = (invoiceId: string) => `invoice:${invoiceId}:reminder`;
/** The outbox keys of an invoice's dunning messages start so (`dunning:<invoice>:<step>`, collections' dunning job). */
export const invoiceDunningKeyPrefix = (invoiceId: string) => `dunning:${invoiceId}:`;
