import { IconAlarm } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { billingAuditLabels } from './audit-labels';
import { OVERDUE_PATH } from './billing-paths';
import { billingHomeTiles } from './home-tiles';
import { invoicesOverviewSection, paymentsOverviewSection } from './overview-section';
import { billingRoutes } from './routes';

/** Billing: a policy's invoices, payments, refunds and what it owes; taking a payment, re-allocating one, refunds and their approval, write-offs, late fees and waivers, the overdue worklist, ledgers. */
export const billingFeature = {
  routes: billingRoutes,
  navigation: [{ label: 'Overdue', to: OVERDUE_PATH, icon: IconAlarm, permission: 'billing:read' }] satisfies NavigationEntry[],
  auditLabels: billingAuditLabels,
  homeTiles: billingHomeTiles,
  customerSections: [invoicesOverviewSection, paymentsOverviewSection],
};

export { PolicyBillingPanel } from './components/PolicyBillingPanel';
export { CustomerBalance } from './components/CustomerBalance';
export { customerBillingQueryOptions } from './api/get-policy-billing';
export { LedgerPanel } from './components/LedgerPanel';
export { WriteOffModal } from './components/WriteOffModal';
