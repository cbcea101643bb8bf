import { billingAuditLabels } from './audit-labels';
import { billingHomeTiles } from './home-tiles';
import { billingRoutes } from './routes';

/** Billing: a policy's invoices, payments, refunds and what it owes; taking a payment, refunds and their approval, write-offs. */
export const billingFeature = {
  routes: billingRoutes,
  auditLabels: billingAuditLabels,
  homeTiles: billingHomeTiles,
};

export { PolicyBillingPanel } from './components/PolicyBillingPanel';
export { CustomerBalance } from './components/CustomerBalance';
