import type { HomeTile } from '@/lib/feature';
import { useOverdueCount } from './api/get-overdue';
import { OVERDUE_PATH } from './billing-paths';

/** Policies of the user's branches with overdue invoices. */
export const billingHomeTiles: HomeTile[] = [
  { id: 'billing-overdue', label: 'Overdue policies', to: OVERDUE_PATH, permission: 'billing:read', useCount: useOverdueCount, urgent: true },
];
