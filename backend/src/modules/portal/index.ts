// The customer portal (issue 21, first part): customers as an identity realm of their own — portal
// accounts, registration proving who they are, their own tokens (issuer, audience and key of their
// own), and the portal API that reads only the customer's own records through the owning modules'
// services. Provides the platform's `portalAuthenticator`.
import { PORTAL_AUDIT_ACTIONS, PORTAL_ERROR_CODES, PORTAL_PERMISSIONS } from '../../contracts/portal';
import type { Config } from '../../config';
import type { Clock } from '../../platform/clock';
import { defineModule, type CustomerAuthenticator } from '../../platform/module';
import type { Db } from '../../db';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import { PortalAuthService } from './portal-auth.service';
import { createPortalAuthenticator } from './portal-authenticator';
import { registerPortalRoutes } from './portal.routes';
import { PortalService } from './portal.service';
import { PortalTokens } from './portal-tokens';
import { RegistrationService } from './registration.service';

export interface PortalServices {
  /** Portal token → `req.customer` on every /api request. Installed by the platform after identity's. */
  portalAuthenticator: CustomerAuthenticator;
}

function portalAuth(db: Db, clock: Clock, config: Config, audit: AuditService, profiles: CustomerProfiles) {
  if (!config.secrets.jwtSigningKey) throw new Error('The JWT signing key is missing from the configuration');
  return new PortalAuthService(db, clock, new PortalTokens(config.secrets.jwtSigningKey, clock), audit, profiles, config.passwordHashCost);
}

export const portalModule = defineModule({
  name: 'portal',
  permissions: PORTAL_PERMISSIONS,
  auditActions: PORTAL_AUDIT_ACTIONS,
  errorCodes: PORTAL_ERROR_CODES,
  requires: ['audit', 'customerProfiles', 'policyFacts', 'customerBilling', 'customerClaims', 'customerCases', 'documents', 'notifications'],
  provides: {
    portalAuthenticator: ({ db, clock, config, services }) => createPortalAuthenticator(portalAuth(db, clock, config, services.audit, services.customerProfiles)),
  },
  setup: ({ db, clock, config, services }) => {
    const auth = portalAuth(db, clock, config, services.audit, services.customerProfiles);
    return {
      auth,
      registration: new RegistrationService(db, clock, services.audit, services.notifications, services.policyFacts, services.customerProfiles, auth, config.passwordHashCost, {
        perPolicyPerHour: config.portalRegistrationLimitPerPolicyPerHour,
      }),
      portal: new PortalService(
        db,
        clock,
        services.audit,
        auth,
        services.policyFacts,
        services.customerBilling,
        services.customerClaims,
        services.customerCases,
        services.documents,
      ),
    };
  },
  register: registerPortalRoutes,
});
