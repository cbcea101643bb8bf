import type { PolicyListQuery, PolicySort } from '@contracts/policies';

export type PolicyCriteria = Omit<PolicyListQuery, 'limit' | 'cursor' | 'sort'> & { sort?: PolicySort };

export const policyKeys = {
  all: ['policies'] as const,
  lists: () => [...policyKeys.all, 'list'] as const,
  list: (criteria: PolicyCriteria) => [...policyKeys.lists(), criteria] as const,
  detail: (id: string) => [...policyKeys.all, 'detail', id] as const,
  /** Under the detail key: invalidating a policy refreshes its changes and versions too. */
  transactions: (id: string) => [...policyKeys.detail(id), 'transactions'] as const,
  versions: (id: string) => [...policyKeys.detail(id), 'versions'] as const,
  /** The grace and lapse worklists. */
  standing: (list: string) => [...policyKeys.all, 'standing', list] as const,
};
