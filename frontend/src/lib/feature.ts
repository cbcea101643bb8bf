import type { Role } from '@contracts/auth';
import type { Permission } from '@contracts/permissions';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ListCount } from './list-count';

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
  /** Or: any one of these (the reports page, for whoever may run some report). */
  anyPermission?: readonly Permission[];
}

/** Whether the menu shows the entry to a user with `can`. */
export function mayOpen(entry: NavigationEntry, can: (permission: string) => boolean): boolean {
  if (entry.permission && !can(entry.permission)) return false;
  return !entry.anyPermission || entry.anyPermission.some((p) => can(p));
}

/** What a count on the home page reads: the figure once loaded, or why not. */
export interface TileCount {
  data?: ListCount;
  isPending: boolean;
  error: Error | null;
  refetch: () => unknown;
}

/** One figure of "waiting for you today" on the home page: a count that opens the list it counts. */
export interface HomeTile {
  /** Stable key; also names the tile for tests. */
  id: string;
  label: string;
  /** Where the count opens: the list, filtered to what was counted. */
  to: string;
  /** The home page shows the tile to users with this permission. */
  permission: Permission;
  /** Only for these roles: a figure that is one role's concern (e.g. the branch's week, for managers). */
  roles?: readonly Role[];
  /** A hook reading the count from the API (a capped list: exact, or "more than 100"). */
  useCount: () => TileCount;
  /** A count above zero that needs attention (overdue, high priority) is shown in red. */
  urgent?: boolean;
}
