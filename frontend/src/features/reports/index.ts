import { IconFileSpreadsheet } from '@tabler/icons-react';
import type { AuditLabels } from '@/features/audit';
import type { FeatureRoute, NavigationEntry } from '@/lib/feature';
import { lazyComponent, lazyPage } from '@/lib/lazy-page';

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
  {
    path: 'reports/builder',
    // Any logged-in user: the builder offers only the datasets the user may report on.
    element: lazyPage(
      () => import('./pages/report-builder'),
      (m) => m.ReportBuilderPage,
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
    'custom_report.create': 'Custom report saved',
    'custom_report.update': 'Custom report changed',
    'custom_report.delete': 'Custom report deleted',
  },
  entities: { report_export: 'Report export', report_schedule: 'Report schedule', custom_report: 'Custom report' },
};

/** Standard reports and their exports (issue 18). */
export const reportsFeature = {
  routes: reportsRoutes,
  navigation: [{ label: 'Reports', to: '/reports', icon: IconFileSpreadsheet, anyPermission: REPORT_PERMISSIONS }] satisfies NavigationEntry[],
  auditLabels: reportsAuditLabels,
  // A customer's personal data is exported like a report (a ZIP, issue 22), from the customer.
  customerActions: [
    lazyComponent(
      () => import('./components/ExportPersonalDataButton'),
      (m) => m.ExportPersonalDataButton,
    ),
  ],
};
