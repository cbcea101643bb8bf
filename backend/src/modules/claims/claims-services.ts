// The claims use cases wired together, once: by the module's setup and by the demo seed, so both
// run the same code on the same dependencies.
import { ClaimDocuments } from './claim-documents';
import { ClaimFastTrack } from './claim-fast-track';
import { ClaimInformationRequests } from './claim-information-requests';
import { ClaimMessages } from './claim-messages';
import { ClaimPayments } from './claim-payments';
import { ClaimReads } from './claim-reads';
import { ClaimReferrals } from './claim-referrals';
import { ClaimReserves } from './claim-reserves';
import type { Db } from '../../db';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { SharedServices } from '../shared-services';
import type { ClaimsDeps } from './claim-state';
import { ClaimsService } from './claims.service';

type Needs = Pick<SharedServices, Exclude<keyof ClaimsDeps, 'db' | 'clock'>>;

export function createClaimsServices(db: Db, clock: Clock, services: Needs, logger?: Logger) {
  const deps: ClaimsDeps = {
    db,
    clock,
    audit: services.audit,
    policyFacts: services.policyFacts,
    policyEndings: services.policyEndings,
    quotes: services.quotes,
    billing: services.billing,
    approvalLimits: services.approvalLimits,
    agents: services.agents,
    customerProfiles: services.customerProfiles,
    documents: services.documents,
    idempotency: services.idempotency,
    notifications: services.notifications,
    systemUsers: services.systemUsers,
  };
  const reads = new ClaimReads(deps);
  const reserves = new ClaimReserves(deps, reads);
  const messages = new ClaimMessages(deps);
  const informationRequests = new ClaimInformationRequests(deps, messages);
  const referrals = new ClaimReferrals(deps, reads, reserves, informationRequests);
  const claims = new ClaimsService(deps, reads, reserves, referrals, messages, informationRequests);
  const payments = new ClaimPayments(deps, reserves);
  // Fast-track pays an admitted claim through the same use cases, right after its submission commits.
  const fastTrack = new ClaimFastTrack(deps, claims, payments, reads, logger);
  claims.bindFastTrack(fastTrack);
  return {
    reads,
    reserves,
    referrals,
    claims,
    payments,
    fastTrack,
    documents: new ClaimDocuments(deps, reads),
    informationRequests,
  };
}

export type ClaimsServices = ReturnType<typeof createClaimsServices>;
