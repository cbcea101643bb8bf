// The claims module (issue 13): first notice of loss with its coverage check, the lifecycle,
// assignment, investigation notes (and requests for information to the claimant) and reserves
// posted to the ledger; its items in "My work" through the service desk's work sources.
import { CLAIMS_AUDIT_ACTIONS, CLAIMS_ERROR_CODES, CLAIMS_PERMISSIONS } from '../../contracts/claims';
import { addDays } from '../../platform/calendar';
import { defineModule } from '../../platform/module';
import { FAST_TRACK_RETRY_JOB, FAST_TRACK_SAMPLE_JOB } from './claim-fast-track';
import { CLAIMS_KPIS } from './claims-kpis';
import { numbersOf, unsettledClaimsOfPolicy } from './claims.repository';
import { registerClaimRoutes } from './claims.routes';
import { claimsRegisterReport } from './claims-register';
import { claimsCustomerExtensions } from './customer-extensions';
import { createClaimsServices } from './claims-services';
import { claimsWorkSource } from './work-source';
import { claimsDataset } from './claim-dataset';
import { CustomerClaims } from './customer-claims';

export interface ClaimsServices {
  /** A customer's own open claims (the customer portal). */
  customerClaims: CustomerClaims;
}

export const claimsModule = defineModule({
  name: 'claims',
  permissions: CLAIMS_PERMISSIONS,
  auditActions: CLAIMS_AUDIT_ACTIONS,
  errorCodes: CLAIMS_ERROR_CODES,
  requires: [
    'audit',
    'policyFacts',
    'policyEndings',
    'lapseGuards',
    'quotes',
    'billing',
    'approvalLimits',
    'agents',
    'customerProfiles',
    'documents',
    'notifications',
    'workSources',
    'kpis',
    'reports',
    'systemUsers',
  ],
  provides: {
    customerClaims: () => new CustomerClaims(),
  },
  setup: ({ db, clock, config, services, logger }) => {
    services.audit.registerRecordNumbers('claim', numbersOf);
    services.reports.datasets.register(claimsDataset(config.businessTimeZone));
    // A claim's documents are read by whoever may read the claim.
    services.documents.registerOwner('claim', { readPermission: 'claims:read' });
    // A policy with a claim not yet settled does not lapse unattended: a manager decides.
    services.lapseGuards.register({
      name: 'claims',
      reasons: async (db, policyId) => (await unsettledClaimsOfPolicy(db, policyId)).map((c) => `${c.claim_number}: an open claim (${c.status.replaceAll('_', ' ')})`),
    });
    // My work: the claims assigned to the adjuster and the requests for information they follow up.
    services.workSources.register(claimsWorkSource);
    for (const kpi of CLAIMS_KPIS) services.kpis.register(kpi);
    // The claims register, exported by the reports module.
    services.reports.register(claimsRegisterReport);
    return createClaimsServices(db, clock, services, logger);
  },
  jobs: ({ clock }, { fastTrack }) => [
    // Every minute: admitted fast-track claims whose straight-through did not complete (the process died) are finished.
    { name: FAST_TRACK_RETRY_JOB, schedule: '* * * * *', retryLimit: 0, expireInSeconds: 300, handler: async () => void (await fastTrack.retryPending()) },
    // Daily at 06:00: a sample of yesterday's fast-tracked claims goes to adjusters for review (once per date, whoever runs it).
    {
      name: FAST_TRACK_SAMPLE_JOB,
      schedule: '0 6 * * *',
      handler: async (data: { date?: string }) => void (await fastTrack.sampleDay(data.date ?? addDays(clock.businessDate(), -1))),
    },
  ],
  customerExtensions: ({ clock, config }) => claimsCustomerExtensions(clock, config.baseCurrency),
  register: registerClaimRoutes,
});
