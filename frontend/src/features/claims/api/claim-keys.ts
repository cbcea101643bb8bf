import type { ClaimListQuery, ClaimSort, CoverageCheckBody } from '@contracts/claims';

export type ClaimCriteria = Omit<ClaimListQuery, 'limit' | 'cursor' | 'sort'> & { sort?: ClaimSort };

export const claimKeys = {
  all: ['claims'] as const,
  lists: () => [...claimKeys.all, 'list'] as const,
  list: (criteria: ClaimCriteria) => [...claimKeys.lists(), criteria] as const,
  detail: (id: string) => [...claimKeys.all, 'detail', id] as const,
  /** Under the detail key: invalidating a claim refreshes its history, notes and reserves too. */
  history: (id: string) => [...claimKeys.detail(id), 'history'] as const,
  notes: (id: string) => [...claimKeys.detail(id), 'notes'] as const,
  reserves: (id: string) => [...claimKeys.detail(id), 'reserves'] as const,
  payments: (id: string) => [...claimKeys.detail(id), 'payments'] as const,
  informationRequests: (id: string) => [...claimKeys.detail(id), 'information-requests'] as const,
  coverageCheck: (body: CoverageCheckBody | null) => [...claimKeys.all, 'coverage-check', body] as const,
  adjusters: (branchId: string) => [...claimKeys.all, 'adjusters', branchId] as const,
};
