import type { Permission } from '@contracts/permissions';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

// The shapes a feature declares its pages and menu entries in; app/features.ts lists the features and
// app/router.tsx and app/navigation.ts are built from them.

/** A page under the logged-in layout. With `permission`, users without it see "not available for your role". */
export interface FeatureRoute {
  path?: string;
  index?: boolean;
  permission?: Permission;
  element: ReactNode;
  /** Names the route so other features can add children to it (their `childRoutes`), e.g. tabs of the customer page. */
  id?: string;
  children?: FeatureRoute[];
}

/** One entry of the main navigation (and the home page's sections, and the spotlight's pages). */
export interface NavigationEntry {
  label: string;
  to: string;
  icon: Icon;
  /** Permission the user needs to see the entry, as listed by GET /api/auth/me. */
  permission?: Permission;
}
