import { IconHome } from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';

export interface NavigationEntry {
  label: string;
  to: string;
  icon: Icon;
  /** Permission the user needs to see the entry, as listed by GET /api/auth/me. */
  permission?: string;
}

/** The console's sections in menu order. Each feature module adds its entry here; the navbar and the
 *  spotlight show the ones the user may open. */
export const navigation: NavigationEntry[] = [{ label: 'Home', to: '/', icon: IconHome }];
