import { IconFileDescription } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { lazyComponent } from '@/lib/lazy-page';
import { ordersAuditLabels } from './audit-labels';
import { ordersHomeTiles } from './home-tiles';
import { applicationsOverviewSection } from './overview-section';
import { ordersRoutes } from './routes';

/** Applications: started from a saved quote, filled in, documented and submitted. */
export const ordersFeature = {
  routes: ordersRoutes,
  navigation: [{ label: 'Applications', to: '/orders', icon: IconFileDescription, permission: 'orders:read' }] satisfies NavigationEntry[],
  auditLabels: ordersAuditLabels,
  customerSections: [applicationsOverviewSection],
  quoteActions: [
    lazyComponent(
      () => import('./components/ApplyFromQuoteButton'),
      (m) => m.ApplyFromQuoteButton,
    ),
  ],
  homeTiles: ordersHomeTiles,
};

export { getOrder, useOrder } from './api/get-order';
export { orderKeys } from './api/order-keys';
export type { QueueCriteria } from './api/order-keys';
export { useOrderMutation } from './api/use-order-mutation';
export type { OrderCallbacks } from './api/use-order-mutation';
export { ApplicationForm } from './components/ApplicationForm';
export { BeneficiariesEditor } from './components/BeneficiariesEditor';
export { beneficiaryRows, checkBeneficiaries } from './application-form';
export type { BeneficiaryRow } from './application-form';
export { ApplicationSummary, BeneficiariesTable } from './components/ApplicationSummary';
export { DocumentChecklist } from './components/DocumentChecklist';
export { InfoRequestBanner } from './components/InfoRequestBanner';
export { OrderHeader } from './components/OrderHeader';
export { OrderStatusBadge } from './components/OrderStatusBadge';
export { StepProblemAlert } from './components/StepProblemAlert';
export { SubmitPanel } from './components/SubmitPanel';
export { WithdrawButton } from './components/WithdrawButton';
export { DECLINE_REASON_LABELS, INSURED_RELATIONSHIP_LABELS, ORDER_STATUS_COLORS, ORDER_STATUS_LABELS, paymentMethodText } from './order-labels';
export { ORDERS_PATH, orderPath } from './order-paths';
export { stepProblem } from './submit-problems';
export type { StepProblem } from './submit-problems';
