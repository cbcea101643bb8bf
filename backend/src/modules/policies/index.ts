// The policies module: issues the policy of an approved order (for orders), policy reads and lists,
// and the customer's policies in the 360° view.
import { POLICIES_AUDIT_ACTIONS, POLICIES_ERROR_CODES, POLICIES_PERMISSIONS } from '../../contracts/policies';
import { newBusinessReport } from './new-business';
import { renewalsReport } from './renewals-report';
import { defineModule } from '../../platform/module';
import { policiesKpis } from './policies-kpis';
import { policiesCustomerExtensions } from './customer-extensions';
import { registerPolicyRoutes } from './policies.routes';
import { numbersOf } from './policies.repository';
import { PoliciesService } from './policies.service';
import { PolicyEndings } from './policy-endings';
import { PolicyFacts } from './policy-facts';
import { PolicyIssuer } from './policy-issuer';
import { registerPolicyScheduleRoutes } from './policy-schedules.routes';
import { createPolicyServicing } from './policy-servicing';
import { PolicyTasks } from './policy-tasks';
import { LapseGuards } from './policy-standing.service';
import { registerPolicyStandingRoutes } from './policy-standing.routes';

/** Daily, after billing marks invoices overdue (01:40) and charges late fees (01:55). */
export const REVIEW_STANDING_JOB = 'policies.review-standing';
import { POLICY_DOCUMENT_OWNER, PolicySchedules } from './policy-schedules.service';
import { registerRenewalRoutes } from './renewals.routes';
import { PREPARE_RENEWALS_JOB } from './renewals.service';
import { policiesDataset } from './policy-dataset';

export interface PoliciesServices {
  /** Issues the policy of an approved order inside the approval's transaction (with its schedule, `policies.schedules`). */
  policies: PolicyIssuer;
  /** Why a policy must not lapse unattended: other modules (claims) register their reasons. */
  lapseGuards: LapseGuards;
  /** A policy as it stood on a date (in force? which terms?), for claims. */
  policyFacts: PolicyFacts;
  /** The calls servicing gives the policy's agent; the service desk binds its task service at start. */
  policyTasks: PolicyTasks;
  /** Ends a policy for another module's reason (claims: the insured's death), through policy servicing. */
  policyEndings: PolicyEndings;
}

export const policiesModule = defineModule({
  name: 'policies',
  permissions: POLICIES_PERMISSIONS,
  auditActions: POLICIES_AUDIT_ACTIONS,
  errorCodes: POLICIES_ERROR_CODES,
  requires: ['audit', 'customerProfiles', 'billing', 'quotes', 'documents', 'approvalLimits', 'agents', 'notifications', 'kpis', 'reports'],
  provides: {
    policies: ({ clock, config, services }) =>
      new PolicyIssuer(clock, services.audit, services.customerProfiles, services.billing, new PolicySchedules(clock, services.documents, services.billing, config.insurerName)),
    lapseGuards: () => new LapseGuards(),
    policyFacts: () => new PolicyFacts(),
    policyTasks: ({ config, services }) => new PolicyTasks(services.agents, config.businessTimeZone),
    policyEndings: () => new PolicyEndings(),
  },
  setup: ({ db, clock, config, services }) => {
    for (const kpi of policiesKpis(config.baseCurrency)) services.kpis.register(kpi);
    services.reports.datasets.register(policiesDataset(config.businessTimeZone));
    services.audit.registerRecordNumbers('policy', numbersOf);
    // A policy's files (its schedules) are read by whoever may read the policy.
    services.documents.registerOwner(POLICY_DOCUMENT_OWNER, { readPermission: 'policies:read' });
    // The new business and renewals reports, exported by the reports module.
    services.reports.register(newBusinessReport(config.businessTimeZone));
    services.reports.register(renewalsReport);
    const servicing = createPolicyServicing(db, clock, config, services);
    services.policyEndings.bind(servicing.transactions);
    return { policies: new PoliciesService(db, clock, services.customerProfiles, config.baseCurrency, services.audit, services.quotes, services.reads), ...servicing };
  },
  jobs: (_ctx, { standing, renewals }) => [
    { name: REVIEW_STANDING_JOB, schedule: '10 2 * * *', handler: async () => void (await standing.review()) },
    // Daily, before billing's jobs: renewals accepted tonight have their new year scheduled and invoiced in the same night.
    { name: PREPARE_RENEWALS_JOB, schedule: '50 0 * * *', handler: async () => void (await renewals.run()) },
  ],
  customerExtensions: (_ctx, { policies, standing }) => policiesCustomerExtensions(policies, standing),
  register: (ctx, own) => {
    registerPolicyStandingRoutes(ctx, own.standing);
    registerRenewalRoutes(ctx, own.renewals);
    registerPolicyRoutes(ctx, own);
    registerPolicyScheduleRoutes(ctx, ctx.services.policies.schedules);
  },
});
