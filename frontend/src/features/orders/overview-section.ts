import { ApplicationSectionItem } from '@contracts/orders';
import type { CustomerOverviewSection } from '@/features/customers';
import { premiumFigure } from '@/lib/money';
import { ORDER_STATUS_COLORS, ORDER_STATUS_LABELS } from './order-labels';
import { orderPath } from './order-paths';

/** The customer's applications in the 360° view. */
export const applicationsOverviewSection: CustomerOverviewSection = {
  key: 'applications',
  itemView: (item) => {
    const a = ApplicationSectionItem.safeParse(item);
    if (!a.success) return null;
    return {
      label: a.data.orderNumber,
      to: orderPath(a.data.id),
      permission: 'orders:read',
      status: { label: ORDER_STATUS_LABELS[a.data.status], color: ORDER_STATUS_COLORS[a.data.status] },
      detail: `${a.data.productName} · ${premiumFigure(a.data.annualPremium, a.data.currency, a.data.paymentFrequency)}`,
    };
  },
};
