import { ClaimSectionItem } from '@contracts/claims';
import type { CustomerOverviewSection } from '@/features/customers';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { CLAIM_STATUS_COLORS, CLAIM_STATUS_LABELS, LOSS_TYPE_LABELS, claimPath } from './claim-labels';

/** The customer's claims in the 360° view: number, status, the loss and what was claimed and paid. */
export const claimsOverviewSection: CustomerOverviewSection = {
  key: 'claims',
  itemView: (item) => {
    const c = ClaimSectionItem.safeParse(item);
    if (!c.success) return null;
    const { claimNumber, id, status, lossType, lossDate, claimedAmount, paidAmount, currency } = c.data;
    const amounts = [claimedAmount !== null ? `${formatMoney(claimedAmount, currency)} claimed` : null, paidAmount > 0 ? `${formatMoney(paidAmount, currency)} paid` : null];
    return {
      label: claimNumber,
      to: claimPath(id),
      permission: 'claims:read',
      status: { label: CLAIM_STATUS_LABELS[status], color: CLAIM_STATUS_COLORS[status] },
      detail: [`${LOSS_TYPE_LABELS[lossType]}, ${formatDate(lossDate)}`, ...amounts].filter(Boolean).join(' · '),
    };
  },
};
