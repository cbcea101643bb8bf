// What the claimant is told, through the notifications outbox in the transaction of the change (once
// each: idempotency keys per claim or request): the acknowledgement when the claim is submitted, the
// decision (approved, approved in part, rejected), and the adjuster's requests for information.
// The claimant is whoever reported the loss when the first notice gave their email or international
// phone number (a beneficiary, a relative), else the policyholder on their preferred channel.
import type { Trx } from '../../db';
import { formatMoney } from '../../platform/money';
import type { ClaimsDeps } from './claim-state';
import type { ClaimRow } from './claims.repository';

/** Business days the claims team aims to decide in (issue 13): said in the acknowledgement. */
export const CLAIM_DECISION_TARGET_DAYS = 10;

/** How a message reached the claimant, or null when there was no address (the adjuster phones). */
export interface ClaimantDelivery {
  sent_via: 'email' | 'sms';
  sent_to: 'reporter' | 'policyholder';
  recipient: string;
}

/**
 * A reporter's phone as an E.164 number to text, when it was given in international form (+ and
 * 8–15 digits, spaces, dots, dashes and brackets allowed); a national number is not texted (its
 * country is unknown) — the policyholder's number on file is used instead.
 */
export function textable(phone: string | undefined): string | undefined {
  const compact = phone?.replace(/[\s().-]/g, '');
  return compact && /^\+[1-9]\d{7,14}$/.test(compact) ? compact : undefined;
}

type ClaimRef = Pick<ClaimRow, 'id' | 'claim_number' | 'customer_id' | 'reporter' | 'loss_date' | 'currency'>;

export class ClaimMessages {
  constructor(private readonly d: Pick<ClaimsDeps, 'notifications' | 'customerProfiles'>) {}

  acknowledged(trx: Trx, claim: ClaimRef) {
    return this.toClaimant(trx, claim, 'claim-acknowledgement', `claim:${claim.id}:acknowledgement`, {
      lossDate: claim.loss_date,
      decisionDays: CLAIM_DECISION_TARGET_DAYS,
    });
  }

  /** The decision, once per claim and outcome (a reopened claim decided again is told again only if the outcome differs). */
  decided(trx: Trx, claim: ClaimRef, decision: 'approved' | 'partially_approved' | 'rejected', detail: { approvedAmount: number | null; reason: string | null }) {
    const amount = formatMoney(detail.approvedAmount ?? 0, claim.currency.trim());
    const reason = detail.reason?.trim().replace(/\.$/, '') || 'The policy does not cover this loss';
    const [template, data] =
      decision === 'approved'
        ? (['claim-approved', { approvedAmount: amount }] as const)
        : decision === 'partially_approved'
          ? (['claim-partially-approved', { approvedAmount: amount, reason }] as const)
          : (['claim-rejected', { reason }] as const);
    return this.toClaimant(trx, claim, template, `claim:${claim.id}:decision:${decision}`, data);
  }

  /**
   * Queues `template` to the claimant: the reporter's email, else their phone (by text, when given in
   * international form); else the policyholder on their preferred channel (falling back to the other).
   */
  async toClaimant(trx: Trx, claim: ClaimRef, template: string, idempotencyKey: string, data: Record<string, string | number>): Promise<ClaimantDelivery | null> {
    const all = { claimNumber: claim.claim_number, ...data };
    const reporter = claim.reporter;
    const reporterChannels = [
      ...(reporter.email ? [{ channel: 'email' as const, recipient: reporter.email }] : []),
      ...(textable(reporter.phone) ? [{ channel: 'sms' as const, recipient: textable(reporter.phone)! }] : []),
    ];
    for (const { channel, recipient } of reporterChannels) {
      const queued = await this.d.notifications.enqueue(trx, {
        channel,
        template,
        recipient,
        // Kept on the message so the customer's timeline lists it (the claim is theirs), whoever it went to.
        customerId: claim.customer_id,
        data: { customerName: reporter.name, ...all },
        idempotencyKey,
        purpose: 'service',
      });
      if (queued.queued) return { sent_via: channel, sent_to: 'reporter', recipient: queued.message.recipient };
    }
    const queued = await this.d.notifications.tellCustomer(trx, { customerId: claim.customer_id, template, data: all, idempotencyKey });
    return queued.queued ? { sent_via: queued.message.channel, sent_to: 'policyholder', recipient: queued.message.recipient } : null;
  }
}
