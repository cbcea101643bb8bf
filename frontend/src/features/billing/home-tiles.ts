import type { HomeTile } from '@/lib/feature';
import { useOverdueCount } from './api/get-overdue';
import { useRefundsAwaitingApprovalCount } from './api/refunds';
import { OVERDUE_PATH, REFUNDS_TO_APPROVE_PATH } from './billing-paths';

export const billingHomeTiles: HomeTile[] = [
  /** Policies of the user's branches with overdue invoices. */
  { id: 'billing-overdue', label: 'Overdue policies', to: OVERDUE_PATH, permission: 'billing:read', useCount: useOverdueCount, urgent: true },
  /** Approvers: refunds waiting for their decision. */
  { id: 'refunds-to-approve', label: 'Refunds to approve', to: REFUNDS_TO_APPROVE_PATH, permission: 'refunds:approve', useCount: useRefundsAwaitingApprovalCount },
];
