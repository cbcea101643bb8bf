import { IconHourglassLow, IconRefresh, IconShieldCheck } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { policiesAuditLabels } from './audit-labels';
import { policiesHomeTiles } from './home-tiles';
import { policiesOverviewSection } from './overview-section';
import { policiesRoutes } from './routes';

/** Issued policies: the list, a policy's page, and the policies section of the customer's 360° view. */
export const policiesFeature = {
  routes: policiesRoutes,
  navigation: [
    { label: 'Policies', to: '/policies', icon: IconShieldCheck, permission: 'policies:read' },
    { label: 'Grace and lapse', to: '/policies/standing', icon: IconHourglassLow, permission: 'policies:read' },
    { label: 'Renewals due', to: '/policies/renewals', icon: IconRefresh, permission: 'policies:read' },
  ] satisfies NavigationEntry[],
  auditLabels: policiesAuditLabels,
  customerSections: [policiesOverviewSection],
  homeTiles: policiesHomeTiles,
};

export { policyPath } from './policy-paths';
export { POLICY_STATUS_LABELS } from './policy-labels';
export { ReferredChangesPanel } from './components/ReferredChangesPanel';
export { usePolicy } from './api/get-policy';
export { usePolicies } from './api/get-policies';
export { PolicyActionsProvider, PolicyPanelsProvider } from './policy-actions';
export type { PolicyAction, PolicyActionProps, PolicyPanel } from './policy-actions';
