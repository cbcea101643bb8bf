import { PolicySectionItem } from '@contracts/policies';
import type { CustomerOverviewSection } from '@/features/customers';
import { premiumFigure } from '@/lib/money';
import { POLICY_STATUS_COLORS, POLICY_STATUS_LABELS } from './policy-labels';
import { policyPath } from './policy-paths';
import { dateSpanWording } from '@/lib/term-wording';

/** The customer's policies in the 360° view. */
export const policiesOverviewSection: CustomerOverviewSection = {
  key: 'policies',
  itemView: (item) => {
    const p = PolicySectionItem.safeParse(item);
    if (!p.success) return null;
    return {
      label: p.data.policyNumber,
      to: policyPath(p.data.id),
      permission: 'policies:read',
      status: { label: POLICY_STATUS_LABELS[p.data.status], color: POLICY_STATUS_COLORS[p.data.status] },
      detail: `${p.data.productName} · ${premiumFigure(p.data.annualPremium, p.data.currency, p.data.paymentFrequency)} · ${dateSpanWording(p.data.startDate, p.data.endDate)}`,
    };
  },
};
