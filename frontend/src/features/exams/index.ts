import { IconStethoscope } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { examsAuditLabels } from './audit-labels';
import { examsHomeTiles } from './home-tiles';
import { examsRoutes } from './routes';

/** Medical exams: the worklist, and the exams panel of an application. */
export const examsFeature = {
  routes: examsRoutes,
  navigation: [{ label: 'Exams', to: '/exams', icon: IconStethoscope, permission: 'exams:manage' }] satisfies NavigationEntry[],
  auditLabels: examsAuditLabels,
  homeTiles: examsHomeTiles,
};

export { OrderExams } from './components/OrderExams';
export { EXAM_STATUS_LABELS } from './exam-labels';
