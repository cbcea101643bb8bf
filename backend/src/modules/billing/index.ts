// The billing module: the double-entry ledger (accounts, entries, postings, balances, daily
// verification), billing's record of each issued policy, and the ledger reads of a policy or a
// customer. Schedules, invoices and payments build on LedgerService.
import { BILLING_AUDIT_ACTIONS, BILLING_ERROR_CODES, BILLING_PERMISSIONS, PAYMENTS_AUDIT_ACTIONS, PAYMENTS_ERROR_CODES, PAYMENTS_PERMISSIONS } from '../../contracts/billing';
import { defineModule } from '../../platform/module';
import { BillingHooks } from './billing-policies';
import { registerBillingRoutes } from './billing.routes';
import { LedgerService } from './ledger.service';
// --- Payments (imports)
import { createPaymentGateway } from './gateway-factory';
import type { PaymentGateway } from './payment-gateway';
import { PaymentWebhooksService } from './payment-webhooks.service';
import { registerPaymentRoutes } from './payments.routes';
import { PaymentsService, type CreditApplier } from './payments.service';

export const VERIFY_LEDGER_JOB = 'billing.verify-ledger';

export interface BillingServices {
  /** What other modules tell billing: `policyIssued(trx, actor, policy)` inside the issuance transaction. */
  billing: BillingHooks;
  /** The card payment gateway (the sandbox in local mode; PAYMENT_GATEWAY names it). */
  paymentGateway: PaymentGateway;
}

// --- Payments: applying credit to open invoices.
// INTEGRATOR: replace with the InvoiceService (invoices.service.ts implements CreditApplier). This
// branch has no invoices, so there is nothing to apply credit to: a payment's money stays the
// customer's credit and its `allocations` are empty.
const noInvoicesYet: CreditApplier = { applyCredit: async () => [] };

export const billingModule = defineModule({
  name: 'billing',
  permissions: { ...BILLING_PERMISSIONS, ...PAYMENTS_PERMISSIONS },
  auditActions: [...BILLING_AUDIT_ACTIONS, ...PAYMENTS_AUDIT_ACTIONS],
  errorCodes: [...BILLING_ERROR_CODES, ...PAYMENTS_ERROR_CODES],
  requires: ['audit', 'customerProfiles'],
  provides: {
    billing: ({ clock }) => new BillingHooks(clock),
    paymentGateway: ({ config, clock }) => createPaymentGateway(config, clock),
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
    // --- Payments
    const payments = new PaymentsService(db, clock, services.audit, services.customerProfiles, ledger, services.paymentGateway, services.idempotency, noInvoicesYet);
    const webhooks = new PaymentWebhooksService(db, clock, services.audit, ledger, services.paymentGateway, payments);
    return { ledger, payments, webhooks };
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
  register: (ctx, own) => {
    registerBillingRoutes(ctx, own);
    registerPaymentRoutes(ctx, own);
  },
});
