// Refunds: money going back to the customer, from one payment (part or all of it, to the payment's
// own method) or from the customer's credit (by transfer, check or cash). One person requests, another
// approves within their refund_amount limit (four-eyes); approval posts `refundApproved` (the
// customer's credit → refunds payable), and the payout (the gateway for a card, staff recording it
// otherwise) posts `refundPaid` (refunds payable → the method's cash clearing). Never more than was
// paid: every request and approval locks the payment row (or the customer's credit) first.
import type {
  ApproveRefundBody,
  Refund,
  RefundAwaitingApprovalPage,
  RefundPaidBody,
  RefundsAwaitingApprovalQuery,
  RefundWithHistory,
  RequestRefundBody,
  RefundStatus,
} from '../../contracts/billing';
import type { Page, PageQuery } from '../../contracts/common';
import { withTransaction, type Db, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ForbiddenError, NotFoundError, PreconditionFailedError } from '../../platform/errors';
import type { IdempotencyRequest, IdempotencyStore, IdempotentOutcome } from '../../platform/idempotency';
import { assertInScope, scoped } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { ApprovalLimitsService } from '../identity/approval-limits.service';
import { POSTING_SCHEME } from './chart-of-accounts';
import { GatewayUnavailableError } from './gateway-factory';
import * as invoicesRepo from './invoices.repository';
import type { InvoiceService } from './invoices.service';
import * as ledgerRepo from './ledger.repository';
import type { LedgerService } from './ledger.service';
import type { GatewayEvent, PaymentGateway, RefundResult } from './payment-gateway';
import type { PaymentRow } from './payments.repository';
import {
  illegalRefundTransition,
  paidByGateway,
  paymentNotRefundable,
  refundExceedsCredit,
  refundExceedsPayment,
  refundGatewayError,
  refundGatewayUnavailable,
  webhookRefundUnknown,
} from './refunds.errors';
import * as repo from './refunds.repository';

