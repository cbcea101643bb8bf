import { CLAIM_DEFAULT_SORT, CLAIM_SORTS, CLAIM_STATUSES, ClaimListQuery, REFERRAL_STATUSES } from '@contracts/claims';
import { sortEnum } from '@contracts/common';
import { Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { FilterBar } from '@/components/FilterBar';
import { ListPage, loadedItems } from '@/components/ListPage';
import type { ClaimCriteria } from '@/features/claims/api/claim-keys';
import { useClaims } from '@/features/claims/api/get-claims';
import { CLAIM_STATUS_LABELS, REFERRAL_STATUS_LABELS } from '@/features/claims/claim-labels';
import { ClaimsTable } from '@/features/claims/components/ClaimsTable';
import { queryString } from '@/lib/query-string';

const STATUS_OPTIONS = CLAIM_STATUSES.map((value) => ({ value, label: CLAIM_STATUS_LABELS[value] }));
const REFERRAL_OPTIONS = REFERRAL_STATUSES.map((value) => ({ value, label: REFERRAL_STATUS_LABELS[value] }));
const COVERAGE_OPTIONS = [
  { value: 'true', label: 'Coverage doubtful' },
  { value: 'false', label: 'Coverage checked' },
];
const SORT_OPTIONS = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first (by age)' },
];
const claimSort = sortEnum(CLAIM_SORTS);
/** One filter for the fast-track outcome and the daily review sample. */
const FAST_TRACK_OPTIONS = [
  { value: 'paid', label: 'Paid straight through' },
  { value: 'refused', label: 'Not fast-tracked' },
  { value: 'review', label: 'In a review sample' },
  { value: 'my-review', label: 'My reviews to do' },
];
function fastTrackChoice(c: ClaimCriteria): string | null {
  if (c.fastTrackReview === 'pending') return c.fastTrackReviewer === 'me' ? 'my-review' : 'review';
  return c.fastTrack ?? null;
}
function fastTrackCriteria(choice: string | null): Partial<ClaimCriteria> {
  const none = { fastTrack: undefined, fastTrackReview: undefined, fastTrackReviewer: undefined };
  if (choice === 'paid' || choice === 'refused') return { ...none, fastTrack: choice };
  if (choice === 'review') return { ...none, fastTrackReview: 'pending' };
  if (choice === 'my-review') return { ...none, fastTrackReview: 'pending', fastTrackReviewer: 'me' };
  return none;
}
const ASSIGNEE_OPTIONS = [
  { value: 'me', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
];

function readCriteria(params: URLSearchParams): ClaimCriteria {
  const shape = ClaimListQuery.shape;
  const value = (key: string) => params.get(key) || undefined;
  const criteria: ClaimCriteria = {
    status: shape.status.safeParse(value('status')).data,
    assignee: shape.assignee.safeParse(value('assignee')).data,
    policyId: shape.policyId.safeParse(value('policyId')).data,
    customerId: shape.customerId.safeParse(value('customerId')).data,
    referral: shape.referral.safeParse(value('referral')).data,
    coverageDoubtful: shape.coverageDoubtful.safeParse(value('coverageDoubtful')).data,
    fastTrack: shape.fastTrack.safeParse(value('fastTrack')).data,
    fastTrackReview: shape.fastTrackReview.safeParse(value('fastTrackReview')).data,
    fastTrackReviewer: shape.fastTrackReviewer.safeParse(value('fastTrackReviewer')).data,
    sort: claimSort.safeParse(value('sort')).data,
  };
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined));
}

/** /claims — the claims of the user's branches, newest first. */
export function ClaimsPage() {
  const [params, setParams] = useSearchParams();
  const criteria = readCriteria(params);
  const query = useClaims(criteria);
  const set = (changes: Partial<ClaimCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const filtered = Object.keys(criteria).some((key) => key !== 'sort');
  return (
    <ListPage
      title="Claims"
      description="Claims reported on policies of your branches, newest first (or the oldest, by age): an adjuster’s worklist with “Mine” or “Unassigned”, the age of open claims and those whose coverage is doubtful (an adjuster gets those at submission)."
      filters={
        <FilterBar filtered={filtered} onClear={() => setParams('', { replace: true })}>
          <Select
            label="Status"
            placeholder="Any"
            w={200}
            clearable
            data={STATUS_OPTIONS}
            value={criteria.status ?? null}
            onChange={(v) => set({ status: (v as ClaimCriteria['status']) ?? undefined })}
          />
          <Select
            label="Adjuster"
            placeholder="Anyone"
            w={160}
            clearable
            data={ASSIGNEE_OPTIONS}
            value={criteria.assignee ?? null}
            onChange={(v) => set({ assignee: (v as ClaimCriteria['assignee']) ?? undefined })}
          />
          <Select
            label="Fraud referral"
            placeholder="Any"
            w={210}
            clearable
            data={REFERRAL_OPTIONS}
            value={criteria.referral ?? null}
            onChange={(v) => set({ referral: (v as ClaimCriteria['referral']) ?? undefined })}
          />
          <Select
            label="Coverage"
            placeholder="Any"
            w={190}
            clearable
            data={COVERAGE_OPTIONS}
            value={criteria.coverageDoubtful === undefined ? null : String(criteria.coverageDoubtful)}
            onChange={(v) => set({ coverageDoubtful: v === null ? undefined : v === 'true' })}
          />
          <Select label="Fast-track" placeholder="Any" w={200} clearable data={FAST_TRACK_OPTIONS} value={fastTrackChoice(criteria)} onChange={(v) => set(fastTrackCriteria(v))} />
          <Select
            label="Order"
            w={200}
            data={SORT_OPTIONS}
            value={criteria.sort ?? CLAIM_DEFAULT_SORT}
            allowDeselect={false}
            onChange={(v) => set({ sort: !v || v === CLAIM_DEFAULT_SORT ? undefined : (v as ClaimCriteria['sort']) })}
          />
        </FilterBar>
      }
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading claims…"
      empty={
        filtered
          ? { title: 'No claims match', description: 'Clear a filter to see more.' }
          : { title: 'No claims yet', description: 'A claim is recorded when a loss is reported on a policy.' }
      }
    >
      {(claims) => <ClaimsTable claims={claims} />}
    </ListPage>
  );
}
