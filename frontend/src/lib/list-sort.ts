// Sorting a list by its column headers: the value is the API's `sort` parameter (`field` ascending,
// `-field` descending); the URL keeps it so a sorted list can be shared and reloaded.

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  field: string;
  direction: SortDirection;
}

/** `createdAt` → ascending by createdAt; `-createdAt` → descending. */
export function parseSort(value: string): SortState {
  return value.startsWith('-') ? { field: value.slice(1), direction: 'descending' } : { field: value, direction: 'ascending' };
}

export function formatSort({ field, direction }: SortState): string {
  return direction === 'descending' ? `-${field}` : field;
}

/**
 * The sort after a click on `field`'s header: the other direction when it is the current column;
 * otherwise the column in its natural first direction (`firstDirection`, e.g. newest or largest first).
 */
export function nextSort(current: string, field: string, firstDirection: SortDirection = 'ascending'): string {
  const state = parseSort(current);
  if (state.field !== field) return formatSort({ field, direction: firstDirection });
  return formatSort({ field, direction: state.direction === 'ascending' ? 'descending' : 'ascending' });
}

/** The header's aria-sort: its direction when it is the current column, else none. */
export function ariaSort(current: string, field: string): SortDirection | 'none' {
  const state = parseSort(current);
  return state.field === field ? state.direction : 'none';
}

/** The list's sort from its address: one of `allowed` (both directions), else the default. */
export function readSort<const T extends string>(value: string | null, allowed: readonly T[], defaultSort: T | `-${T}`): T | `-${T}` {
  if (!value) return defaultSort;
  const field = value.replace(/^-/, '');
  return (allowed as readonly string[]).includes(field) ? (value as T | `-${T}`) : defaultSort;
}
