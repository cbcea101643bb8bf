import { IconScale } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { approvalLimitsAuditLabels } from './audit-labels';
import { approvalLimitsRoutes } from './routes';

/** Who may approve how much: the limits per role, kind and currency. */
export const approvalLimitsFeature = {
  routes: approvalLimitsRoutes,
  navigation: [{ label: 'Approval limits', to: '/approval-limits', icon: IconScale, permission: 'approval-limits:read' }] satisfies NavigationEntry[],
  auditLabels: approvalLimitsAuditLabels,
};
