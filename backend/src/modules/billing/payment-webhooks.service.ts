// POST /api/webhooks/payments: the gateway's events. The signature over the raw body is checked
// before anything else (bad, stale or malformed → 400, nothing written); each event is stored once
// in the inbox by (provider, event id), so a redelivery changes nothing; then it moves its payment
// forward only — an event that would move it backwards (failed after succeeded, succeeded after
// reversed) is kept in the inbox as `ignored`. refund.settled pays the approved card refund it names;
// payout.paid / payout.failed go to the payout importer (finance's reconciliation) in the same transaction.
import type { Db, Trx } from '../../db';
import type { Clock } from '../../platform/clock';
import type { AuditService } from '../audit/audit.service';
import { failureReason } from './billing-messages';
import { DECLINE_MESSAGES, type GatewayEvent, type PaymentGateway } from './payment-gateway';
import { webhookPaymentPending, webhookPaymentUnknown, webhookRefused } from './payments.errors';
import * as repo from './payments.repository';
import type { PaymentsService } from './payments.service';

export interface WebhookAnswer {
  received: true;
  /** True when this event id had been received before (nothing was done again). */
  duplicate: boolean;
}

type Outcome = { outcome: 'applied' | 'ignored' | 'recorded'; detail: string | null; paymentId: string | null };

/** Pays approved card refunds from refund.settled events, in the inbox's transaction (RefundsService). */
export interface RefundSettler {
  settleFromWebhook(trx: Trx, inboxId: string, event: GatewayEvent): Promise<Outcome>;
}

/**
 * Imports the gateway's payouts (payout.paid, payout.failed) for reconciliation, in the inbox's
 * transaction: finance registers one (`BillingHooks.registerPayoutImporter`); billing knows no statements.
 */
export interface PayoutImporter {
  importPayout(trx: Trx, inbox: { id: string; provider: string }, event: GatewayEvent): Promise<{ outcome: 'applied' | 'ignored' | 'recorded'; detail: string | null }>;
}

export class PaymentWebhooksService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly gateway: PaymentGateway,
    private readonly payments: PaymentsService,
    private readonly refunds?: RefundSettler,
    /** Read when a payout event arrives (finance registers its importer after billing is set up). */
    private readonly payoutImporter: () => PayoutImporter | undefined = () => undefined,
  ) {}

  async receive(rawBody: Buffer | string, signatureHeader: string | undefined): Promise<WebhookAnswer> {
    const verification = this.gateway.verifyWebhook(rawBody, signatureHeader, Math.floor(this.clock.now().getTime() / 1000));
    // A genuine event billing does not act on (a Stripe event type it has no use for): acknowledged so the gateway stops sending it.
    if (verification.status === 'ignored') return { received: true, duplicate: false };
    if (verification.status !== 'ok') throw webhookRefused(verification.status);
    const { event } = verification;
    return this.db.transaction(async (trx) => {
      const stored = await repo.insertWebhookEventIfNew(trx, {
        provider: this.gateway.name,
        event_id: event.id,
        type: event.type,
        payload: JSON.stringify(event),
        received_at: this.clock.now(),
      });
      if (!stored) return { received: true, duplicate: true };
      const result = await this.process(trx, stored.id, event);
      await repo.finishWebhookEvent(trx, stored.id, { outcome: result.outcome, outcome_detail: result.detail, payment_id: result.paymentId, processed_at: this.clock.now() });
      return { received: true, duplicate: false };
    });
  }

  private async process(trx: Trx, inboxId: string, event: GatewayEvent): Promise<Outcome> {
    // A card refund paid out by the gateway (unknown refund → 409, nothing stored, redelivered later).
    if (event.type === 'refund.settled')
      return this.refunds ? this.refunds.settleFromWebhook(trx, inboxId, event) : { outcome: 'recorded', detail: 'No refund settler', paymentId: null };
    // A payout (and its balance transactions): reconciled against the payments it pays out.
    if (event.type === 'payout.paid' || event.type === 'payout.failed') {
      const importer = this.payoutImporter();
      if (!importer) return { outcome: 'recorded', detail: 'No payout importer', paymentId: null };
      return { ...(await importer.importPayout(trx, { id: inboxId, provider: this.gateway.name }, event)), paymentId: null };
    }
    const reference = event.type === 'dispute.opened' ? (event.chargeReference ?? event.gatewayReference) : event.gatewayReference;
    const payment = await repo.lockPaymentByGatewayReference(trx, this.gateway.name, reference);
    // Rolled back (nothing stored): the payment may not have committed yet; the gateway redelivers.
    if (!payment) throw webhookPaymentUnknown();
    if (event.currency !== payment.currency.trim() || event.amount !== payment.amount) {
      return { outcome: 'ignored', detail: `Amount ${event.amount} ${event.currency} differs from the payment's ${payment.amount} ${payment.currency}`, paymentId: payment.id };
    }
    const ignored = (why: string): Outcome => ({ outcome: 'ignored', detail: `${event.type} on a ${payment.status} payment: ${why}`, paymentId: payment.id });
    const now = this.clock.now();
    const moved = async (from: typeof payment.status, to: typeof payment.status, changes: Parameters<typeof repo.transition>[4] = {}) => {
      const row = await repo.transition(trx, payment.id, from, to, changes, now);
      // The row is locked, so the guard holds; a miss would mean a concurrent writer without the lock.
      if (!row) throw new Error(`Payment ${payment.id} left ${from} while locked`);
      await repo.insertHistory(trx, { payment_id: payment.id, from_status: from, to_status: to, actor_id: null, webhook_event_id: inboxId, note: event.type, occurred_at: now });
      return row;
    };

    switch (event.type) {
      case 'payment.succeeded': {
        if (payment.status !== 'pending') return ignored('only a pending payment can succeed');
        const row = await moved('pending', 'succeeded');
        await this.audit.record(trx, { action: 'payment.settle', entity: { type: 'payment', id: payment.id }, branchId: payment.branch_id, metadata: { eventId: event.id } });
        await this.payments.receive(trx, null, row);
        return { outcome: 'applied', detail: null, paymentId: payment.id };
      }
      case 'payment.failed': {
        if (payment.status !== 'pending') return ignored('only a pending payment can fail');
        const code = event.declineCode ?? 'processing_error';
        const failed = await moved('pending', 'failed', { failure_code: code, failure_message: DECLINE_MESSAGES[code] });
        await this.audit.record(trx, { action: 'payment.fail', entity: { type: 'payment', id: payment.id }, branchId: payment.branch_id, metadata: { eventId: event.id, code } });
        await this.payments.messages.paymentFailed(trx, failed, failureReason(failed));
        return { outcome: 'applied', detail: null, paymentId: payment.id };
      }
      case 'dispute.opened': {
        // Out of order (the dispute before the success): refused and not stored, so the gateway's
        // redelivery applies it once the payment has succeeded — never lost, never moving it backwards.
        if (payment.status === 'pending') throw webhookPaymentPending();
        if (payment.status !== 'succeeded' || !payment.ledger_entry_id) return ignored('only a succeeded payment can be disputed');
        // The money goes back by the take-back staff reversals use too (PaymentsService.takeBack).
        await this.payments.takeBack(trx, payment, {
          actor: null,
          webhookEventId: inboxId,
          note: `Dispute opened (${event.id})`,
          reason: `Payment ${payment.payment_number} charged back`,
          auditMetadata: { eventId: event.id, reason: 'dispute' },
        });
        return { outcome: 'applied', detail: null, paymentId: payment.id };
      }
    }
  }
}
