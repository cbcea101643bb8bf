import type { UserListQuery } from '@contracts/identity';
import type { z } from 'zod';
import { isRole } from '@/lib/auth/is-role';
import { queryString } from '@/lib/query-string';

/** The list's filters as the API takes them (active is "true" / "false" in the query string). */
export type UserListFilter = Omit<z.input<typeof UserListQuery>, 'limit' | 'cursor'>;

/** The users page keeps its filters in the URL, so "back" from a user returns to the same list. */
export function readUserFilter(params: URLSearchParams): UserListFilter {
  const filter: UserListFilter = {};
  const q = params.get('q');
  const role = params.get('role');
  const branchId = params.get('branchId');
  const active = params.get('active');
  if (q) filter.q = q;
  if (isRole(role)) filter.role = role;
  if (branchId) filter.branchId = branchId;
  if (active === 'true' || active === 'false') filter.active = active;
  return filter;
}

export function userFilterParams(filter: UserListFilter): string {
  return queryString({ ...filter });
}
