// Underwriting: the queue of applications awaiting a decision, and the underwriter's steps — take
// for review, ask for information, decline, approve (as quoted or rated; four-eyes and approval
// limits; the policy issued in the same transaction) — each a transition of the order
// (`OrdersService.transition`: lock, state, version, history and audit in one transaction).
import type { ApproveOrderBody, Order, UnderwritingQueueItem, UnderwritingQueueQuery } from '../../contracts/orders';
import { NO_LATE_FEE, type PriceBreakdown } from '../../contracts/products';
import type { Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { visibleOr404 } from '../../platform/scope';
import type { ApprovalLimitsService } from '../identity/approval-limits.service';
import type { PolicyIssuer } from '../policies/policy-issuer';
import type { QuoteBook } from '../products/quote-book';
import type { ExamsService } from './exams.service';
import { businessDaysBetween } from './order-status';
import * as repo from './orders.repository';
import { assertTripNotStarted, type OrdersService } from './orders.service';
import { ordersConflict } from './orders.errors';

/** Sums insured from which an application is high priority in the underwriting queue (minor units). */
const HIGH_PRIORITY_SUM_INSURED = 1_000_000_00;

export class UnderwritingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly orders: OrdersService,
    private readonly quotes: QuoteBook,
    private readonly approvalLimits: ApprovalLimitsService,
    private readonly policies: PolicyIssuer,
    private readonly exams: ExamsService,
  ) {}

  /** The underwriter who takes it becomes its underwriter. */
  startReview(actor: Actor, id: string, version: number) {
    return this.orders.transition(actor, id, version, 'start_review', null, () => ({ underwriter_id: actor.userId }));
  }

  requestInfo(actor: Actor, id: string, version: number, what: string) {
    return this.orders.transition(actor, id, version, 'request_info', what, () => ({ info_request: what }));
  }

  decline(actor: Actor, id: string, version: number, reasonCode: string, note: string) {
    return this.orders.transition(actor, id, version, 'decline', `${reasonCode}: ${note}`, (_trx, row, now) => ({
      decided_at: now,
      decided_by: actor.userId,
      decision_note: note,
      decline_reason_code: reasonCode,
      processing_business_days: businessDaysBetween(this.clock.businessDate(row.first_submitted_at!), this.clock.businessDate(now)),
    }));
  }

  /** What the premium would be with an extra premium, before the underwriter confirms (no change). */
  async ratingPreview(actor: Actor, id: string, extraPercent: number): Promise<PriceBreakdown> {
    const row = visibleOr404(actor, await repo.findOrder(this.db, id), 'order');
    return this.quotes.ratedPrice(await this.quotes.saved(this.db, actor, row.quote_id), extraPercent);
  }

  /**
   * In underwriting → approved, as quoted or with a rating, and the policy issued in the same
   * transaction. The approver may not be anyone who submitted it (four-eyes); every required
   * document is verified or waived; every exam has results or a waiver; and the approver's
   * order_sum_insured limit covers the sum insured.
   */
  approve(actor: Actor, id: string, version: number, input: ApproveOrderBody): Promise<Order> {
    return this.orders.transition(actor, id, version, 'approve', input.note ?? null, async (trx, row, now) => {
      // Four-eyes against everyone who ever submitted it, not only the last submitter.
      this.approvalLimits.assertFourEyes(actor, await repo.submitters(trx, row.id));
      assertTripNotStarted(row, this.clock.businessDate(now));
      const unverified = await this.orders.unverifiedDocuments(trx, actor, row);
      if (unverified.length) {
        throw ordersConflict('DOCUMENTS_UNVERIFIED', `Documents not verified: ${unverified.map((d) => `${d.name} (${d.status})`).join('; ')}. Verify or waive each one first.`, {
          documents: unverified,
        });
      }
      const outstanding = await this.exams.outstanding(trx, row.id);
      if (outstanding.length) {
        throw ordersConflict(
          'EXAMS_OUTSTANDING',
          `Exams still open: ${outstanding.map((e) => `${e.examType.replace('_', ' ')} (${e.status.replace('_', ' ')})`).join(', ')}. Receive their results or waive them first.`,
          { exams: outstanding },
        );
      }
      await this.approvalLimits.assertWithinLimit(trx, actor, 'order_sum_insured', Number(row.sum_insured), row.currency);
      const quote = await this.quotes.saved(trx, actor, row.quote_id);
      const price = this.quotes.ratedPrice(quote, input.extraPremiumPercent);
      const exclusions = input.exclusions ?? [];
      await this.policies.issue(trx, actor, {
        orderId: row.id,
        orderNumber: row.order_number,
        customerId: row.customer_id,
        branchId: row.branch_id,
        agentId: row.agent_id,
        insured: row.insured,
        productId: row.product_id,
        productVersionId: row.product_version_id,
        coverages: row.coverages,
        sumInsured: Number(row.sum_insured),
        currency: row.currency,
        price,
        extraPremiumPercent: input.extraPremiumPercent ?? null,
        exclusions,
        paymentFrequency: row.payment_frequency,
        termYears: row.term_years,
        trip: row.trip,
        requestedStartDate: row.requested_start_date,
        beneficiaries: row.beneficiaries,
        paymentMethod: row.payment_method,
        // The version that priced the quote says what a late installment costs.
        lateFee: quote.productVersion.definition.lateFee ?? NO_LATE_FEE,
        ratingInputs: { applicant: quote.applicant, risk: quote.risk, termYears: quote.termYears ?? 0 },
      });
      return {
        decided_at: now,
        decided_by: actor.userId,
        decision_note: input.note ?? null,
        extra_premium_percent: input.extraPremiumPercent ?? null,
        exclusions: JSON.stringify(exclusions),
        approved_annual_premium: price.annualPremium,
        processing_business_days: businessDaysBetween(this.clock.businessDate(row.first_submitted_at!), this.clock.businessDate(now)),
      };
    });
  }

  /**
   * Orders awaiting a decision (submitted, or in underwriting), high priority first (a referral
   * reason, or a sum insured of 1,000,000 or more), then the longest waiting. A bounded list, not
   * paged: it is a work queue, and the filters narrow it.
   */
  async queue(actor: Actor, filter: UnderwritingQueueQuery): Promise<{ items: UnderwritingQueueItem[] }> {
    const rows = await repo.queue(this.db, actor, filter, HIGH_PRIORITY_SUM_INSURED);
    const today = this.clock.businessDate();
    return {
      items: rows.map((r) => ({
        ...this.orders.summary(r),
        priority: r.high_priority ? 'high' : 'normal',
        referrals: r.referrals,
        ageBusinessDays: businessDaysBetween(this.clock.businessDate(r.submitted_at!), today),
        underwriter: r.underwriter_id ? { id: r.underwriter_id, name: r.underwriter_name } : null,
      })),
    };
  }
}
