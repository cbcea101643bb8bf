// The billing module: the double-entry ledger (accounts, entries, postings, balances, daily
// verification), billing's record of each issued policy, and the ledger reads of a policy or a
// customer. Schedules, invoices and payments build on LedgerService.
import {
  BILLING_AUDIT_ACTIONS,
  BILLING_ERROR_CODES,
  BILLING_PERMISSIONS,
  PAYMENTS_AUDIT_ACTIONS,
  PAYMENTS_ERROR_CODES,
  PAYMENTS_PERMISSIONS,
  REFUNDS_AUDIT_ACTIONS,
  REFUNDS_ERROR_CODES,
  REFUNDS_PERMISSIONS,
} from '../../contracts/billing';
import { agedReceivablesReport } from './aged-receivables';
import { defineModule } from '../../platform/module';
import { BillingHooks } from './billing-policies';
import { registerBillingRoutes } from './billing.routes';
import { LedgerService } from './ledger.service';
import { InvoiceService } from './invoices.service';
import { registerLateFeeRoutes } from './late-fees.routes';
import { LateFeeService } from './late-fees.service';
import { ScheduleService } from './schedule.service';
import { InvoiceReminders } from './invoice-reminders';
import { billingKpis } from './billing-kpis';
import { createPaymentGateway } from './gateway-factory';
import type { PaymentGateway } from './payment-gateway';
import { PaymentWebhooksService } from './payment-webhooks.service';
import { registerPaymentRoutes } from './payments.routes';
import { PaymentsService, paymentsOverviewSection } from './payments.service';
import { registerRefundRoutes } from './refunds.routes';
import { RefundsService } from './refunds.service';
import { WriteOffsService } from './write-offs.service';
// Overdue worklist and re-allocation
import { OverdueWorklist, paymentAttemptContacts } from './overdue.service';
import { registerOverdueRoutes } from './overdue.routes';
import { ReallocationService } from './reallocation.service';
import { registerReallocationRoutes } from './reallocation.routes';
import { InvoiceVoidService } from './invoice-void.service';
import { registerInvoiceVoidRoutes } from './invoice-void.routes';
import { paymentsDataset } from './payment-dataset';
import { CustomerBilling } from './customer-billing';

export const VERIFY_LEDGER_JOB = 'billing.verify-ledger';
// Invoices
export const SCHEDULE_INSTALLMENTS_JOB = 'billing.schedule-installments';
export const REMIND_INVOICES_JOB = 'billing.remind-invoices';
export const RAISE_INVOICES_JOB = 'billing.raise-invoices';
export const MARK_OVERDUE_JOB = 'billing.mark-overdue';
// Late fees
export const ASSESS_LATE_FEES_JOB = 'billing.assess-late-fees';

export interface BillingServices {
  /** The double-entry ledger: postings, the trial balance, and the books' lock (the finance module closes the months). */
  ledger: LedgerService;
  /** What other modules tell billing: `policyIssued(trx, actor, policy)` inside the issuance transaction. */
  billing: BillingHooks;
  /** The card payment gateway (the sandbox in local mode; PAYMENT_GATEWAY names it). */
  paymentGateway: PaymentGateway;
  /** A customer's own invoices and payments (the customer portal). */
  customerBilling: CustomerBilling;
}

/** A 360° section for a reader whose role may not read what it holds (an underwriter's, an adjuster's). */
const nothingToShow = async () => ({ count: 0, items: [] });

