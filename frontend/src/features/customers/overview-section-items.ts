// The 360° view's sections come from other modules as loose records. The ones the console knows
// (applications, policies) read as a number that links to the record, a status and a short detail.
import { OrderStatus } from '@contracts/orders';
import { PolicyStatus } from '@contracts/policies';
import { z } from 'zod';
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

const ApplicationItem = z.object({ id: z.string(), orderNumber: z.string(), status: OrderStatus, productName: z.string(), annualPremium: z.number(), currency: z.string() });
const PolicyItem = z.object({ id: z.string(), policyNumber: z.string(), status: PolicyStatus, productName: z.string(), annualPremium: z.number(), currency: z.string(), startDate: z.string(), endDate: z.string() });

/** Null for sections (or items) the console does not know: they keep the generic text. */
export function sectionItemView(sectionKey: string, item: Record<string, unknown>): SectionItemView | null {
  if (sectionKey === 'applications') {
    const a = ApplicationItem.safeParse(item);
    if (!a.success) return null;
    return {
      label: a.data.orderNumber,
      to: orderPath(a.data.id),
      permission: 'orders:read',
      status: { label: ORDER_STATUS_LABELS[a.data.status], color: ORDER_STATUS_COLORS[a.data.status] },
      detail: `${a.data.productName} · ${formatMoney(a.data.annualPremium, a.data.currency)} a year`,
    };
  }
  if (sectionKey === 'policies') {
    const p = PolicyItem.safeParse(item);
    if (!p.success) return null;
    return {
      label: p.data.policyNumber,
      to: policyPath(p.data.id),
      permission: 'policies:read',
      status: { label: POLICY_STATUS_LABELS[p.data.status], color: POLICY_STATUS_COLORS[p.data.status] },
      detail: `${p.data.productName} · ${formatMoney(p.data.annualPremium, p.data.currency)} a year · ${formatDate(p.data.startDate)} – ${formatDate(p.data.endDate)}`,
    };
  }
  return null;
}
