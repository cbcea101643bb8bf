import type { AuditFilter } from '@contracts/identity';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { queryString } from '@/lib/query-string';

/** What GET /api/audit and /api/audit/export filter on. */
export type AuditFilterValues = z.infer<typeof AuditFilter>;

/** The audit page's filters as they appear in its URL; dates are whole days (YYYY-MM-DD). */
export interface AuditSearch {
  entityType?: string;
  entityId?: string;
  action?: string;
  fromDate?: string;
  toDate?: string;
}

export function readAuditSearch(params: URLSearchParams): AuditSearch {
  const read = (key: string) => params.get(key)?.trim() || undefined;
  const search: AuditSearch = {
    entityType: read('entityType'),
    entityId: read('entityId'),
    action: read('action'),
    fromDate: read('from'),
    toDate: read('to'),
  };
  // Only the filters that are set, so "is anything filtered?" is a key count.
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined));
}

export function auditSearchParams({ entityType, entityId, action, fromDate, toDate }: AuditSearch): string {
  return queryString({ entityType, entityId, action, from: fromDate, to: toDate });
}

/** Link to the audit page showing one record's trail. */
export function auditPagePath(search: AuditSearch): string {
  return `/audit${auditSearchParams(search)}`;
}

/** Whole local days → the API's instants: from the start of the first day to the start of the day after the last. */
export function toAuditFilter({ fromDate, toDate, ...rest }: AuditSearch): AuditFilterValues {
  const filter: AuditFilterValues = { ...rest };
  if (fromDate && dayjs(fromDate).isValid()) filter.from = dayjs(fromDate).startOf('day').toISOString();
  if (toDate && dayjs(toDate).isValid()) filter.to = dayjs(toDate).add(1, 'day').startOf('day').toISOString();
  return filter;
}
