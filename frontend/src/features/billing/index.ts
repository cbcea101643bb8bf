/** Billing: a policy's invoices, payments and what it owes, and taking a payment. */
export { PolicyBillingPanel } from './components/PolicyBillingPanel';
