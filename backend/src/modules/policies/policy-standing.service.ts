// Grace, lapse and the lapse reviews. A daily job reads billing's overdue facts: a policy whose
// oldest unpaid premium is past due goes `active → grace` (grace days from the product version);
// paying the arrears brings it back to `active`; 7 days before the end of grace the agent is warned;
// after the last day of grace it lapses (a lapse transaction, issued by the job, effective the day
// after) — unless something must be looked at first (a pending change, an open claim), in which case
// a manager decides: lapse it now, or extend its grace. Reinstatement is a policy transaction
// (policy-transactions.service.ts). Every step is idempotent: the job can run twice, or after days
// of downtime, and does each thing once.
import type { LapseReviewDecisionBody, PoliciesErrorCode, PolicyNotice, PolicyStanding, StandingWorklistItem, StandingWorklistQuery } from '../../contracts/policies';
import type { Page } from '../../contracts/common';
import type { Db, DbOrTrx, Trx } from '../../db';
import { withTransaction } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays, daysBetween } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { ConflictError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { BillingHooks } from '../billing/billing-policies';
import type { QuoteBook } from '../products/quote-book';
import * as policiesRepo from './policies.repository';
import type { PolicyMessages } from './policy-messages';
import type { PolicyTasks, TaskPolicy } from './policy-tasks';
import * as repo from './policy-standing.repository';
import type { PolicyTransactionsService } from './policy-transactions.service';
import * as transactionsRepo from './policy-transactions.repository';
import { DEFAULT_LIFE_REINSTATEMENT_DAYS, DEFAULT_REINSTATEMENT_DAYS, graceDays, gracePeriod, LAPSE_WARNING_DAYS, reinstatableUntil, reinstatementWindowDays } from './standing';

/** A manager may extend a grace period by at most this many days past its end. */
export const MAX_GRACE_EXTENSION_DAYS = 90;

/** Another module's reasons not to lapse a policy on its own (claims: an open claim). */
export interface LapseGuard {
  name: string;
  reasons(db: DbOrTrx, policyId: string): Promise<string[]>;
}

/** `services.lapseGuards`: modules that know why a policy must not lapse unattended register here. */
export class LapseGuards {
  private readonly guards: LapseGuard[] = [];
  register(guard: LapseGuard): void {
    this.guards.push(guard);
  }
  async reasons(db: DbOrTrx, policyId: string): Promise<string[]> {
    return (await Promise.all(this.guards.map((g) => g.reasons(db, policyId)))).flat();
  }
}

const conflict = (code: PoliciesErrorCode, detail: string, extras?: Record<string, unknown>) => new ConflictError(code, detail, extras);

export interface StandingReview {
  graceStarted: number;
  paidUp: number;
  warned: number;
  lapsed: number;
  referred: number;
}

const CHUNK = 500;

export class PolicyStandingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly quotes: QuoteBook,
    private readonly billing: BillingHooks,
    private readonly transactions: PolicyTransactionsService,
    private readonly guards: LapseGuards,
    private readonly tasks: PolicyTasks,
    private readonly messages: PolicyMessages,
  ) {}

  /** The daily job `policies.review-standing` (after billing marks invoices overdue). */
  async review(today: string = this.clock.businessDate()): Promise<StandingReview> {
    const result: StandingReview = { graceStarted: 0, paidUp: 0, warned: 0, lapsed: 0, referred: 0 };
    // 1. Active policies with an overdue premium go into grace.
    const overdue = await this.billing.overdueSince(this.db);
    const ids = [...overdue.keys()];
    for (let i = 0; i < ids.length; i += CHUNK) {
      for (const policy of await repo.policiesWithStatus(this.db, ids.slice(i, i + CHUNK), ['active'])) {
        if (await this.startGrace(policy.id, overdue.get(policy.id)!)) result.graceStarted++;
      }
    }
    // 2. Policies in grace: paid up, warned, lapsed or referred to a manager.
    const inGrace = await repo.policiesInGrace(this.db);
    const stillOverdue = await this.billing.overdueSince(
      this.db,
      inGrace.map((p) => p.id),
    );
    for (const policy of inGrace) {
      if (!stillOverdue.has(policy.id)) {
        if (await this.endGrace(policy.id)) result.paidUp++;
        continue;
      }
      const endsOn = policy.grace_ends_on!;
      if (today > endsOn) {
        const outcome = await this.lapseOrRefer(policy.id, endsOn);
        if (outcome === 'lapsed') result.lapsed++;
        if (outcome === 'referred') result.referred++;
      } else if (today >= addDays(endsOn, -LAPSE_WARNING_DAYS)) {
        if (await this.warnOfLapse(policy, today)) result.warned++;
      }
    }
    return result;
  }

  /** A week before the end of grace: a notice and the agent's last call before the lapse (once per grace period). */
  private async warnOfLapse(policy: repo.StandingPolicyRow, today: string): Promise<boolean> {
    return withTransaction(this.db, async (trx) => {
      const endsOn = policy.grace_ends_on!;
      const created = await repo.insertNoticeIfNew(trx, {
        ...noticeOf(policy),
        kind: 'lapse_warning',
        period_key: policy.grace_since!,
        message: `${policy.policy_number} lapses after ${endsOn} unless the overdue premium is paid (${daysBetween(today, endsOn)} day(s) left)`,
        created_at: this.clock.now(),
      });
      if (created) {
        await this.tasks.lapseWarning(trx, taskPolicyOf(policy), policy.grace_since!, endsOn);
        await this.messages.lapseWarning(trx, messagePolicyOf(policy), { since: policy.grace_since!, endsOn, daysLeft: daysBetween(today, endsOn) });
      }
      return created;
    });
  }

  /** active → grace from the overdue premium's due date (history, audit, notice, a task for the agent). False when it is no longer active. */
  private async startGrace(policyId: string, overdueSince: string): Promise<boolean> {
    return withTransaction(this.db, async (trx) => {
      const policy = await repo.lockStandingPolicy(trx, policyId);
      if (!policy || policy.status !== 'active') return false;
      const rules = (await this.quotes.definitionOf(trx, policy.product_version_id)).servicing;
      const period = gracePeriod(overdueSince, graceDays(rules, policy.payment_frequency as never));
      const now = this.clock.now();
      await repo.setStanding(trx, policy.id, policy.version, { status: 'grace', grace_since: period.since, grace_ends_on: period.endsOn }, now);
      await policiesRepo.insertStatusHistory(trx, {
        policy_id: policy.id,
        from_status: 'active',
        to_status: 'grace',
        reason: `Premium due ${period.since} unpaid: in grace until ${period.endsOn}`,
        changed_by: null,
        changed_at: now,
      });
      await this.audit.record(trx, {
        actor: null,
        action: 'policy.grace_start',
        entity: { type: 'policy', id: policy.id },
        branchId: policy.branch_id,
        before: { status: 'active' },
        after: { status: 'grace', graceSince: period.since, graceEndsOn: period.endsOn },
      });
      await repo.insertNoticeIfNew(trx, {
        ...noticeOf(policy),
        kind: 'grace_started',
        period_key: period.since,
        message: `${policy.policy_number} is in its grace period: the premium due ${period.since} is unpaid; it lapses after ${period.endsOn}`,
        created_at: now,
      });
      await this.messages.graceStarted(trx, messagePolicyOf(policy), { dueDate: period.since, endsOn: period.endsOn });
      await this.tasks.graceStarted(trx, taskPolicyOf(policy), period.since, period.endsOn, this.clock.businessDate());
      return true;
    });
  }

  /** grace → active: the arrears were paid. */
  private async endGrace(policyId: string): Promise<boolean> {
    return withTransaction(this.db, async (trx) => {
      const policy = await repo.lockStandingPolicy(trx, policyId);
      if (!policy || policy.status !== 'grace') return false;
      if ((await this.billing.overdueSince(trx, [policyId])).size) return false;
      const now = this.clock.now();
      await repo.setStanding(trx, policy.id, policy.version, { status: 'active', grace_since: null, grace_ends_on: null }, now);
      await policiesRepo.insertStatusHistory(trx, {
        policy_id: policy.id,
        from_status: 'grace',
        to_status: 'active',
        reason: 'Overdue premium paid',
        changed_by: null,
        changed_at: now,
      });
      await this.audit.record(trx, {
        actor: null,
        action: 'policy.grace_end',
        entity: { type: 'policy', id: policy.id },
        branchId: policy.branch_id,
        before: { status: 'grace', graceSince: policy.grace_since, graceEndsOn: policy.grace_ends_on },
        after: { status: 'active' },
      });
      await this.tasks.graceEnded(trx, policy.id, policy.grace_since!, 'The overdue premium was paid: the policy is active again');
      return true;
    });
  }

  /** After the last day of grace: lapse, or (a pending change, an open claim) a review for a manager. */
  private async lapseOrRefer(policyId: string, graceEndsOn: string): Promise<'lapsed' | 'referred' | 'none'> {
    return withTransaction(this.db, async (trx) => {
      const policy = await repo.lockStandingPolicy(trx, policyId);
      if (!policy || policy.status !== 'grace' || policy.grace_ends_on !== graceEndsOn) return 'none';
      const existing = await repo.reviewOf(trx, policyId, graceEndsOn);
      if (existing) return 'none'; // a manager decides (or has decided) this grace period
      const reasons = await this.lapseBlockers(trx, policyId);
      const now = this.clock.now();
      if (reasons.length) {
        await repo.insertLapseReviewIfNew(trx, { policy_id: policyId, branch_id: policy.branch_id, grace_ends_on: graceEndsOn, reasons: JSON.stringify(reasons), created_at: now });
        await this.audit.record(trx, {
          actor: null,
          action: 'policy.lapse_review',
          entity: { type: 'policy', id: policyId },
          branchId: policy.branch_id,
          metadata: { graceEndsOn, reasons },
        });
        return 'referred';
      }
      await this.lapse(trx, null, policy);
      return 'lapsed';
    });
  }

  /** Why this policy must not lapse unattended: its pending changes, and what other modules say (an open claim). */
  private async lapseBlockers(db: DbOrTrx, policyId: string): Promise<string[]> {
    const pending = await transactionsRepo.openTransactionsOf(db, policyId);
    return [...pending.map((t) => `${t.transaction_number}: a pending ${t.type} (${t.status})`), ...(await this.guards.reasons(db, policyId))];
  }

  /** grace → lapsed through a lapse transaction effective the day after the last day of grace; a notice. */
  private async lapse(trx: Trx, actor: Actor | null, policy: repo.StandingPolicyRow): Promise<void> {
    const lapsedOn = addDays(policy.grace_ends_on!, 1);
    await this.transactions.issueLapse(trx, actor, {
      id: policy.id,
      policyNumber: policy.policy_number,
      branchId: policy.branch_id,
      version: policy.version,
      graceSince: policy.grace_since!,
      graceEndsOn: policy.grace_ends_on!,
    });
    await repo.insertNoticeIfNew(trx, {
      ...noticeOf(policy),
      kind: 'lapsed',
      period_key: lapsedOn,
      message: `${policy.policy_number} lapsed on ${lapsedOn}: the premium due ${policy.grace_since} was not paid by the end of grace`,
      created_at: this.clock.now(),
    });
    await this.messages.lapsed(trx, messagePolicyOf(policy), lapsedOn);
    await this.tasks.graceEnded(trx, policy.id, policy.grace_since!, `Not paid: the policy lapsed on ${lapsedOn}`);
  }

  /**
   * A manager decides a lapse review (If-Match on the review's version): lapse the policy now
   * (effective the day after its grace ended), or extend its grace to a later date (at most 90 days
   * past its end). 409 LAPSE_REVIEW_DECIDED when it was decided already.
   */
  async decideReview(actor: Actor, policyId: string, version: number, body: LapseReviewDecisionBody): Promise<PolicyStanding> {
    await withTransaction(this.db, async (trx) => {
      const policy = visibleOr404(actor, await repo.lockStandingPolicy(trx, policyId), 'policy');
      const review = policy.status === 'grace' ? await repo.reviewOf(trx, policyId, policy.grace_ends_on!) : undefined;
      if (!review) throw conflict('LAPSE_REVIEW_DECIDED', 'This policy is not waiting for a lapse decision.', { currentStatus: policy.status });
      const locked = (await repo.lockReview(trx, review.id))!;
      if (locked.status !== 'pending') throw conflict('LAPSE_REVIEW_DECIDED', `This grace period was decided already (${locked.status}).`, { currentStatus: policy.status });
      if (locked.version !== version) throw new PreconditionFailedError(locked.version);
      const now = this.clock.now();
      if (body.decision === 'extend') {
        const latest = addDays(policy.grace_ends_on!, MAX_GRACE_EXTENSION_DAYS);
        if (body.extendTo <= policy.grace_ends_on! || body.extendTo > latest) {
          throw new ValidationError([{ path: 'extendTo', message: `Pick a date after ${policy.grace_ends_on} and no later than ${latest}` }], 'That is not a valid extension.');
        }
        await repo.setStanding(trx, policy.id, policy.version, { status: 'grace', grace_since: policy.grace_since, grace_ends_on: body.extendTo }, now);
      } else {
        await this.lapse(trx, actor, policy);
      }
      await repo.decideReview(trx, locked.id, {
        status: body.decision === 'extend' ? 'extended' : 'lapsed',
        decided_by: actor.userId,
        decided_at: now,
        note: body.note,
        extended_to: body.decision === 'extend' ? body.extendTo : null,
        version: locked.version + 1,
      });
      await this.audit.record(trx, {
        actor,
        action: 'policy.lapse_review_decide',
        entity: { type: 'policy', id: policyId },
        branchId: policy.branch_id,
        before: { graceEndsOn: policy.grace_ends_on },
        after: body.decision === 'extend' ? { graceEndsOn: body.extendTo } : { status: 'lapsed' },
        metadata: { decision: body.decision, note: body.note, reasons: locked.reasons },
      });
    });
    const row = (await policiesRepo.findPolicy(this.db, policyId))!;
    return (await standingOf(this.db, this.quotes, row))!;
  }

  /** The worklists: in grace, lapsed and reinstatable, waiting on a manager. */
  async worklist(actor: Actor, query: StandingWorklistQuery): Promise<Page<StandingWorklistItem>> {
    const page = await repo.worklistPage(
      this.db,
      actor,
      { list: query.list, today: this.clock.businessDate(), defaultWindows: { life: DEFAULT_LIFE_REINSTATEMENT_DAYS, other: DEFAULT_REINSTATEMENT_DAYS } },
      { limit: query.limit, cursor: query.cursor },
    );
    return {
      items: page.items.map((r) => ({
        policyId: r.id,
        policyNumber: r.policy_number,
        status: r.status as StandingWorklistItem['status'],
        customer: { id: r.customer_id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}` },
        product: { name: r.product_name, category: r.product_category },
        branchId: r.branch_id,
        agent: { id: r.agent_id, name: r.agent_name },
        currency: r.currency.trim(),
        installmentAmount: Number(r.installment_amount),
        standing: {
          graceSince: r.grace_since,
          graceEndsOn: r.grace_ends_on,
          lapsedOn: r.lapsed_on,
          reinstatableUntil: r.status === 'lapsed' ? r.reinstatable_until : null,
          lapseReview: r.review_id ? { id: r.review_id, reasons: r.review_reasons ?? [], version: r.review_version! } : null,
        },
        version: r.version,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The policy's notices, newest first. */
  async notices(actor: Actor, policyId: string): Promise<{ items: PolicyNotice[] }> {
    visibleOr404(actor, await policiesRepo.findPolicy(this.db, policyId), 'policy');
    return { items: (await repo.noticesOfPolicy(this.db, policyId)).map(noticeDto) };
  }

  /** The customer's 360° section: the newest notices about their policies. */
  async overviewSection(db: DbOrTrx, customerId: string) {
    const rows = await repo.noticesOfCustomer(db, customerId, 5);
    return { count: rows.length, items: rows.map((n) => ({ policyNumber: n.policy_number, notice: n.message, date: n.created_at.toISOString() })) };
  }

  moveCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
    return repo.moveNotices(trx, sourceId, targetId);
  }
}

const noticeDto = (n: repo.NoticeRow): PolicyNotice => ({
  id: n.id,
  policyId: n.policy_id,
  policyNumber: n.policy_number,
  kind: n.kind,
  message: n.message,
  createdAt: n.created_at.toISOString(),
});

const taskPolicyOf = (p: repo.StandingPolicyRow): TaskPolicy => ({
  id: p.id,
  policyNumber: p.policy_number,
  customerId: p.customer_id,
  branchId: p.branch_id,
  agentId: p.agent_id,
});
const messagePolicyOf = (p: repo.StandingPolicyRow) => ({ id: p.id, policyNumber: p.policy_number, customerId: p.customer_id });
const noticeOf = (p: repo.StandingPolicyRow) => ({ policy_id: p.id, customer_id: p.customer_id, branch_id: p.branch_id, agent_id: p.agent_id });

/** Where a policy stands on its premiums (null when it is neither in grace nor lapsed). */
export async function standingOf(
  db: DbOrTrx,
  quotes: QuoteBook,
  policy: { id: string; status: string; grace_since: string | null; grace_ends_on: string | null; product_version_id: string; product_category: string },
): Promise<PolicyStanding | null> {
  if (policy.status === 'grace') {
    const review = await repo.reviewOf(db, policy.id, policy.grace_ends_on!);
    return {
      graceSince: policy.grace_since,
      graceEndsOn: policy.grace_ends_on,
      lapsedOn: null,
      reinstatableUntil: null,
      lapseReview: review?.status === 'pending' ? { id: review.id, reasons: review.reasons, version: review.version } : null,
    };
  }
  if (policy.status === 'lapsed') {
    const lapse = await repo.openLapse(db, policy.id);
    if (!lapse) return null;
    const rules = (await quotes.definitionOf(db, policy.product_version_id)).servicing;
    return {
      graceSince: null,
      graceEndsOn: null,
      lapsedOn: lapse.lapsed_on,
      reinstatableUntil: reinstatableUntil(lapse.lapsed_on, reinstatementWindowDays(rules, policy.product_category)),
      lapseReview: null,
    };
  }
  return null;
}
