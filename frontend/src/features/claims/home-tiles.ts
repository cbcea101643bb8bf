import { PAGE_LIMIT_MAX } from '@contracts/common';
import { useQuery } from '@tanstack/react-query';
import type { HomeTile } from '@/lib/feature';
import { countOfPage } from '@/lib/list-count';
import { queryString } from '@/lib/query-string';
import { claimKeys } from './api/claim-keys';
import type { ClaimCriteria } from './api/claim-keys';
import { getClaims } from './api/get-claims';
import { CLAIMS_PATH } from './claim-labels';

/** How many claims in the user's branches match: one capped page (under the lists' key, so a change refreshes it). */
export function useClaimCount(criteria: ClaimCriteria) {
  return useQuery({
    queryKey: [...claimKeys.lists(), 'count', criteria],
    queryFn: async ({ signal }) => countOfPage(await getClaims(criteria, { limit: PAGE_LIMIT_MAX }, signal)),
  });
}

const WAITING_FOR_ADJUSTER: ClaimCriteria = { status: 'submitted', assignee: 'unassigned' };
const MINE_UNDER_INVESTIGATION: ClaimCriteria = { status: 'under_investigation', assignee: 'me' };
const REFERRED: ClaimCriteria = { referral: 'open' };
const AWAITING_DECISION: ClaimCriteria = { status: 'assessed' };
const useWaitingForAdjusterCount = () => useClaimCount(WAITING_FOR_ADJUSTER);
const useReferredCount = () => useClaimCount(REFERRED);
const useAwaitingDecisionCount = () => useClaimCount(AWAITING_DECISION);
const useMineUnderInvestigationCount = () => useClaimCount(MINE_UNDER_INVESTIGATION);

/** An adjuster's worklist: new claims nobody has taken yet, and their own investigations; the approval and fraud-referral queues. */
export const claimsHomeTiles: HomeTile[] = [
  {
    id: 'claims-referred',
    label: 'Claims referred for fraud indicators',
    to: `${CLAIMS_PATH}${queryString(REFERRED)}`,
    permission: 'claims:referrals',
    useCount: useReferredCount,
    urgent: true,
  },
  {
    // The approval queue: assessed claims wait for someone whose claim_amount limit covers them (not their assessor).
    id: 'claims-awaiting-decision',
    label: 'Claims waiting for a decision',
    to: `${CLAIMS_PATH}${queryString(AWAITING_DECISION)}`,
    permission: 'claims:decide',
    useCount: useAwaitingDecisionCount,
  },
  {
    id: 'claims-unassigned',
    label: 'Claims waiting for an adjuster',
    to: `${CLAIMS_PATH}${queryString(WAITING_FOR_ADJUSTER)}`,
    permission: 'claims:investigate',
    useCount: useWaitingForAdjusterCount,
    urgent: true,
  },
  {
    id: 'claims-mine-investigating',
    label: 'My claims under investigation',
    to: `${CLAIMS_PATH}${queryString(MINE_UNDER_INVESTIGATION)}`,
    permission: 'claims:investigate',
    useCount: useMineUnderInvestigationCount,
  },
];
