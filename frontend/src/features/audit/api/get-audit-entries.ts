import { AuditPage } from '@contracts/identity';
import type { AuditEntry } from '@contracts/identity';
import type { Page } from '@contracts/common';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import type { AuditFilterValues } from '../audit-filter';
import { auditKeys } from '@/lib/audit-keys';

export function getAuditEntries(filter: AuditFilterValues, page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return api.get(`/audit${queryString({ ...filter, ...page })}`, AuditPage, { signal });
}

export const auditEntriesQueryOptions = (filter: AuditFilterValues, pageSize: number) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(filter, pageSize),
    queryFn: ({ pageParam, signal }) => getAuditEntries(filter, { limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Changing a filter keeps the previous rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

/** Newest first, `pageSize` entries per "Load more". */
export function useAuditEntries(filter: AuditFilterValues, { pageSize = 25 }: { pageSize?: number } = {}) {
  return useInfiniteQuery(auditEntriesQueryOptions(filter, pageSize));
}
