import type { ApprovalKind } from '@contracts/identity';

export const APPROVAL_KIND_LABELS: Record<ApprovalKind, string> = {
  order_sum_insured: 'Order sum insured',
  claim_amount: 'Claim amount',
  surrender_amount: 'Surrender value',
  refund_amount: 'Refund amount',
  write_off_amount: 'Write-off amount',
};
