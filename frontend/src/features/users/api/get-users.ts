import { UserPage } from '@contracts/identity';
import type { User } from '@contracts/identity';
import type { Page } from '@contracts/common';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import type { UserListFilter } from '../user-filter';
import { userKeys } from './user-keys';

const PAGE_SIZE = 50;

export function getUsers(filter: UserListFilter, cursor: string | undefined, signal?: AbortSignal): Promise<Page<User>> {
  const query = queryString({ ...filter, q: filter.q?.trim(), limit: PAGE_SIZE, cursor });
  return api.get(`/users${query}`, UserPage, { signal });
}

export const usersQueryOptions = (filter: UserListFilter) =>
  infiniteQueryOptions({
    queryKey: userKeys.list(filter),
    queryFn: ({ pageParam, signal }) => getUsers(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // While the search changes, the previous rows stay until the new ones arrive.
    placeholderData: keepPreviousData,
  });

/** Ordered by name; admins see everyone, managers the users of their branches. */
export function useUsers(filter: UserListFilter) {
  return useInfiniteQuery(usersQueryOptions(filter));
}
