import { InvoiceSectionItem } from '@contracts/billing';
import type { CustomerOverviewSection } from '@/features/customers';
import { policyPagePath } from './billing-paths';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { INVOICE_STATUS_COLORS, INVOICE_STATUS_LABELS } from './billing-labels';

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
