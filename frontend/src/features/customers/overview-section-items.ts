// The 360° view's sections come from other modules. The kinds the contract describes (applications,
// policies) read as a number that links to the record, a status and a short detail.
import type { OverviewSection } from '@contracts/customers';
import { ORDER_STATUS_COLORS, ORDER_STATUS_LABELS } from '@/features/orders/order-labels';
import { orderPath } from '@/features/orders/order-paths';
import { POLICY_STATUS_COLORS, POLICY_STATUS_LABELS } from '@/features/policies/policy-labels';
import { policyPath } from '@/features/policies/policy-paths';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';

export interface SectionItemView {
  /** The record's number, e.g. O-000012. */
  label: string;
  to: string;
  /** Needed to follow the link; without it the number shows as text. */
  permission: 'orders:read' | 'policies:read';
  status: { label: string; color: string } | null;
  detail: string;
}

/** One view per item of a section the contract knows (by `kind`); null for other modules' sections, which keep the generic text. */
export function sectionItemViews(section: OverviewSection): SectionItemView[] | null {
  if (!('kind' in section)) return null;
  switch (section.kind) {
    case 'applications':
      return section.items.map((a) => ({
        label: a.orderNumber,
        to: orderPath(a.id),
        permission: 'orders:read',
        status: { label: ORDER_STATUS_LABELS[a.status], color: ORDER_STATUS_COLORS[a.status] },
        detail: `${a.productName} · ${formatMoney(a.annualPremium, a.currency)} a year`,
      }));
    case 'policies':
      return section.items.map((p) => ({
        label: p.policyNumber,
        to: policyPath(p.id),
        permission: 'policies:read',
        status: { label: POLICY_STATUS_LABELS[p.status], color: POLICY_STATUS_COLORS[p.status] },
        detail: `${p.productName} · ${formatMoney(p.annualPremium, p.currency)} a year · ${formatDate(p.startDate)} – ${formatDate(p.endDate)}`,
      }));
  }
}
