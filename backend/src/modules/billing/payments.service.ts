// Payments: money received for a policy (or a customer's account) by card, bank transfer, direct
// debit, check or cash. A succeeded payment posts `paymentReceived` (cash clearing of its method →
// the customer's credit) and then has the credit applied to open invoices, all in one transaction
// with the payment, its history, its audit row and the Idempotency-Key record.
import crypto from 'node:crypto';
import {
  REVERSIBLE_PAYMENT_METHODS,
  type CreatePaymentBody,
  type Payment,
  type PaymentAllocation,
  type PaymentResult,
  type PaymentReversal,
  type ReversePaymentBody,
  type PaymentSectionItem,
} from '../../contracts/billing';
import type { Page, PageQuery } from '../../contracts/common';
import type { PaymentMethod as StoredPaymentMethod } from '../../contracts/orders';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { IdempotencyRequest, IdempotencyStore, IdempotentOutcome } from '../../platform/idempotency';
import { assertInScope, visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { NotificationService } from '../notifications/notifications.service';
import { BillingMessages, failureReason } from './billing-messages';
import { POSTING_SCHEME } from './chart-of-accounts';
import * as ledgerRepo from './ledger.repository';
import type { LedgerService } from './ledger.service';
import type { ChargeResult, PaymentGateway } from './payment-gateway';
import { GatewayUnavailableError } from './gateway-factory';
import {
  alreadyReversed,
  currencyMismatch,
  gatewayError,
  gatewayUnavailable,
  invoiceNotOpen,
  noCardOnFile,
  notReversible,
  refundsHoldMoney,
  reversalNotForMethod,
} from './payments.errors';
import * as invoicesRepo from './invoices.repository';
import * as repo from './payments.repository';
import { heldOfPayment } from './refunds.repository';

/**
 * Applies a customer's credit to open invoices (oldest due first) in the caller's transaction and
 * says what it applied. Implemented by the invoices side (InvoiceService in invoices.service.ts);
 * the agreed interface, declared here so payments does not depend on invoices.
 */
export interface CreditApplier {
  applyCredit(
    trx: Trx,
    actorId: string | null,
    target: { customerId: string; currency: string; policyId?: string | null; effectiveDate: string; reason: string; payment?: { id: string; amount: number } | null },
  ): Promise<{ invoiceId: string; invoiceNumber: string; amount: number }[]>;
  /**
   * After money behind the customer's credit is taken back: credit below zero is withdrawn from the
   * invoices it paid (newest due first), which are owed (overdue when past due) again; what it withdrew.
   */
  withdrawCredit(
    trx: Trx,
    actorId: string | null,
    target: { customerId: string; currency: string; effectiveDate: string; reason: string; eventKey: string },
  ): Promise<{ invoiceId: string; invoiceNumber: string; amount: number }[]>;
}

/** Who takes a payment's money back, and why: staff (a bounced check) or the gateway (a dispute, by its inbox event). */
export interface TakeBack {
  actor: Actor | null;
  webhookEventId?: string | null;
  /** The history note and the reversal entry's description. */
  note: string;
  /** Why, for the invoices reopened (their status history). */
  reason: string;
  auditMetadata: Record<string, unknown>;
}

export function toPaymentDto(row: repo.PaymentRow): Payment {
  return {
    id: row.id,
    paymentNumber: row.payment_number,
    policyId: row.policy_id,
    customerId: row.customer_id,
    branchId: row.branch_id,
    method: row.method,
    amount: row.amount,
    currency: row.currency.trim(),
    status: row.status,
    receivedOn: row.received_on,
    cardLast4: row.card_last4,
    checkNumber: row.check_number,
    reference: row.reference,
    gateway: row.gateway,
    gatewayReference: row.gateway_reference,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    ledgerEntryId: row.ledger_entry_id,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What a payment's fields record, for the audit trail. */
const auditView = (p: repo.PaymentRow) => ({
  paymentNumber: p.payment_number,
  policyId: p.policy_id,
  customerId: p.customer_id,
  method: p.method,
  amount: p.amount,
  currency: p.currency,
  status: p.status,
  gatewayReference: p.gateway_reference,
  failureCode: p.failure_code,
});

/** The gateway's idempotency key: one per (operation, caller, Idempotency-Key), so a retry after a rollback never charges twice. */
const gatewayKeyOf = (idem: IdempotencyRequest) => `pd_${crypto.createHash('sha256').update(`${idem.operation}\0${idem.actorId}\0${idem.key}`).digest('hex').slice(0, 40)}`;

export class PaymentsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly customers: CustomerProfiles,
    private readonly ledger: LedgerService,
    private readonly gateway: PaymentGateway,
    private readonly idempotency: IdempotencyStore,
    private readonly creditApplier: CreditApplier,
    notifications: NotificationService,
  ) {
    this.messages = new BillingMessages(notifications);
  }

  /** The customer's messages about their payments (receipts, failures), queued in the payment's transaction. */
  readonly messages: BillingMessages;

  /**
   * Records a payment once per Idempotency-Key. A declined card is a 201 with status `failed` (a
   * stored answer the retry replays), not an error; errors roll everything back and store nothing.
   */
  create(actor: Actor, idem: IdempotencyRequest, body: CreatePaymentBody): Promise<IdempotentOutcome<PaymentResult>> {
    return this.idempotency.run<PaymentResult>(idem, async (trx) => {
      const today = this.clock.businessDate();
      const receivedOn = body.receivedOn ?? today;
      if (receivedOn > today) throw new ValidationError([{ path: 'receivedOn', message: 'The money cannot be received in the future' }]);
      const target = await this.resolveTarget(trx, actor, body);

      let status: repo.PaymentRow['status'];
      let charge: ChargeResult | undefined;
      let cardLast4: string | null = null;
      if (body.method === 'card') {
        const card = target.card;
        if (!card) throw noCardOnFile(target.policyId ? 'The policy has no card on file' : 'A card payment is for a policy: give policyId');
        cardLast4 = /^\d{4}$/.test(card.last4) ? card.last4 : null;
        try {
          charge = await this.gateway.charge({ token: card.token, amount: body.amount, currency: body.currency, idempotencyKey: gatewayKeyOf(idem) });
        } catch (err) {
          throw err instanceof GatewayUnavailableError ? gatewayUnavailable() : gatewayError();
        }
        status = charge.status;
      } else {
        // Cash at a branch, a check in hand, a transfer or direct debit seen on the statement: the
        // money is here, so it succeeds at once; a bounce later is a reversal (succeeded → reversed).
        status = 'succeeded';
      }

      const now = this.clock.now();
      let payment = await repo.insertPayment(trx, {
        id: crypto.randomUUID(),
        policy_id: target.policyId,
        customer_id: target.customerId,
        branch_id: target.branchId,
        method: body.method,
        amount: body.amount,
        currency: body.currency,
        status,
        received_on: receivedOn,
        card_last4: cardLast4,
        check_number: body.checkNumber ?? null,
        reference: body.reference ?? null,
        gateway: charge ? this.gateway.name : null,
        gateway_reference: charge?.gatewayReference ?? null,
        failure_code: charge?.status === 'failed' ? charge.declineCode : null,
        failure_message: charge?.status === 'failed' ? charge.message : null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await repo.insertHistory(trx, { payment_id: payment.id, from_status: null, to_status: status, actor_id: actor.userId, occurred_at: now });
      await this.audit.record(trx, { actor, action: 'payment.create', entity: { type: 'payment', id: payment.id }, branchId: payment.branch_id, after: auditView(payment) });

      let allocations: PaymentAllocation[] = [];
      if (status === 'succeeded') ({ payment, allocations } = await this.receive(trx, actor.userId, payment));
      if (status === 'failed') await this.messages.paymentFailed(trx, payment, failureReason(payment));
      return { status: 201, body: { ...toPaymentDto(payment), allocations }, location: `/api/payments/${payment.id}` };
    });
  }

  async get(actor: Actor, id: string): Promise<Payment> {
    const row = await repo.findPayment(this.db, id);
    if (!row) throw new NotFoundError('payment');
    assertInScope(actor, row.branch_id, 'payment');
    return toPaymentDto(row);
  }

  async listForPolicy(actor: Actor, policyId: string, page: PageQuery): Promise<Page<Payment>> {
    const policy = await ledgerRepo.findBillingPolicy(this.db, policyId);
    if (!policy) throw new NotFoundError('policy');
    assertInScope(actor, policy.branch_id, 'policy');
    const { items, nextCursor } = await repo.listForPolicy(this.db, policyId, page);
    return { items: items.map(toPaymentDto), nextCursor };
  }

  /**
   * The money of a succeeded payment: the paymentReceived entry (once per payment, by its external
   * id), then the credit applied to open invoices. Shared by the synchronous path and the webhook.
   */
  async receive(trx: Trx, actorId: string | null, payment: repo.PaymentRow): Promise<{ payment: repo.PaymentRow; allocations: PaymentAllocation[] }> {
    const { entry } = await this.ledger.post(trx, {
      externalId: `payment:${payment.id}:received`,
      effectiveDate: payment.received_on,
      sourceType: 'payment',
      sourceId: payment.id,
      description: `Payment ${payment.payment_number} (${payment.method.replace('_', ' ')})`,
      policyId: payment.policy_id,
      customerId: payment.customer_id,
      branchId: payment.branch_id,
      createdBy: actorId,
      postings: [
        { account: { kind: POSTING_SCHEME.paymentReceived.debit, owner: payment.method, currency: payment.currency }, direction: 'debit', amount: payment.amount },
        { account: { kind: POSTING_SCHEME.paymentReceived.credit, owner: payment.customer_id, currency: payment.currency }, direction: 'credit', amount: payment.amount },
      ],
    });
    await repo.setLedgerEntry(trx, payment.id, entry.id);
    const allocations = await this.creditApplier.applyCredit(trx, actorId, {
      customerId: payment.customer_id,
      currency: payment.currency,
      policyId: payment.policy_id,
      effectiveDate: payment.received_on,
      reason: `Payment ${payment.payment_number}`,
      // What this payment's money pays is linked to it (payment_allocations), so it can be re-allocated.
      payment: { id: payment.id, amount: payment.amount },
    });
    await this.messages.receipt(trx, payment);
    return { payment: { ...payment, ledger_entry_id: entry.id }, allocations };
  }

  /**
   * POST /api/payments/{id}/reverse (`payments:reverse`): a bounced check or a returned direct debit.
   * The payment at `version` (If-Match), locked first (refund requests lock it too, so none slips in),
   * must be a succeeded check or direct debit (a card's comes by the dispute webhook) whose money no
   * refund holds; then the shared take-back (`takeBack`). A second call is 409 PAYMENT_ALREADY_REVERSED.
   */
  reverse(actor: Actor, id: string, version: number, body: ReversePaymentBody): Promise<PaymentReversal> {
    return withTransaction(this.db, async (trx) => {
      const payment = visibleOr404(actor, await repo.lockPayment(trx, id), 'payment');
      if (payment.status === 'reversed') throw alreadyReversed();
      if (payment.version !== version) throw new PreconditionFailedError(payment.version);
      if (!(REVERSIBLE_PAYMENT_METHODS as readonly string[]).includes(payment.method)) throw reversalNotForMethod(payment.method);
      if (payment.status !== 'succeeded' || !payment.ledger_entry_id) throw notReversible(payment.status);
      const currency = payment.currency.trim();
      const held = await heldOfPayment(trx, payment.id);
      if (held > 0) throw refundsHoldMoney(held, currency);
      const what = payment.method === 'check' ? 'Check bounced' : 'Direct debit returned';
      const { payment: reversed, reopened } = await this.takeBack(trx, payment, {
        actor,
        note: `${what}: ${body.reason}`,
        reason: `Payment ${payment.payment_number} reversed (${what.toLowerCase()}): ${body.reason}`,
        auditMetadata: { reason: body.reason, method: payment.method, kind: payment.method === 'check' ? 'bounced_check' : 'returned_direct_debit' },
      });
      await this.messages.paymentFailed(trx, reversed, payment.method === 'check' ? 'The check was returned unpaid by the bank' : 'The direct debit was returned by the bank');
      return { ...toPaymentDto(reversed), reopened };
    });
  }

  /**
   * Takes a succeeded payment's money back — shared by staff reversals (bounced check, returned direct
   * debit) and the gateway's dispute webhook, in the caller's transaction with the payment row locked:
   * succeeded → reversed (history, version + 1), the paymentReceived entry reversed (external id
   * `payment:<id>:reversed`: out of the customer's credit, out of cash clearing), and credit the money
   * had been applied with withdrawn from the invoices it paid, newest due first (`creditWithdrawn`), so
   * they are owed — overdue when past due — again and the credit never goes below zero. Audited
   * `payment.reverse`. Returns the payment and what was taken back from each invoice.
   */
  async takeBack(trx: Trx, payment: repo.PaymentRow, by: TakeBack): Promise<{ payment: repo.PaymentRow; reopened: PaymentAllocation[] }> {
    const now = this.clock.now();
    const row = await repo.transition(trx, payment.id, 'succeeded', 'reversed', {}, now);
    // The row is locked and was succeeded, so the guard holds; a miss means a writer without the lock.
    if (!row) throw new Error(`Payment ${payment.id} left succeeded while locked`);
    await repo.insertHistory(trx, {
      payment_id: payment.id,
      from_status: 'succeeded',
      to_status: 'reversed',
      actor_id: by.actor?.userId ?? null,
      webhook_event_id: by.webhookEventId ?? null,
      note: by.note,
      occurred_at: now,
    });
    await this.ledger.reverse(trx, by.actor, payment.ledger_entry_id!, by.note, `payment:${payment.id}:reversed`, { sourceType: 'payment', sourceId: payment.id });
    const reopened = await this.creditApplier.withdrawCredit(trx, by.actor?.userId ?? null, {
      customerId: payment.customer_id,
      currency: payment.currency.trim(),
      effectiveDate: this.clock.businessDate(now),
      reason: by.reason,
      eventKey: `payment:${payment.id}:reversed`,
    });
    await this.audit.record(trx, {
      actor: by.actor,
      action: 'payment.reverse',
      entity: { type: 'payment', id: payment.id },
      branchId: payment.branch_id,
      before: auditView(payment),
      after: auditView(row),
      metadata: { ...by.auditMetadata, reopened },
    });
    return { payment: row, reopened };
  }

  /** The policy (in scope, same currency, its stored card) or the customer's account (in scope). */
  /**
   * A customer pays one of their own open invoices in the portal: its open amount, by the card on
   * file of its policy, once per Idempotency-Key. The invoice row is locked and its open amount read
   * again inside the transaction, so two attempts (two keys: a double tap on two screens) never pay it
   * twice — the second finds nothing left (409). Another customer's invoice is a 404. Recorded with
   * no staff user; audited with the customer as actor. A decline is a 201 with status `failed`.
   */
  payInvoiceAsCustomer(customer: { accountId: string; customerId: string }, idem: IdempotencyRequest, invoiceId: string): Promise<IdempotentOutcome<PaymentResult>> {
    return this.idempotency.run<PaymentResult>(idem, async (trx) => {
      const invoice = await invoicesRepo.lockInvoiceOfCustomer(trx, invoiceId, customer.customerId);
      if (!invoice) throw new NotFoundError('invoice');
      const open = await invoicesRepo.openAmount(trx, invoice.id);
      if (!['open', 'partially_paid', 'overdue'].includes(invoice.status) || open <= 0) throw invoiceNotOpen(invoice.status);
      const policy = await ledgerRepo.findBillingPolicy(trx, invoice.policy_id);
      const method = policy?.payment_method as StoredPaymentMethod | null | undefined;
      const card = method?.type === 'card' && method.token ? method : null;
      if (!policy || !card) throw noCardOnFile('The policy has no card on file');
      const currency = invoice.currency.trim();
      let charge: ChargeResult;
      try {
        charge = await this.gateway.charge({ token: card.token, amount: open, currency, idempotencyKey: gatewayKeyOf(idem) });
      } catch (err) {
        throw err instanceof GatewayUnavailableError ? gatewayUnavailable() : gatewayError();
      }
      const now = this.clock.now();
      let payment = await repo.insertPayment(trx, {
        id: crypto.randomUUID(),
        policy_id: policy.policy_id,
        customer_id: policy.customer_id,
        branch_id: policy.branch_id,
        method: 'card',
        amount: open,
        currency,
        status: charge.status,
        received_on: this.clock.businessDate(),
        card_last4: /^\d{4}$/.test(card.last4) ? card.last4 : null,
        check_number: null,
        reference: invoice.invoice_number,
        gateway: this.gateway.name,
        gateway_reference: charge.gatewayReference,
        failure_code: charge.status === 'failed' ? charge.declineCode : null,
        failure_message: charge.status === 'failed' ? charge.message : null,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      await repo.insertHistory(trx, { payment_id: payment.id, from_status: null, to_status: charge.status, actor_id: null, occurred_at: now });
      await this.audit.record(trx, {
        actor: { customerAccountId: customer.accountId },
        action: 'payment.create',
        entity: { type: 'payment', id: payment.id },
        branchId: payment.branch_id,
        after: auditView(payment),
        metadata: { invoiceId: invoice.id, channel: 'portal' },
      });
      let allocations: PaymentAllocation[] = [];
      if (charge.status === 'succeeded') ({ payment, allocations } = await this.receive(trx, null, payment));
      if (charge.status === 'failed') await this.messages.paymentFailed(trx, payment, failureReason(payment));
      return { status: 201, body: { ...toPaymentDto(payment), allocations }, location: `/api/portal/payments/${payment.id}` };
    });
  }

  private async resolveTarget(trx: Trx, actor: Actor, body: CreatePaymentBody) {
    if (body.policyId) {
      const policy = await ledgerRepo.findBillingPolicy(trx, body.policyId);
      if (!policy) throw new NotFoundError('policy');
      assertInScope(actor, policy.branch_id, 'policy');
      if (policy.currency.trim() !== body.currency) throw currencyMismatch(policy.currency.trim());
      const method = policy.payment_method as StoredPaymentMethod | null;
      return {
        policyId: policy.policy_id,
        customerId: policy.customer_id,
        branchId: policy.branch_id,
        card: method?.type === 'card' && method.token ? method : null,
      };
    }
    const customerId = body.customerId!;
    const branchId = await this.customers.branchOf(trx, actor, customerId);
    return { policyId: null, customerId, branchId, card: null };
  }
}

/** The customer 360° view's payments section: the five newest payments (any status) and the count. */
export async function paymentsOverviewSection(db: DbOrTrx, customerId: string): Promise<{ count: number; items: PaymentSectionItem[] }> {
  const { count, items } = await repo.newestPaymentsOfCustomer(db, customerId, 5);
  return {
    count,
    items: items.map((p) => ({
      id: p.id,
      paymentNumber: p.payment_number,
      policyId: p.policy_id,
      method: p.method,
      status: p.status,
      amount: Number(p.amount),
      currency: String(p.currency).trim(),
      receivedOn: p.received_on,
    })),
  };
}