export const billingModule = defineModule({
  name: 'billing',
  permissions: { ...BILLING_PERMISSIONS, ...PAYMENTS_PERMISSIONS, ...REFUNDS_PERMISSIONS },
  auditActions: [...BILLING_AUDIT_ACTIONS, ...PAYMENTS_AUDIT_ACTIONS, ...REFUNDS_AUDIT_ACTIONS],
  errorCodes: [...BILLING_ERROR_CODES, ...PAYMENTS_ERROR_CODES, ...REFUNDS_ERROR_CODES],
  requires: ['audit', 'customerProfiles', 'approvalLimits', 'customerExtensions', 'quotes', 'notifications', 'kpis', 'reports'],
  provides: {
    // Its own ledger and invoice services (stateless, over the same database): a change to a policy posts and bills through them.
    ledger: ({ db, clock, services }) => new LedgerService(db, clock, services.audit, services.customerProfiles),
    billing: ({ db, clock, config, services }) => {
      const ledger = new LedgerService(db, clock, services.audit, services.customerProfiles);
      return new BillingHooks(clock, ledger, new InvoiceService(db, clock, ledger, services.audit, services.customerProfiles, config.invoiceLeadDays), config.invoiceLeadDays);
    },
    paymentGateway: ({ config, clock }) => createPaymentGateway(config, clock),
    customerBilling: () => new CustomerBilling(),
  },
  setup: ({ db, clock, config, services, health }) => {
    for (const kpi of billingKpis(config.baseCurrency)) services.kpis.register(kpi);
    services.reports.datasets.register(paymentsDataset());
    const ledger = new LedgerService(db, clock, services.audit, services.customerProfiles);
    // Invoices
    const invoices = new InvoiceService(db, clock, ledger, services.audit, services.customerProfiles, config.invoiceLeadDays);
    const schedule = new ScheduleService(db, clock);
    // The aged receivables report, exported by the reports module.
    services.reports.register(agedReceivablesReport(clock, services.customerProfiles));
    // Late fees
    const lateFees = new LateFeeService(db, clock, ledger, invoices, services.audit);
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
    const payments = new PaymentsService(
      db,
      clock,
      services.audit,
      services.customerProfiles,
      ledger,
      services.paymentGateway,
      services.idempotency,
      invoices,
      services.notifications,
    );
    // Customers pay their own invoices in the portal through the same service.
    services.customerBilling.bindPayments(payments);
    // --- Refunds and write-offs
    const refunds = new RefundsService(
      db,
      clock,
      services.audit,
      services.customerProfiles,
      ledger,
      services.paymentGateway,
      services.idempotency,
      invoices,
      services.approvalLimits,
    );
    const writeOffs = new WriteOffsService(clock, services.audit, ledger, services.idempotency, services.approvalLimits);
    const webhooks = new PaymentWebhooksService(db, clock, services.audit, services.paymentGateway, payments, refunds, () => services.billing.payoutImporter());
    // --- Overdue worklist and re-allocation
    const overdue = new OverdueWorklist(db, clock, services.customerProfiles, services.customerExtensions, services.quotes);
    const reallocation = new ReallocationService(db, clock, services.audit, ledger);
    const reminders = new InvoiceReminders(db, clock, payments.messages);
    const invoiceVoids = new InvoiceVoidService(clock, ledger, services.audit, services.idempotency, services.notifications);
    return { ledger, invoices, schedule, payments, webhooks, lateFees, refunds, writeOffs, overdue, reallocation, reminders, invoiceVoids };
  },
  jobs: (_ctx, { ledger, invoices, schedule, lateFees, reminders }) => [
    {
      name: VERIFY_LEDGER_JOB,
      schedule: '45 2 * * *', // daily, 02:45 business time
      handler: async () => void (await ledger.verify()),
    },
    // Invoices: next policy years first, then invoices (which apply credit), then overdue marking.
    { name: SCHEDULE_INSTALLMENTS_JOB, schedule: '5 1 * * *', handler: async () => void (await schedule.scheduleDue()) },
    { name: RAISE_INVOICES_JOB, schedule: '20 1 * * *', handler: async () => void (await invoices.raiseDue()) },
    { name: MARK_OVERDUE_JOB, schedule: '40 1 * * *', handler: async () => void (await invoices.markOverdue()) },
    // Late fees: after the overdue marking (the fee then applies the customer's credit).
    { name: ASSESS_LATE_FEES_JOB, schedule: '55 1 * * *', handler: async () => void (await lateFees.assessDue()) },
    // Reminders before the due date (texts queued at night wait for the morning: the outbox's quiet hours).
    { name: REMIND_INVOICES_JOB, schedule: '10 2 * * *', handler: async () => void (await reminders.remindDue()) },
  ],
  // Billing's policies and the customer's credit follow a customer merge.
  customerExtensions: ({ config }, { ledger, invoices, refunds }) => ({
    // Invoices: the 360° billing section, premium paid for lifetime value, payment delinquency as a risk factor.
    overviewSections: [
      { key: 'billing', title: 'Billing', load: (db, actor, customerId) => (actor.permissions.has('billing:read') ? invoices.overviewSection(db, customerId) : nothingToShow()) },
      // Payments: the newest payments of the customer (any status), each leading to its policy.
      { key: 'payments', title: 'Payments', load: (db, actor, customerId) => (actor.permissions.has('payments:read') ? paymentsOverviewSection(db, customerId) : nothingToShow()) },
    ],
    lifetimeValue: [{ name: 'billing', load: (db, customerId) => invoices.lifetimeValue(db, customerId, config.baseCurrency) }],
    riskFactors: [{ name: 'billing', load: (db, customerId) => invoices.riskFactors(db, customerId) }],
    // The screen pop's caller card: overdue premium (the invoices and the total open on them).
    callerCard: [{ key: 'overduePremium', title: 'Overdue premium', order: 30, load: (db, customerId) => invoices.overduePremium(db, customerId, config.baseCurrency) }],
    // Overdue worklist: until the service desk logs interactions, the last contact is the last payment attempt.
    lastContact: [paymentAttemptContacts],
    mergeHandlers: [
      { name: 'billing', move: (trx, { sourceId, targetId, actor }) => ledger.moveCustomer(trx, actor, sourceId, targetId) },
      // Invoices
      { name: 'billing-invoices', move: (trx, { sourceId, targetId }) => invoices.moveCustomer(trx, sourceId, targetId) },
      // Refunds
      { name: 'billing-refunds', move: (trx, { sourceId, targetId }) => refunds.moveCustomer(trx, sourceId, targetId) },
    ],
  }),
  register: (ctx, own) => {
    registerBillingRoutes(ctx, own);
    registerPaymentRoutes(ctx, own);
    registerLateFeeRoutes(ctx, own);
    registerRefundRoutes(ctx, own);
    registerOverdueRoutes(ctx, own);
    registerReallocationRoutes(ctx, own);
    registerInvoiceVoidRoutes(ctx, own);
    // The payment gateway's webhooks refused by their signature (the voice module counts its own under the same name).
    ctx.metrics.countProblems({
      name: 'policydesk_webhook_verification_failures_total',
      help: 'Webhook requests refused because their signature did not verify, by webhook',
      codes: ['WEBHOOK_SIGNATURE_INVALID', 'WEBHOOK_SIGNATURE_MALFORMED', 'WEBHOOK_TIMESTAMP_STALE'],
      labels: { webhook: 'payments' },
    });
  },
});
