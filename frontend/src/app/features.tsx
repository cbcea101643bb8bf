import type { ReactNode } from 'react';
import { analyticsFeature } from '@/features/analytics';
import { approvalLimitsFeature } from '@/features/approval-limits';
import { AuditLabelsProvider, auditFeature, mergeAuditLabels } from '@/features/audit';
import type { AuditLabels } from '@/features/audit';
import { billingFeature } from '@/features/billing';
import { claimsFeature } from '@/features/claims';
import { branchesFeature } from '@/features/branches';
import { CustomerActionsProvider, CustomerPanelsProvider, CustomerSectionsProvider, customersFeature } from '@/features/customers';
import type { CustomerAction, CustomerOverviewSection, CustomerPanel } from '@/features/customers';
import { examsFeature } from '@/features/exams';
import { collectionsFeature } from '@/features/collections';
import { financeFeature } from '@/features/finance';
import { identityFeature } from '@/features/identity';
import { knowledgeFeature } from '@/features/knowledge';
import { notificationsFeature } from '@/features/notifications';
import { ordersFeature } from '@/features/orders';
import { PolicyActionsProvider, PolicyPanelsProvider, policiesFeature } from '@/features/policies';
import type { PolicyAction, PolicyPanel } from '@/features/policies';
import { productsFeature } from '@/features/products';
import { QuoteActionsProvider, quotesFeature } from '@/features/quotes';
import { reportsFeature } from '@/features/reports';
import type { QuoteAction } from '@/features/quotes';
import type { SpotlightSource } from '@/features/search';
import { serviceFeature } from '@/features/service';
import { systemFeature } from '@/features/system';
import { underwritingFeature } from '@/features/underwriting';
import { usersFeature } from '@/features/users';
import { voiceFeature } from '@/features/voice';
import type { FeatureRoute, HomeTile, NavigationEntry } from '@/lib/feature';

/** What a feature (features/<name>/index.ts) declares; everything is optional. */
export interface ConsoleFeature {
  /** Pages under the console layout, each with the permission it needs. */
  routes?: FeatureRoute[];
  /** Pages below another feature's route, by that route's `id` (e.g. the customer page's tabs). */
  childRoutes?: Record<string, FeatureRoute[]>;
  /** Main navigation entries; the menu shows them in the order of this list. */
  navigation?: NavigationEntry[];
  /** Names of the feature's audit actions, record types and fields. */
  auditLabels?: AuditLabels;
  /** How the customer's 360° view shows the sections the feature's module contributes. */
  customerSections?: CustomerOverviewSection[];
  /** Buttons in a policy's header (e.g. report a claim). */
  policyActions?: PolicyAction[];
  /** Panels on a policy's page (e.g. its claims). */
  policyPanels?: PolicyPanel[];
  /** Buttons in a customer's header (e.g. report a claim). */
  customerActions?: CustomerAction[];
  /** Panels on a customer's overview (e.g. the timeline). */
  customerPanels?: CustomerPanel[];
  /** Buttons for a saved quote (e.g. apply). */
  quoteActions?: QuoteAction[];
  /** Counts on the home page of what waits for the user today, each opening its list (shown by permission). */
  homeTiles?: HomeTile[];
  /** What the Ctrl/Cmd+K spotlight searches in. */
  spotlightSources?: SpotlightSource[];
}

/** The console's features that declare something, in menu order. Adding a feature is adding its folder and one entry
 *  here (search only exports components the app shell uses, so it needs none). */
export const features: ConsoleFeature[] = [
  customersFeature,
  serviceFeature,
  knowledgeFeature,
  quotesFeature,
  productsFeature,
  ordersFeature,
  underwritingFeature,
  examsFeature,
  policiesFeature,
  claimsFeature,
  billingFeature,
  financeFeature,
  collectionsFeature,
  analyticsFeature,
  reportsFeature,
  usersFeature,
  branchesFeature,
  approvalLimitsFeature,
  auditFeature,
  notificationsFeature,
  voiceFeature,
  systemFeature,
  identityFeature,
];

const auditLabels = mergeAuditLabels(features.flatMap((feature) => (feature.auditLabels ? [feature.auditLabels] : [])));
const customerSections = features.flatMap((feature) => feature.customerSections ?? []);
const quoteActions = features.flatMap((feature) => feature.quoteActions ?? []);
const policyActions = features.flatMap((feature) => feature.policyActions ?? []);
const policyPanels = features.flatMap((feature) => feature.policyPanels ?? []);
const customerActions = features.flatMap((feature) => feature.customerActions ?? []);
const customerPanels = features.flatMap((feature) => feature.customerPanels ?? []);
export const homeTiles = features.flatMap((feature) => feature.homeTiles ?? []);
export const spotlightSources = features.flatMap((feature) => feature.spotlightSources ?? []);

/** Hands each feature's contributions to the features that show them. */
export function FeatureProviders({ children }: { children: ReactNode }) {
  return (
    <AuditLabelsProvider labels={auditLabels}>
      <CustomerSectionsProvider sections={customerSections}>
        <CustomerActionsProvider actions={customerActions}>
          <CustomerPanelsProvider panels={customerPanels}>
            <PolicyActionsProvider actions={policyActions}>
              <PolicyPanelsProvider panels={policyPanels}>
                <QuoteActionsProvider actions={quoteActions}>{children}</QuoteActionsProvider>
              </PolicyPanelsProvider>
            </PolicyActionsProvider>
          </CustomerPanelsProvider>
        </CustomerActionsProvider>
      </CustomerSectionsProvider>
    </AuditLabelsProvider>
  );
}
