// What a customer may read of their own billing (the customer portal): their invoices with the open
// amount (Σ receivable postings, the ledger's truth) and their payments. Scoped by customer id only —
// the caller (the portal) has already established who the customer is. `services.customerBilling`.
import type { DbOrTrx } from '../../db';
import * as invoices from './invoices.repository';
import * as payments from './payments.repository';
import type { IdempotencyRequest } from '../../platform/idempotency';
import type { PaymentsService } from './payments.service';

export interface HolderInvoice {
  id: string;
  invoiceNumber: string;
  policyId: string;
  issueDate: string;
  dueDate: string;
  status: string;
  currency: string;
  total: number;
  openAmount: number;
}

export interface HolderPayment {
  id: string;
  paymentNumber: string;
  policyId: string | null;
  method: string;
  amount: number;
  currency: string;
  status: string;
  receivedOn: string;
  cardLast4: string | null;
}

/** At most this many of a customer's invoices or payments are listed (newest first). */
export const HOLDER_LIST_MAX = 200;

export class CustomerBilling {
  private payments: PaymentsService | undefined;

  /** Billing's setup hands over its payments service (built after the shared services). */
  bindPayments(payments: PaymentsService): void {
    this.payments = payments;
  }

  /** The customer pays one of their open invoices by the card on file (Idempotency-Key per attempt). */
  payInvoice(customer: { accountId: string; customerId: string }, idem: IdempotencyRequest, invoiceId: string) {
    if (!this.payments) throw new Error('The billing module has not bound its payments service');
    return this.payments.payInvoiceAsCustomer(customer, idem, invoiceId);
  }

  /** The customer's invoices, newest due date first (void ones left out). */
  async invoicesOf(db: DbOrTrx, customerId: string, options: { invoiceId?: string; unpaidOnly?: boolean } = {}): Promise<HolderInvoice[]> {
    const rows = await invoices.invoicesOfCustomerWithTotals(db, customerId, { ...options, limit: HOLDER_LIST_MAX });
    return rows.map((r) => ({
      id: r.id,
      invoiceNumber: r.invoice_number,
      policyId: r.policy_id,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      status: r.status,
      currency: r.currency.trim(),
      total: Number(r.total),
      openAmount: Number(r.open_amount),
    }));
  }

  /** The customer's payments, newest first. */
  async paymentsOf(db: DbOrTrx, customerId: string): Promise<HolderPayment[]> {
    const rows = await payments.paymentsOfHolder(db, customerId, HOLDER_LIST_MAX);
    return rows.map((r) => ({
      id: r.id,
      paymentNumber: r.payment_number,
      policyId: r.policy_id,
      method: r.method,
      amount: Number(r.amount),
      currency: String(r.currency).trim(),
      status: r.status,
      receivedOn: r.received_on,
      cardLast4: r.card_last4,
    }));
  }
}
