// The billing module: the double-entry ledger (accounts, entries, postings, balances, daily
// verification), billing's record of each issued policy, and the ledger reads of a policy or a
// customer. Schedules, invoices and payments build on LedgerService.
import { BILLING_AUDIT_ACTIONS, BILLING_ERROR_CODES, BILLING_PERMISSIONS } from '../../contracts/billing';
import { defineModule } from '../../platform/module';
import { BillingHooks } from './billing-policies';
import { registerBillingRoutes } from './billing.routes';
import { LedgerService } from './ledger.service';

export const VERIFY_LEDGER_JOB = 'billing.verify-ledger';

export interface BillingServices {
  /** What other modules tell billing: `policyIssued(trx, actor, policy)` inside the issuance transaction. */
  billing: BillingHooks;
}

export const billingModule = defineModule({
  name: 'billing',
  permissions: BILLING_PERMISSIONS,
  auditActions: BILLING_AUDIT_ACTIONS,
  errorCodes: BILLING_ERROR_CODES,
  requires: ['audit', 'customerProfiles'],
  provides: {
    billing: ({ clock }) => new BillingHooks(clock),
  },
  setup: ({ db, clock, services, health }) => {
    const ledger = new LedgerService(db, clock, services.audit, services.customerProfiles);
    health.register('ledger', async () => {
      const last = await ledger.latestVerification();
      if (!last) return { status: 'unknown', detail: 'The ledger has not been verified yet' };
      return {
        status: last.balanced ? 'pass' : 'fail',
        balanced: last.balanced,
        verifiedAt: last.runAt,
        entriesChecked: last.entriesChecked,
        unbalancedEntries: last.unbalancedCount,
        trialBalanceOk: last.trialBalanceOk,
      };
    });
    return { ledger };
  },
  jobs: (_ctx, { ledger }) => [
    {
      name: VERIFY_LEDGER_JOB,
      schedule: '45 2 * * *', // daily, 02:45 business time
      handler: async () => void (await ledger.verify()),
    },
  ],
  // Billing's policies and the customer's credit follow a customer merge.
  customerExtensions: (_ctx, { ledger }) => ({
    mergeHandlers: [{ name: 'billing', move: (trx, { sourceId, targetId, actor }) => ledger.moveCustomer(trx, actor, sourceId, targetId) }],
  }),
  register: registerBillingRoutes,
});
