// The policies module: issues the policy of an approved order (for orders), policy reads and lists,
// and the customer's policies in the 360° view.
import { POLICIES_AUDIT_ACTIONS, POLICIES_ERROR_CODES, POLICIES_PERMISSIONS } from '../../contracts/policies';
import { defineModule } from '../../platform/module';
import { policiesCustomerExtensions } from './customer-extensions';
import { registerPolicyRoutes } from './policies.routes';
import { numbersOf } from './policies.repository';
import { PoliciesService } from './policies.service';
import { PolicyIssuer } from './policy-issuer';

export interface PoliciesServices {
  /** Issues the policy of an approved order inside the approval's transaction. */
  policies: PolicyIssuer;
}

export const policiesModule = defineModule({
  name: 'policies',
  permissions: POLICIES_PERMISSIONS,
  auditActions: POLICIES_AUDIT_ACTIONS,
  errorCodes: POLICIES_ERROR_CODES,
  requires: ['audit', 'customerProfiles', 'billing'],
  provides: {
    policies: ({ clock, services }) => new PolicyIssuer(clock, services.audit, services.customerProfiles, services.billing),
  },
  setup: ({ db, clock, config, services }) => {
    services.audit.registerRecordNumbers('policy', numbersOf);
    return new PoliciesService(db, clock, services.customerProfiles, config.baseCurrency, services.audit);
  },
  customerExtensions: (_ctx, policies) => policiesCustomerExtensions(policies),
  register: registerPolicyRoutes,
});
