import type { FeatureRoute } from '@/lib/feature';
import { ExamsPage } from './pages/exams';

export const examsRoutes: FeatureRoute[] = [{ path: 'exams', permission: 'exams:manage', element: <ExamsPage /> }];
