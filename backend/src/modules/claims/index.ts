// The claims module (issue 13): first notice of loss with its coverage check, the lifecycle,
// assignment, investigation notes (and requests for information to the claimant) and reserves
// posted to the ledger.
import { CLAIMS_AUDIT_ACTIONS, CLAIMS_ERROR_CODES, CLAIMS_PERMISSIONS } from '../../contracts/claims';
import { defineModule } from '../../platform/module';
import { numbersOf, unsettledClaimsOfPolicy } from './claims.repository';
import { registerClaimRoutes } from './claims.routes';
import { claimsCustomerExtensions } from './customer-extensions';
import { createClaimsServices } from './claims-services';

export const claimsModule = defineModule({
  name: 'claims',
  permissions: CLAIMS_PERMISSIONS,
  auditActions: CLAIMS_AUDIT_ACTIONS,
  errorCodes: CLAIMS_ERROR_CODES,
  requires: ['audit', 'policyFacts', 'policyEndings', 'lapseGuards', 'quotes', 'billing', 'approvalLimits', 'agents', 'customerProfiles', 'documents', 'notifications'],
  setup: ({ db, clock, services }) => {
    services.audit.registerRecordNumbers('claim', numbersOf);
    // A claim's documents are read by whoever may read the claim.
    services.documents.registerOwner('claim', { readPermission: 'claims:read' });
    // A policy with a claim not yet settled does not lapse unattended: a manager decides.
    services.lapseGuards.register({
      name: 'claims',
      reasons: async (db, policyId) => (await unsettledClaimsOfPolicy(db, policyId)).map((c) => `${c.claim_number}: an open claim (${c.status.replaceAll('_', ' ')})`),
    });
    return createClaimsServices(db, clock, services);
  },
  customerExtensions: ({ clock, config }) => claimsCustomerExtensions(clock, config.baseCurrency),
  register: registerClaimRoutes,
});
