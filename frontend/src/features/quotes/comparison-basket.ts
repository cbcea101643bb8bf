// The comparison basket: up to four option sets the agent put aside for one customer, compared side by
// side with POST /quotes/compare. Kept for the browser tab, per customer.
import { CoverageChoice, RiskDetails, TripDetails } from '@contracts/products';
import { useCallback, useSyncExternalStore } from 'react';
import { z } from 'zod';
import { readStored, writeStored } from './session-storage';

export const MAX_COMPARED = 4;

export const BasketItem = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  currency: z.string(),
  /** null for a trip: its term is the trip. */
  termYears: z.number().int().nullable(),
  trip: TripDetails.optional(),
  /** What the product calls its term ("Premium-paying period" for whole life). */
  termLabel: z.string().optional(),
  coverages: z.array(CoverageChoice),
  risk: RiskDetails,
  /** The coverages' names, for the rows of the comparison. */
  coverageNames: z.record(z.string(), z.string()),
});
export type BasketItem = z.infer<typeof BasketItem>;
const Basket = z.array(BasketItem).max(MAX_COMPARED);

// Not crypto.randomUUID: that needs a secure context, and the console may be served over plain http.
const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const storageKey = (customerId: string) => `policydesk.quote-comparison.${customerId}`;
const EMPTY: BasketItem[] = [];

const cache = new Map<string, BasketItem[]>();
const listeners = new Set<() => void>();

function read(customerId: string): BasketItem[] {
  let items = cache.get(customerId);
  if (!items) {
    items = readStored(storageKey(customerId), Basket) ?? EMPTY;
    cache.set(customerId, items);
  }
  return items;
}

function write(customerId: string, items: BasketItem[]): void {
  cache.set(customerId, items);
  writeStored(storageKey(customerId), items.length ? items : undefined);
  listeners.forEach((listener) => listener());
}

/** What makes two option sets the same: the product and the choices, not when they were added. */
export function optionKey(item: Pick<BasketItem, 'productId' | 'termYears' | 'coverages' | 'risk' | 'trip'>): string {
  return JSON.stringify([item.productId, item.termYears, item.coverages, item.risk, item.trip ?? null]);
}

export function useComparisonBasket(customerId: string) {
  const items = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => read(customerId),
  );
  const add = useCallback(
    (item: Omit<BasketItem, 'id'>) => {
      const current = read(customerId);
      if (current.length >= MAX_COMPARED || current.some((i) => optionKey(i) === optionKey(item))) return;
      write(customerId, [...current, { ...item, id: newId() }]);
    },
    [customerId],
  );
  const remove = useCallback(
    (id: string) =>
      write(
        customerId,
        read(customerId).filter((i) => i.id !== id),
      ),
    [customerId],
  );
  const clear = useCallback(() => write(customerId, EMPTY), [customerId]);
  const contains = useCallback((item: Pick<BasketItem, 'productId' | 'termYears' | 'coverages' | 'risk' | 'trip'>) => items.some((i) => optionKey(i) === optionKey(item)), [items]);
  return { items, add, remove, clear, contains, full: items.length >= MAX_COMPARED };
}