export function toRefundDto(row: repo.RefundView): Refund {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    refundNumber: row.refund_number,
    source: row.source,
    paymentId: row.payment_id,
    paymentNumber: row.payment_number,
    policyId: row.policy_id,
    policyNumber: row.policy_number,
    customerId: row.customer_id,
    branchId: row.branch_id,
    method: row.method,
    amount: row.amount,
    currency: row.currency.trim(),
    reason: row.reason,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
    decisionNote: row.decision_note,
    gateway: row.gateway,
    gatewayReference: row.gateway_reference,
    payoutReference: row.payout_reference,
    failureReason: row.failure_reason,
    paidAt: iso(row.paid_at),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const auditView = (r: repo.RefundRow) => ({
  refundNumber: r.refund_number,
  source: r.source,
  paymentId: r.payment_id,
  policyId: r.policy_id,
  customerId: r.customer_id,
  method: r.method,
  amount: r.amount,
  currency: r.currency.trim(),
  status: r.status,
});

/** What a webhook did with a refund.settled event (the inbox records it). */
export interface RefundWebhookOutcome {
  outcome: 'applied' | 'ignored';
  detail: string | null;
  paymentId: string | null;
}

/** The gateway's idempotency key of a refund: one per refund, so approving again after a rollback never refunds twice. */
const gatewayKeyOf = (refundId: string) => `pd_refund_${refundId}`;

export class RefundsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly customers: CustomerProfiles,
    private readonly ledger: LedgerService,
    private readonly gateway: PaymentGateway,
    private readonly idempotency: IdempotencyStore,
    private readonly invoices: InvoiceService,
    private readonly approvalLimits: ApprovalLimitsService,
  ) {}

  /**
   * A refund requested (once per Idempotency-Key). Of a payment: the payment row is locked and the
   * refunds holding its money (requested, approved, paid) plus this one may not exceed what was
   * paid. Of credit: the customer's credit lock is taken and the credit less the credit refunds still
   * waiting must cover it. Nothing moves in the ledger until approval.
   */
  request(actor: Actor, idem: IdempotencyRequest, body: RequestRefundBody): Promise<IdempotentOutcome<RefundWithHistory>> {
    return this.idempotency.run<RefundWithHistory>(idem, async (trx) => {
      const now = this.clock.now();
      let source: Omit<repo.NewRefundRow, 'amount' | 'reason' | 'status' | 'requested_by' | 'requested_at' | 'created_at' | 'updated_at'>;
      if (body.paymentId) {
        const payment = await this.lockPayment(trx, actor, body.paymentId);
        if (payment.status !== 'succeeded') throw paymentNotRefundable(payment.status);
        const held = await repo.heldOfPayment(trx, payment.id);
        if (held + body.amount > payment.amount) throw refundExceedsPayment(payment.amount - held, payment.currency.trim());
        source = {
          source: 'payment',
          payment_id: payment.id,
          policy_id: payment.policy_id,
          customer_id: payment.customer_id,
          branch_id: payment.branch_id,
          method: payment.method,
          currency: payment.currency.trim(),
        };
      } else {
        const target = await this.creditTarget(trx, actor, body);
        await invoicesRepo.lockCustomerCredit(trx, target.customerId, target.currency);
        const available =
          (await this.ledger.customerCredit(trx, target.customerId, target.currency)) - (await repo.requestedCreditRefunds(trx, target.customerId, target.currency));
        if (body.amount > available) throw refundExceedsCredit(available, target.currency);
        source = {
          source: 'credit',
          payment_id: null,
          policy_id: target.policyId,
          customer_id: target.customerId,
          branch_id: target.branchId,
          method: body.method!,
          currency: target.currency,
        };
      }
      const row = await repo.insertRefund(trx, {
        ...source,
        amount: body.amount,
        reason: body.reason,
        status: 'requested',
        requested_by: actor.userId,
        requested_at: now,
        created_at: now,
        updated_at: now,
      });
      await repo.insertHistory(trx, { refund_id: row.id, from_status: null, to_status: 'requested', actor_id: actor.userId, note: body.reason, occurred_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'refund.request',
        entity: { type: 'refund', id: row.id },
        branchId: row.branch_id,
        after: auditView(row),
        metadata: { reason: body.reason },
      });
      return { status: 201, body: await this.load(trx, row.id), location: `/api/refunds/${row.id}` };
    });
  }

  /**
   * Requested → approved by someone other than the requester (409 FOUR_EYES) whose refund_amount
   * limit covers it (403 APPROVAL_LIMIT_EXCEEDED). Re-checks the source under its lock, posts
   * `refundApproved` (`refund:<id>:approved`) and, when the customer's credit is short (a payment
   * whose money already paid invoices), withdraws the shortfall from those invoices, so they are owed
   * again. A card refund then goes to the gateway: succeeded → paid, failed → failed, pending → stays
   * approved until the refund.settled webhook.
   */
  async approve(actor: Actor, id: string, version: number, body: ApproveRefundBody): Promise<RefundWithHistory> {
    await withTransaction(this.db, async (trx) => {
      const refund = await this.lockForTransition(trx, actor, id, version, 'approved', ['requested']);
      this.approvalLimits.assertFourEyes(actor, refund.requested_by);
      await this.approvalLimits.assertWithinLimit(trx, actor, 'refund_amount', refund.amount, refund.currency.trim());
      const currency = refund.currency.trim();
      let payment: PaymentRow | undefined;
      if (refund.payment_id) {
        payment = await this.lockPayment(trx, actor, refund.payment_id);
        if (payment.status !== 'succeeded') throw paymentNotRefundable(payment.status);
        const held = await repo.heldOfPayment(trx, payment.id);
        if (held > payment.amount) throw refundExceedsPayment(payment.amount - (held - refund.amount), currency);
      }
      // Payment row (if any) first, then the customer's credit: the order every writer of credit takes.
      await invoicesRepo.lockCustomerCredit(trx, refund.customer_id, currency);
      if (refund.source === 'credit') {
        const credit = await this.ledger.customerCredit(trx, refund.customer_id, currency);
        if (refund.amount > credit) throw refundExceedsCredit(credit, currency);
      }
      const today = this.clock.businessDate();
      const { entry } = await this.ledger.post(trx, {
        externalId: `refund:${refund.id}:approved`,
        effectiveDate: today,
        sourceType: 'refund',
        sourceId: refund.id,
        description: `Refund ${refund.refund_number} approved${payment ? ` (payment ${payment.payment_number})` : ' (credit)'}`,
        policyId: refund.policy_id,
        customerId: refund.customer_id,
        branchId: refund.branch_id,
        createdBy: actor.userId,
        postings: [
          { account: { kind: POSTING_SCHEME.refundApproved.debit, owner: refund.customer_id, currency }, direction: 'debit', amount: refund.amount },
          { account: { kind: POSTING_SCHEME.refundApproved.credit, currency }, direction: 'credit', amount: refund.amount },
        ],
      });
      const withdrawn = await this.invoices.withdrawCredit(trx, actor.userId, {
        customerId: refund.customer_id,
        currency,
        effectiveDate: today,
        reason: `Refund ${refund.refund_number} approved`,
        eventKey: `refund:${refund.id}:approved`,
      });
      // Credit already refunded another way (a credit refund of the same money): nothing left to take back.
      const after = await this.ledger.customerCredit(trx, refund.customer_id, currency);
      if (after < 0) throw refundExceedsCredit(refund.amount + after, currency);

      const now = this.clock.now();
      const row = await this.moved(trx, actor.userId, refund, 'approved', body.note ?? null, now, {
        decided_by: actor.userId,
        decided_at: now,
        decision_note: body.note ?? null,
        approved_entry_id: entry.id,
      });
      await this.audit.record(trx, {
        actor,
        action: 'refund.approve',
        entity: { type: 'refund', id: refund.id },
        branchId: refund.branch_id,
        before: { status: 'requested' },
        after: { status: 'approved' },
        metadata: { amount: refund.amount, currency, note: body.note ?? null, withdrawnFromInvoices: withdrawn },
      });

      if (refund.method === 'card' && payment) {
        const result = await this.refundAtGateway(payment, row);
        if (result.status === 'succeeded') await this.markPaid(trx, actor, row, { gatewayReference: result.refundReference });
        else if (result.status === 'failed')
          await this.markFailed(trx, actor, row, `The gateway refused the refund (${result.reason})`, { gatewayReference: result.refundReference });
        else await repo.setGatewayReference(trx, row.id, this.gateway.name, result.refundReference, now);
      }
    });
    return this.load(this.db, id);
  }

  /** Requested → rejected by an approver, with the reason. */
  reject(actor: Actor, id: string, version: number, reason: string): Promise<RefundWithHistory> {
    return this.close(actor, id, version, reason, { to: 'rejected', action: 'refund.reject' });
  }

  /** Requested → cancelled by who requested it (or an approver), with the reason. */
  cancel(actor: Actor, id: string, version: number, reason: string): Promise<RefundWithHistory> {
    return this.close(actor, id, version, reason, { to: 'cancelled', action: 'refund.cancel' });
  }

  /** Approved → paid, recorded by staff with the payout's reference (transfer, check number, receipt); not for card refunds. */
  async recordPaid(actor: Actor, id: string, version: number, body: RefundPaidBody): Promise<RefundWithHistory> {
    await withTransaction(this.db, async (trx) => {
      const refund = await this.lockForTransition(trx, actor, id, version, 'paid', ['approved']);
      if (refund.method === 'card') throw paidByGateway();
      await this.markPaid(trx, actor, refund, { payoutReference: body.reference });
    });
    return this.load(this.db, id);
  }

  /** Approved → failed, recorded by staff (a bounced transfer, a check not cashed): the money goes back to the customer's credit. */
  async recordFailed(actor: Actor, id: string, version: number, reason: string): Promise<RefundWithHistory> {
    await withTransaction(this.db, async (trx) => {
      const refund = await this.lockForTransition(trx, actor, id, version, 'failed', ['approved']);
      if (refund.method === 'card') throw paidByGateway();
      await this.markFailed(trx, actor, refund, reason, {});
    });
    return this.load(this.db, id);
  }

  /**
   * The refund.settled webhook (in the inbox's transaction): the approved card refund with this
   * gateway reference is paid. Unknown reference → 409, nothing stored (the approval may not have
   * committed yet; the gateway redelivers); any other state or a different amount → ignored.
   */
  async settleFromWebhook(trx: Trx, inboxId: string, event: GatewayEvent): Promise<RefundWebhookOutcome> {
    const refund = await repo.lockRefundByGatewayReference(trx, this.gateway.name, event.gatewayReference);
    if (!refund) throw webhookRefundUnknown();
    if (event.amount !== refund.amount || event.currency !== refund.currency.trim()) {
      return { outcome: 'ignored', detail: `Amount ${event.amount} ${event.currency} differs from the refund's ${refund.amount} ${refund.currency}`, paymentId: refund.payment_id };
    }
    if (refund.status !== 'approved')
      return { outcome: 'ignored', detail: `refund.settled on a ${refund.status} refund: only an approved refund is paid`, paymentId: refund.payment_id };
    await this.markPaid(trx, null, refund, { inboxId, eventId: event.id });
    return { outcome: 'applied', detail: null, paymentId: refund.payment_id };
  }

  // --- Reads (branch-scoped: another branch's refund or policy is 404).

  async get(actor: Actor, id: string): Promise<RefundWithHistory> {
    const row = await repo.findRefund(this.db, id);
    if (!row) throw new NotFoundError('refund');
    assertInScope(actor, row.branch_id, 'refund');
    return this.load(this.db, id);
  }

  async listForPolicy(actor: Actor, policyId: string, page: PageQuery): Promise<Page<Refund>> {
    const policy = await ledgerRepo.findBillingPolicy(this.db, policyId);
    if (!policy) throw new NotFoundError('policy');
    assertInScope(actor, policy.branch_id, 'policy');
    const { items, nextCursor } = await repo.listForPolicy(this.db, policyId, page);
    return { items: items.map(toRefundDto), nextCursor };
  }

  /** Refunds waiting for a decision in the approver's branches (oldest first unless sorted otherwise), each with its customer's number and name. */
  async listAwaitingApproval(actor: Actor, query: RefundsAwaitingApprovalQuery): Promise<RefundAwaitingApprovalPage> {
    const { items, nextCursor, total } = await repo.listRequested(this.db, (q) => scoped(q, actor, 'r.branch_id'), query);
    const names = await this.customers.summaries(this.db, [...new Set(items.map((r) => r.customer_id))]);
    return {
      items: items.map((r) => ({ ...toRefundDto(r), customer: names.get(r.customer_id) ?? { id: r.customer_id, customerNumber: '', name: '' } })),
      nextCursor,
      total,
    };
  }

  /** A customer merge: the source's refunds (and write-offs) follow the customer. */
  async moveCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
    await repo.moveCustomer(trx, sourceId, targetId, this.clock.now());
  }

  // --- Internals

  private async load(db: Db | Trx, id: string): Promise<RefundWithHistory> {
    const [row, history] = await Promise.all([repo.findRefund(db, id), repo.historyOf(db, id)]);
    return {
      ...toRefundDto(row!),
      history: history.map((h) => ({ fromStatus: h.from_status, toStatus: h.to_status, actorId: h.actor_id, note: h.note, occurredAt: h.occurred_at.toISOString() })),
    };
  }

  private async lockPayment(trx: Trx, actor: Actor, paymentId: string): Promise<PaymentRow> {
    const payment: PaymentRow | undefined = await trx('payments').where({ id: paymentId }).forUpdate().first();
    if (!payment) throw new NotFoundError('payment');
    assertInScope(actor, payment.branch_id, 'payment');
    return payment;
  }

  /** Whose credit, in which currency, filed under which branch (and policy): the policy's customer, or the customer. */
  private async creditTarget(trx: Trx, actor: Actor, body: RequestRefundBody) {
    if (body.policyId) {
      const policy = await ledgerRepo.findBillingPolicy(trx, body.policyId);
      if (!policy) throw new NotFoundError('policy');
      assertInScope(actor, policy.branch_id, 'policy');
      return { policyId: policy.policy_id, customerId: policy.customer_id, branchId: policy.branch_id, currency: policy.currency.trim() };
    }
    const customerId = body.customerId!;
    const branchId = await this.customers.branchOf(trx, actor, customerId);
    return { policyId: null, customerId, branchId, currency: body.currency! };
  }

  /** The refund locked, in scope (else 404), in one of `from` (else 409 with its status), at `version` (else 412). */
  private async lockForTransition(trx: Trx, actor: Actor, id: string, version: number, to: RefundStatus, from: RefundStatus[]): Promise<repo.RefundRow> {
    const refund = await repo.lockRefund(trx, id);
    if (!refund) throw new NotFoundError('refund');
    assertInScope(actor, refund.branch_id, 'refund');
    if (!from.includes(refund.status)) throw illegalRefundTransition(to, refund.status);
    if (refund.version !== version) throw new PreconditionFailedError(refund.version);
    return refund;
  }

  /** The guarded transition and its history row (the row is locked, so the guard holds). */
  private async moved(
    trx: Trx,
    actorId: string | null,
    refund: repo.RefundRow,
    to: RefundStatus,
    note: string | null,
    now: Date,
    changes: Parameters<typeof repo.transition>[5],
    webhookEventId: string | null = null,
  ): Promise<repo.RefundRow> {
    const row = await repo.transition(trx, refund.id, refund.status, refund.version, to, changes, now);
    if (!row) throw new Error(`Refund ${refund.id} left ${refund.status} while locked`);
    await repo.insertHistory(trx, { refund_id: refund.id, from_status: refund.status, to_status: to, actor_id: actorId, webhook_event_id: webhookEventId, note, occurred_at: now });
    return row;
  }

  private async close(actor: Actor, id: string, version: number, reason: string, { to, action }: { to: 'rejected' | 'cancelled'; action: 'refund.reject' | 'refund.cancel' }) {
    await withTransaction(this.db, async (trx) => {
      const refund = await this.lockForTransition(trx, actor, id, version, to, ['requested']);
      if (to === 'cancelled' && refund.requested_by !== actor.userId && !actor.permissions.has('refunds:approve'))
        throw new ForbiddenError('FORBIDDEN', 'Only the person who requested a refund, or an approver, can cancel it.');
      const now = this.clock.now();
      await this.moved(trx, actor.userId, refund, to, reason, now, { decided_by: actor.userId, decided_at: now, decision_note: reason });
      await this.audit.record(trx, {
        actor,
        action,
        entity: { type: 'refund', id },
        branchId: refund.branch_id,
        before: { status: 'requested' },
        after: { status: to },
        metadata: { reason },
      });
    });
    return this.load(this.db, id);
  }

  private async refundAtGateway(payment: PaymentRow, refund: repo.RefundRow): Promise<RefundResult> {
    try {
      return await this.gateway.refund({
        chargeReference: payment.gateway_reference!,
        amount: refund.amount,
        currency: refund.currency.trim(),
        idempotencyKey: gatewayKeyOf(refund.id),
      });
    } catch (err) {
      throw err instanceof GatewayUnavailableError ? refundGatewayUnavailable() : refundGatewayError();
    }
  }

  /** Approved → paid: `refundPaid` (`refund:<id>:paid`: refunds payable → the method's cash clearing), history, audit. */
  private async markPaid(
    trx: Trx,
    actor: Actor | null,
    refund: repo.RefundRow,
    by: { payoutReference?: string; gatewayReference?: string; inboxId?: string; eventId?: string },
  ): Promise<repo.RefundRow> {
    const currency = refund.currency.trim();
    const now = this.clock.now();
    const { entry } = await this.ledger.post(trx, {
      externalId: `refund:${refund.id}:paid`,
      effectiveDate: this.clock.businessDate(now),
      sourceType: 'refund',
      sourceId: refund.id,
      description: `Refund ${refund.refund_number} paid out (${refund.method.replace('_', ' ')})`,
      policyId: refund.policy_id,
      customerId: refund.customer_id,
      branchId: refund.branch_id,
      createdBy: actor?.userId ?? null,
      postings: [
        { account: { kind: POSTING_SCHEME.refundPaid.debit, currency }, direction: 'debit', amount: refund.amount },
        { account: { kind: POSTING_SCHEME.refundPaid.credit, owner: refund.method, currency }, direction: 'credit', amount: refund.amount },
      ],
    });
    const row = await this.moved(
      trx,
      actor?.userId ?? null,
      refund,
      'paid',
      by.eventId ? 'refund.settled' : (by.payoutReference ?? null),
      now,
      {
        paid_at: now,
        paid_entry_id: entry.id,
        ...(by.payoutReference ? { payout_reference: by.payoutReference } : {}),
        ...(by.gatewayReference ? { gateway: this.gateway.name, gateway_reference: by.gatewayReference } : {}),
      },
      by.inboxId ?? null,
    );
    if (by.eventId) {
      await this.audit.record(trx, {
        action: 'refund.settle',
        entity: { type: 'refund', id: refund.id },
        branchId: refund.branch_id,
        metadata: { eventId: by.eventId, amount: refund.amount, currency },
      });
    } else {
      await this.audit.record(trx, {
        actor,
        action: 'refund.pay',
        entity: { type: 'refund', id: refund.id },
        branchId: refund.branch_id,
        before: { status: 'approved' },
        after: { status: 'paid' },
        metadata: { amount: refund.amount, currency, payoutReference: by.payoutReference ?? null, gatewayReference: by.gatewayReference ?? null },
      });
    }
    return row;
  }

  /**
   * Approved → failed: the approval entry is reversed (`refund:<id>:failed`), so the money is the
   * customer's credit again, and that credit pays open invoices (those the approval had reopened).
   */
  private async markFailed(trx: Trx, actor: Actor, refund: repo.RefundRow, reason: string, by: { gatewayReference?: string }): Promise<void> {
    const currency = refund.currency.trim();
    const now = this.clock.now();
    await this.ledger.reverse(trx, actor, refund.approved_entry_id!, reason, `refund:${refund.id}:failed`, { sourceType: 'refund', sourceId: refund.id });
    await this.moved(trx, actor.userId, refund, 'failed', reason, now, {
      failure_reason: reason,
      ...(by.gatewayReference ? { gateway: this.gateway.name, gateway_reference: by.gatewayReference } : {}),
    });
    await this.audit.record(trx, {
      actor,
      action: 'refund.fail',
      entity: { type: 'refund', id: refund.id },
      branchId: refund.branch_id,
      before: { status: 'approved' },
      after: { status: 'failed' },
      metadata: { reason, amount: refund.amount, currency },
    });
    await this.invoices.applyCredit(trx, actor.userId, {
      customerId: refund.customer_id,
      currency,
      policyId: refund.policy_id,
      effectiveDate: this.clock.businessDate(now),
      reason: `Refund ${refund.refund_number} failed`,
    });
  }
}
