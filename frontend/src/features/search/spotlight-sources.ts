import type { ReactNode } from 'react';

/** One search hit; choosing it opens `to`. */
export interface SpotlightItem {
  id: string;
  label: string;
  description?: string;
  to: string;
  leftSection?: ReactNode;
}

/** Something the global search can look in, e.g. customers by name, number or email. Features declare theirs
 *  (`spotlightSources`); the spotlight queries every source the user may use. */
export interface SpotlightSource {
  id: string;
  /** Group heading above this source's results. */
  label: string;
  /** Permission the user needs for this source to be searched at all. */
  permission?: string;
  search: (query: string, signal: AbortSignal) => Promise<SpotlightItem[]>;
}
