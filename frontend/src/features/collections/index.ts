import { IconCashBanknote } from '@tabler/icons-react';
import type { AuditLabels } from '@/features/audit';
import type { FeatureRoute, NavigationEntry } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

const collectionsRoutes: FeatureRoute[] = [
  {
    path: 'collections',
    permission: 'collections:read',
    element: lazyPage(
      () => import('./pages/collections'),
      (m) => m.CollectionsPage,
    ),
  },
];

const collectionsAuditLabels: AuditLabels = {
  actions: {
    'dunning_plan.update': 'Dunning plan changed',
    'promise.create': 'Promise to pay taken',
    'promise.kept': 'Promise to pay kept',
    'promise.broken': 'Promise to pay broken',
  },
  entities: { dunning_plan: 'Dunning plan', payment_promise: 'Promise to pay' },
};

/** The collections worklist and promises to pay (issue 20). */
export const collectionsFeature = {
  routes: collectionsRoutes,
  navigation: [{ label: 'Collections', to: '/collections', icon: IconCashBanknote, permission: 'collections:read' }] satisfies NavigationEntry[],
  auditLabels: collectionsAuditLabels,
};
