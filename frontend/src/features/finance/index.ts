import { IconReportMoney } from '@tabler/icons-react';
import type { AuditLabels } from '@/features/audit';
import type { FeatureRoute, NavigationEntry } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

const financeRoutes: FeatureRoute[] = [
  {
    path: 'finance',
    permission: 'finance:read',
    element: lazyPage(
      () => import('./pages/finance'),
      (m) => m.FinancePage,
    ),
  },
];

const financeAuditLabels: AuditLabels = {
  actions: { 'period.close': 'Month closed', 'period.reopen': 'Month reopened' },
  entities: { accounting_period: 'Accounting period' },
};

/** The monthly close and the trial balance (issue 20). */
export const financeFeature = {
  routes: financeRoutes,
  navigation: [{ label: 'Finance', to: '/finance', icon: IconReportMoney, permission: 'finance:read' }] satisfies NavigationEntry[],
  auditLabels: financeAuditLabels,
};
