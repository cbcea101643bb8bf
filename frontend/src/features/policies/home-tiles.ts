import type { HomeTile } from '@/lib/feature';
import { queryString } from '@/lib/query-string';
import { type RenewalCriteria, useRenewalCount } from './api/renewals';

const OFFERED: RenewalCriteria = { status: 'offered' };
const useOfferedRenewalCount = () => useRenewalCount(OFFERED);

/** Those who service policies: renewals the nightly job offered (due within 60 days) that wait for the customer's answer. */
export const policiesHomeTiles: HomeTile[] = [
  {
    id: 'renewals-offered',
    label: 'Renewals awaiting the customer',
    to: `/policies/renewals${queryString(OFFERED)}`,
    permission: 'policies:service',
    useCount: useOfferedRenewalCount,
  },
];
