import { IconHome } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { features } from './features';

export type { NavigationEntry } from '@/lib/feature';

/** The console's sections in menu order: home, then each feature's entries in the order of app/features.tsx.
 *  The navbar, the home page and the spotlight show the ones the user may open. */
export const navigation: NavigationEntry[] = [{ label: 'Home', to: '/', icon: IconHome }, ...features.flatMap((feature) => feature.navigation ?? [])];
