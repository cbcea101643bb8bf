import { OverdueListQuery, type OverdueSort } from '@contracts/billing';
import type { z } from 'zod';

/** What the worklist asks for, without the paging; only the filters that are set (the default sort is left out). */
export type OverdueCriteria = Partial<Pick<OverdueListQuery, 'daysFrom' | 'daysTo' | 'amountMin' | 'productId' | 'branchId' | 'customerId' | 'q'>> & { sort?: OverdueSort };

export const DEFAULT_OVERDUE_SORT: OverdueSort = '-daysPastDue';

export const OVERDUE_SORT_LABELS: Record<OverdueSort, string> = {
  '-daysPastDue': 'Most days past due',
  daysPastDue: 'Fewest days past due',
  '-amount': 'Largest amount',
  amount: 'Smallest amount',
};

/** Days-past-due bands agents work by; each is a daysFrom/daysTo pair. */
export const DAY_BANDS = [
  { value: '1-30', label: '1–30 days', daysFrom: 1, daysTo: 30 },
  { value: '31-60', label: '31–60 days', daysFrom: 31, daysTo: 60 },
  { value: '61-90', label: '61–90 days', daysFrom: 61, daysTo: 90 },
  { value: '91-', label: 'More than 90 days', daysFrom: 91, daysTo: undefined },
] as const;

/** The band the criteria's days match, 'custom' for other values (from a shared link), or null for none. */
export function dayBandOf(criteria: OverdueCriteria): string | null {
  if (criteria.daysFrom === undefined && criteria.daysTo === undefined) return null;
  return DAY_BANDS.find((b) => b.daysFrom === criteria.daysFrom && b.daysTo === criteria.daysTo)?.value ?? 'custom';
}

const shape = OverdueListQuery.shape;
function read<S extends z.ZodType>(schema: S, value: string | null): z.output<S> | undefined {
  const parsed = schema.safeParse(value || undefined);
  return parsed.success ? parsed.data : undefined;
}

/** Filters from the page address; a value the API would refuse is dropped (days to below days from: the upper bound). */
export function readOverdueCriteria(params: URLSearchParams): OverdueCriteria {
  const criteria: OverdueCriteria = {
    daysFrom: read(shape.daysFrom, params.get('daysFrom')),
    daysTo: read(shape.daysTo, params.get('daysTo')),
    amountMin: read(shape.amountMin, params.get('amountMin')),
    productId: read(shape.productId, params.get('productId')),
    branchId: read(shape.branchId, params.get('branchId')),
    customerId: read(shape.customerId, params.get('customerId')),
    q: read(shape.q, params.get('q')),
    sort: read(shape.sort, params.get('sort')),
  };
  if (criteria.daysFrom !== undefined && criteria.daysTo !== undefined && criteria.daysFrom > criteria.daysTo) criteria.daysTo = undefined;
  if (criteria.sort === DEFAULT_OVERDUE_SORT) criteria.sort = undefined;
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined)) as OverdueCriteria;
}
