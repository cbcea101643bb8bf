import { CustomerFilters } from '@contracts/customers';
import type { CustomerSearchCriteria } from '@contracts/customers';
import type { z } from 'zod';
import { queryString } from '@/lib/query-string';

/** What a customer search asks for, without the paging. */
export type CustomerCriteria = Omit<CustomerSearchCriteria, 'limit' | 'cursor'>;

/** The filters kept in the page's address. The national id is not one of them: it never goes in a URL. */
export type CustomerFilter = Omit<CustomerCriteria, 'nationalId' | 'assignedAgentId'>;

/** The API refuses a search on one character unless another filter narrows it (400 SEARCH_TOO_BROAD). */
export const MIN_SEARCH_LENGTH = 2;
/** National ids shorter than this are not searched (the API's minimum). */
const MIN_NATIONAL_ID_LENGTH = 4;

function read<S extends z.ZodType>(schema: S, value: string | null): z.output<S> | undefined {
  const parsed = schema.safeParse(value || undefined);
  return parsed.success ? parsed.data : undefined;
}

/** Only the filters that are set, so "is anything filtered?" is a key count. */
function setOnly<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== '')) as T;
}

/** Filters from the address; a value the API would refuse (a mistyped date, an unknown status) is dropped. */
export function readCustomerFilter(params: URLSearchParams): CustomerFilter {
  return setOnly({
    q: read(CustomerFilters.q, params.get('q')),
    status: read(CustomerFilters.status, params.get('status')),
    kycStatus: read(CustomerFilters.kycStatus, params.get('kycStatus')),
    branchId: read(CustomerFilters.branchId, params.get('branchId')),
    dateOfBirth: read(CustomerFilters.dateOfBirth, params.get('dateOfBirth')),
    postalCode: read(CustomerFilters.postalCode, params.get('postalCode')),
    sort: read(CustomerFilters.sort, params.get('sort')),
  });
}

export function customerFilterParams(filter: CustomerFilter): string {
  return queryString({ ...filter });
}

/**
 * The criteria to send: a one-character search is held back until the agent types more or adds a
 * filter, instead of asking for an answer the API refuses.
 */
export function searchCriteria(filter: CustomerFilter, nationalId: string): CustomerCriteria {
  const { q: typedQuery, sort, ...filters } = filter;
  const typedId = nationalId.trim();
  const id = typedId.length >= MIN_NATIONAL_ID_LENGTH ? typedId : undefined;
  const narrowed = Object.keys(filters).length > 0 || id !== undefined;
  const query = typedQuery?.trim();
  const q = query && (query.length >= MIN_SEARCH_LENGTH || narrowed) ? query : undefined;
  return setOnly({ ...filters, q, nationalId: id, sort });
}

/** True while the search box holds fewer characters than the API takes on their own. */
export function searchTooShort(filter: CustomerFilter, nationalId: string): boolean {
  const query = filter.q?.trim() ?? '';
  return query.length > 0 && searchCriteria(filter, nationalId).q === undefined;
}
