import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const examsRoutes: FeatureRoute[] = [
  {
    path: 'exams',
    permission: 'exams:manage',
    element: lazyPage(
      () => import('./pages/exams'),
      (m) => m.ExamsPage,
    ),
  },
];
