import { IconArrowsExchange, IconReportMoney } from '@tabler/icons-react';
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
  {
    path: 'finance/reconciliation',
    permission: 'finance:reconcile',
    element: lazyPage(
      () => import('./pages/reconciliation'),
      (m) => m.ReconciliationPage,
    ),
  },
];

const financeAuditLabels: AuditLabels = {
  actions: {
    'period.close': 'Month closed',
    'period.reopen': 'Month reopened',
    'statement.upload': 'Bank statement uploaded',
    'statement_line.match': 'Statement line matched',
    'statement_line.explain': 'Statement line explained',
  },
  entities: { accounting_period: 'Accounting period', bank_statement: 'Bank statement', bank_statement_line: 'Bank statement line' },
};

/** The monthly close, the trial balance and payout reconciliation (issue 20). */
export const financeFeature = {
  routes: financeRoutes,
  navigation: [
    { label: 'Finance', to: '/finance', icon: IconReportMoney, permission: 'finance:read' },
    { label: 'Reconciliation', to: '/finance/reconciliation', icon: IconArrowsExchange, permission: 'finance:reconcile' },
  ] satisfies NavigationEntry[],
  auditLabels: financeAuditLabels,
};
