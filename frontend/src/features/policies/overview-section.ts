import { PolicyStatus } from '@contracts/policies';
import { z } from 'zod';
import type { CustomerOverviewSection } from '@/features/customers';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { POLICY_STATUS_COLORS, POLICY_STATUS_LABELS } from './policy-labels';
import { policyPath } from './policy-paths';

const PolicyItem = z.object({ id: z.string(), policyNumber: z.string(), status: PolicyStatus, productName: z.string(), annualPremium: z.number(), currency: z.string(), startDate: z.string(), endDate: z.string() });

/** The customer's policies in the 360° view. */
export const policiesOverviewSection: CustomerOverviewSection = {
  key: 'policies',
  itemView: (item) => {
    const p = PolicyItem.safeParse(item);
    if (!p.success) return null;
    return {
      label: p.data.policyNumber,
      to: policyPath(p.data.id),
      permission: 'policies:read',
      status: { label: POLICY_STATUS_LABELS[p.data.status], color: POLICY_STATUS_COLORS[p.data.status] },
      detail: `${p.data.productName} · ${formatMoney(p.data.annualPremium, p.data.currency)} a year · ${formatDate(p.data.startDate)} – ${formatDate(p.data.endDate)}`,
    };
  },
};
