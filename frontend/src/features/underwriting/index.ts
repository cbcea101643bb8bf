import { IconClipboardCheck } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { underwritingHomeTiles } from './home-tiles';
import { underwritingRoutes } from './routes';

/** The underwriting queue and the application's review and decision. */
export const underwritingFeature = {
  routes: underwritingRoutes,
  navigation: [{ label: 'Underwriting', to: '/underwriting', icon: IconClipboardCheck, permission: 'orders:underwrite' }] satisfies NavigationEntry[],
  homeTiles: underwritingHomeTiles,
};
