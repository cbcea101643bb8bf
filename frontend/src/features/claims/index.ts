import { IconLifebuoy } from '@tabler/icons-react';
import type { AuditLabels } from '@/features/audit';
import type { NavigationEntry } from '@/lib/feature';
import { lazyComponent } from '@/lib/lazy-page';
import { claimPath } from './claim-labels';
import { claimsHomeTiles } from './home-tiles';
import { claimsOverviewSection } from './overview-section';
import { claimsRoutes } from './routes';

const claimsAuditLabels: AuditLabels = {
  actions: {
    'claim.create': 'Claim reported',
    'claim.transition': 'Claim status changed',
    'claim.assign': 'Claim assigned',
    'claim.note': 'Claim note added',
    'claim.reserve_change': 'Claim reserve changed',
    'claim.reserve_decide': 'Claim reserve change decided',
    'claim.assess': 'Claim assessed',
    'claim.approve': 'Claim approval given',
    'claim.pay': 'Claim paid',
    'claim.refer': 'Claim referred for fraud indicators',
    'claim.referral_decide': 'Claim fraud referral decided',
    'claim.fast_track': 'Claim weighed for fast-track',
    'claim.fast_track_sample': 'Fast-tracked claim sampled for review',
    'claim.fast_track_review': 'Fast-tracked claim reviewed',
    'claim.information_request': 'Information requested from the claimant',
    'claim.information_received': 'Requested information received',
    'claim.information_cancel': 'Request for information cancelled',
  },
  entities: { claim: 'Claim' },
  links: { claim: { path: claimPath, permission: 'claims:read' } },
};

export { claimPath } from './claim-labels';
export { LOSS_TYPE_LABELS as CLAIM_LOSS_TYPE_LABELS, CLAIM_STATUS_LABELS } from './claim-labels';

/** Claims: the adjusters' worklist, a claim's page with its actions, and the first notice of loss. */
export const claimsFeature = {
  routes: claimsRoutes,
  navigation: [{ label: 'Claims', to: '/claims', icon: IconLifebuoy, permission: 'claims:read' }] satisfies NavigationEntry[],
  auditLabels: claimsAuditLabels,
  homeTiles: claimsHomeTiles,
  customerSections: [claimsOverviewSection],
  policyActions: [
    lazyComponent(
      () => import('./components/ReportClaimButton'),
      (m) => m.ReportClaimFromPolicy,
    ),
  ],
  policyPanels: [
    lazyComponent(
      () => import('./components/PolicyClaimsPanel'),
      (m) => m.PolicyClaimsPanel,
    ),
  ],
  customerActions: [
    lazyComponent(
      () => import('./components/ReportClaimButton'),
      (m) => m.ReportClaimFromCustomer,
    ),
  ],
};
