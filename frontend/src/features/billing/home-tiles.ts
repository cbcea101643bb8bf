import type { HomeTile } from '@/lib/feature';
import { useRefundsAwaitingApprovalCount } from './api/refunds';
import { REFUNDS_TO_APPROVE_PATH } from './billing-paths';

/** Approvers: refunds waiting for their decision. */
export const billingHomeTiles: HomeTile[] = [
  { id: 'refunds-to-approve', label: 'Refunds to approve', to: REFUNDS_TO_APPROVE_PATH, permission: 'refunds:approve', useCount: useRefundsAwaitingApprovalCount },
];
