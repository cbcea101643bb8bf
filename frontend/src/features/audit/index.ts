import { IconHistory } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { auditAuditLabels } from './audit-labels';
import { auditRoutes } from './routes';

/** The audit trail: its page, and the history panel and labels registry every other feature uses. */
export const auditFeature = {
  routes: auditRoutes,
  navigation: [{ label: 'Audit', to: '/audit', icon: IconHistory, permission: 'audit:read' }] satisfies NavigationEntry[],
  auditLabels: auditAuditLabels,
};

export { mergeAuditLabels } from './audit-labels';
export type { AuditLabels, AuditVocabulary } from './audit-labels';
export { AuditLabelsProvider } from './audit-labels-context';
export type { ChangeContext } from './change-format';
export { HistoryPanel } from './components/HistoryPanel';
