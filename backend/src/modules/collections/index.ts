// The collections module (issue 20): dunning plans per product version, the dunning job, promises to
// pay and the collections worklist. Invoices are billing's (read through `services.billing`);
// messages leave through the notifications outbox, call and follow-up tasks through the service desk.
import { COLLECTIONS_AUDIT_ACTIONS, COLLECTIONS_ERROR_CODES, COLLECTIONS_PERMISSIONS } from '../../contracts/collections';
import { defineModule } from '../../platform/module';
import { registerCollectionsRoutes } from './collections.routes';
import { DunningService } from './dunning.service';
import { DunningPlansService } from './plans.service';
import { PromisesService } from './promises.service';

export const RUN_DUNNING_JOB = 'collections.run-dunning';

export const collectionsModule = defineModule({
  name: 'collections',
  permissions: COLLECTIONS_PERMISSIONS,
  auditActions: COLLECTIONS_AUDIT_ACTIONS,
  errorCodes: COLLECTIONS_ERROR_CODES,
  requires: ['audit', 'billing', 'quotes', 'notifications', 'tasks', 'customerProfiles', 'approvalLimits'],
  setup: ({ db, clock, logger, services }) => {
    const plans = new DunningPlansService(db, clock, services.audit, services.quotes, services.notifications);
    return {
      plans,
      promises: new PromisesService(db, clock, services.audit, services.billing, services.customerProfiles, services.approvalLimits),
      dunning: new DunningService(db, clock, logger, services.audit, services.billing, plans, services.notifications, services.customerProfiles, services.tasks),
    };
  },
  jobs: (_ctx, { dunning }) => [
    // Hourly: steps are by day; texts wait for the end of quiet hours in the outbox. After the overdue marking (01:40).
    { name: RUN_DUNNING_JOB, schedule: '40 * * * *', handler: async () => void (await dunning.runDue()) },
  ],
  register: (ctx, { plans, promises }) => {
    registerCollectionsRoutes(ctx, plans, promises);
  },
});
