import { IconAddressBook } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { customersAuditLabels } from './audit-labels';
import { customerSpotlightSource } from './customer-spotlight-source';
import { customersRoutes } from './routes';

/** Customers: search, the customer page and its tabs, KYC, duplicates, the 360° overview. */
export const customersFeature = {
  routes: customersRoutes,
  navigation: [{ label: 'Customers', to: '/customers', icon: IconAddressBook, permission: 'customers:read' }] satisfies NavigationEntry[],
  auditLabels: customersAuditLabels,
  spotlightSources: [customerSpotlightSource],
};

export { CUSTOMER_ROUTE_ID } from './routes';
export { CustomerSectionsProvider } from './overview-sections';
export type { CustomerOverviewSection, SectionItemView } from './overview-sections';
export { useCustomerOutlet } from './customer-outlet';
export { customerKeys } from './api/customer-keys';
export { customerOverviewQueryOptions, useCustomerOverview } from './api/get-customer-overview';
export { RiskFactorsPanel } from './components/RiskFactorsPanel';
export { GENDER_LABELS, OCCUPATION_CLASS_LABELS } from './customer-labels';
export { customerPath } from './customer-paths';
export { useWorkBranches } from './use-work-branches';
export { CustomerActionsProvider, CustomerPanelsProvider } from './customer-actions';
export type { CustomerAction, CustomerActionProps, CustomerPanel } from './customer-actions';
export { searchCustomers } from './api/search-customers';
