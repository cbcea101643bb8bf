import { IconBuilding } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { branchesAuditLabels } from './audit-labels';
import { branchesRoutes } from './routes';

/** Branches: the list other features pick from and name ids by, and the agents working in each. */
export const branchesFeature = {
  routes: branchesRoutes,
  navigation: [{ label: 'Branches', to: '/branches', icon: IconBuilding, permission: 'branches:read' }] satisfies NavigationEntry[],
  auditLabels: branchesAuditLabels,
};

export { branchAgentsQueryOptions, useBranchAgents } from './api/get-branch-agents';
export { useBranches } from './api/get-branches';
export { branchNames, branchOptions } from './branch-options';
export type { BranchOption } from './branch-options';
