const MONTHS = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "November 2026" for 2026-11. */
export const monthLabel = (month: string) => MONTHS.format(new Date(`${month}-01T00:00:00Z`));

/**
 * The figure a premium register link names (`/api/finance/entries?kind=…&currency=…&from=…&to=…`,
 * with `productId` and `sourceTypes`), for the entries dialog; null for anything else.
 */
export function figureOfLink(link: string): { kind: string; currency: string; from: string; to: string; productId?: string; sourceTypes?: string } | null {
  const [path, search] = link.split('?');
  if (path !== '/api/finance/entries' || !search) return null;
  const q = new URLSearchParams(search);
  const [kind, currency, from, to] = ['kind', 'currency', 'from', 'to'].map((k) => q.get(k));
  if (!kind || !currency || !from || !to) return null;
  const productId = q.get('productId');
  const sourceTypes = q.get('sourceTypes');
  return { kind, currency, from, to, ...(productId ? { productId } : {}), ...(sourceTypes ? { sourceTypes } : {}) };
}

/** The default range of the premium register: the last three months listed (newest first), oldest to newest. */
export function defaultRegisterRange(monthsNewestFirst: string[]): { from: string; to: string } | null {
  if (!monthsNewestFirst.length) return null;
  return { from: monthsNewestFirst[Math.min(2, monthsNewestFirst.length - 1)]!, to: monthsNewestFirst[0]! };
}
