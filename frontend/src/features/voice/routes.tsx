import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const voiceRoutes: FeatureRoute[] = [
  {
    path: 'phone-lines',
    permission: 'phone-lines:read',
    element: lazyPage(
      () => import('./pages/phone-lines'),
      (m) => m.PhoneLinesPage,
    ),
  },
  {
    path: 'phone-lines/:id',
    permission: 'phone-lines:read',
    element: lazyPage(
      () => import('./pages/phone-line'),
      (m) => m.PhoneLinePage,
    ),
  },
];
