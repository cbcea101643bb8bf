/** A count read from a capped list: exact when the list ended within the cap, "more than N" otherwise
 *  (the lists never run count(*): one capped page answers). */
export interface ListCount {
  count: number;
  more: boolean;
}

/** The count of one capped page: more when the API has a next page. */
export function countOfPage(page: { items: readonly unknown[]; nextCursor: string | null }): ListCount {
  return { count: page.items.length, more: page.nextCursor !== null };
}

/** The count of the items that match, in a list capped at `cap` (a full list may hold more that match). */
export function countWhere<T>(items: readonly T[], cap: number, matches: (item: T) => boolean): ListCount {
  return { count: items.filter(matches).length, more: items.length >= cap };
}

/** The figure as shown ("7", "100+") and as read out ("7", "more than 100"). */
export function countText({ count, more }: ListCount): { short: string; long: string } {
  return more ? { short: `${count}+`, long: `more than ${count}` } : { short: String(count), long: String(count) };
}

/** "3 applications", "1 application", "No applications", "More than 100 applications": the line above a list. */
export function resultsText({ count, more }: ListCount, noun: { one: string; other: string }): string {
  if (more) return `More than ${count} ${noun.other}`;
  if (count === 0) return `No ${noun.other}`;
  return `${count} ${count === 1 ? noun.one : noun.other}`;
}
