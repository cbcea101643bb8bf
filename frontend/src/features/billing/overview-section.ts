import { InvoiceSectionItem, PaymentSectionItem } from '@contracts/billing';
import type { CustomerOverviewSection } from '@/features/customers';
import { policyPagePath } from './billing-paths';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { INVOICE_STATUS_COLORS, INVOICE_STATUS_LABELS, PAYMENT_METHOD_LABELS, PAYMENT_STATUS_COLORS, PAYMENT_STATUS_LABELS } from './billing-labels';

/** The customer's newest invoices in the 360° view, each leading to its policy's billing. */
export const invoicesOverviewSection: CustomerOverviewSection = {
  key: 'billing',
  itemView: (item) => {
    const i = InvoiceSectionItem.safeParse(item);
    if (!i.success) return null;
    const { invoiceNumber, policyId, status, dueDate, openAmount, currency } = i.data;
    return {
      label: invoiceNumber,
      to: policyPagePath(policyId),
      permission: 'policies:read',
      status: { label: INVOICE_STATUS_LABELS[status], color: INVOICE_STATUS_COLORS[status] },
      detail: `Due ${formatDate(dueDate)}${openAmount > 0 ? ` · ${formatMoney(openAmount, currency)} open` : ''}`,
    };
  },
};

/** The customer's newest payments in the 360° view: number, status, amount, method and date; a policy's payment leads to its policy. */
export const paymentsOverviewSection: CustomerOverviewSection = {
  key: 'payments',
  itemView: (item) => {
    const p = PaymentSectionItem.safeParse(item);
    if (!p.success) return null;
    const { paymentNumber, policyId, method, status, amount, currency, receivedOn } = p.data;
    return {
      label: paymentNumber,
      to: policyId ? policyPagePath(policyId) : null,
      permission: 'policies:read',
      status: { label: PAYMENT_STATUS_LABELS[status], color: PAYMENT_STATUS_COLORS[status] },
      detail: `${formatMoney(amount, currency)} · ${PAYMENT_METHOD_LABELS[method]} · ${formatDate(receivedOn)}`,
    };
  },
};
