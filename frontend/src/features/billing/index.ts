import { billingAuditLabels } from './audit-labels';

/** Billing: a policy's invoices, payments and what it owes, and taking a payment. */
export const billingFeature = {
  auditLabels: billingAuditLabels,
};

export { PolicyBillingPanel } from './components/PolicyBillingPanel';
export { CustomerBalance } from './components/CustomerBalance';
