import { IconFileSpreadsheet } from '@tabler/icons-react';
import type { AuditLabels } from '@/features/audit';
import type { FeatureRoute, NavigationEntry } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

/**
 * Who sees the menu entry: the permissions the registered reports need (each report runs with its
 * module's read permission). A module that registers a report with another permission adds it here.
 */
export const REPORT_PERMISSIONS = ['audit:read', 'billing:read', 'claims:read', 'policies:read'] as const;

const reportsRoutes: FeatureRoute[] = [
  {
    path: 'reports',
    // Any logged-in user: the page lists only the reports the user may run (none: it says so).
    element: lazyPage(
      () => import('./pages/reports'),
      (m) => m.ReportsPage,
    ),
  },
];

const reportsAuditLabels: AuditLabels = {
  actions: {
    'report_export.request': 'Report export requested',
    'report_export.complete': 'Report exported',
    'report_schedule.create': 'Report scheduled',
    'report_schedule.update': 'Report schedule changed',
    'report_schedule.delete': 'Report schedule deleted',
  },
  entities: { report_export: 'Report export', report_schedule: 'Report schedule' },
};

/** Standard reports and their exports (issue 18). */
export const reportsFeature = {
  routes: reportsRoutes,
  navigation: [{ label: 'Reports', to: '/reports', icon: IconFileSpreadsheet, anyPermission: REPORT_PERMISSIONS }] satisfies NavigationEntry[],
  auditLabels: reportsAuditLabels,
};
