// Approval limits (role × kind × currency → largest amount) and the two checks later modules call
// before an approval: the amount is within the actor's limit, and the approver is not the submitter.
import type { ApprovalKind, ApprovalLimit, ApprovalLimitSet } from '../../contracts/identity';
import { withTransaction, type Db, type DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { PreconditionFailedError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import { approvalLimitExceeded, fourEyes } from './identity.errors';
import * as repo from './identity.repository';

const toLimit = (r: repo.ApprovalLimitRow): ApprovalLimit => ({ role: r.role, kind: r.kind as ApprovalKind, currency: r.currency, maxAmount: r.max_amount });
const key = (l: ApprovalLimit) => `${l.role}/${l.kind}/${l.currency}`;

export class ApprovalLimitsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<ApprovalLimitSet> {
    const rows = await repo.listApprovalLimits(this.db);
    return { revision: await repo.currentLimitRevision(this.db), items: rows.map(toLimit) };
  }

  /** Replaces the whole table (admins). `revision` is the If-Match of the set last read. */
  async replace(actor: Actor, revision: number, items: ApprovalLimit[]): Promise<ApprovalLimitSet> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      // One editor at a time; readers are not blocked.
      await repo.lockApprovalLimits(trx);
      const current = await repo.currentLimitRevision(trx);
      if (current !== revision) throw new PreconditionFailedError(current);
      const before = new Map((await repo.listApprovalLimits(trx)).map((r) => [key(toLimit(r)), r.max_amount]));
      const after = new Map(items.map((l) => [key(l), l.maxAmount]));
      const next = await repo.nextLimitRevision(trx);
      await repo.replaceApprovalLimits(
        trx,
        items.map((l) => ({ role: l.role, kind: l.kind, currency: l.currency, max_amount: l.maxAmount, revision: next, updated_at: now, updated_by: actor.userId })),
      );
      const changed = (m: Map<string, number>, other: Map<string, number>) => Object.fromEntries([...m].filter(([k, v]) => other.get(k) !== v));
      await this.audit.record(trx, {
        actor,
        action: 'approval_limits.replace',
        entity: { type: 'approval_limits', id: 'all' },
        before: changed(before, after),
        after: changed(after, before),
        metadata: { revision: next },
      });
      return { revision: next, items: items.map((l) => ({ ...l })).sort((a, b) => key(a).localeCompare(key(b))) };
    });
  }

  /** The largest amount (minor units) `role` may approve of `kind` in `currency`; null when it may approve none. */
  async limitOf(db: DbOrTrx, role: Actor['role'], kind: ApprovalKind, currency: string): Promise<number | null> {
    return (await repo.findApprovalLimit(db, role, kind, currency))?.max_amount ?? null;
  }

  /** 403 APPROVAL_LIMIT_EXCEEDED unless the actor's role may approve `amount` (minor units) of `kind`. */
  async assertWithinLimit(db: DbOrTrx, actor: Actor, kind: ApprovalKind, amount: number, currency: string): Promise<void> {
    const limit = await repo.findApprovalLimit(db, actor.role, kind, currency);
    if (!limit || amount > limit.max_amount) {
      throw approvalLimitExceeded(
        limit
          ? `This exceeds your approval limit of ${(limit.max_amount / 100).toFixed(2)} ${currency}; refer it to someone with a higher limit.`
          : `Your role may not approve ${kind.replace(/_/g, ' ')} in ${currency}.`,
        { kind, currency, amount, limit: limit?.max_amount ?? 0 },
      );
    }
  }

  /**
   * 409 FOUR_EYES when the approver is the person who submitted the item — or any of them, when it
   * was submitted more than once (pass everyone who did).
   */
  assertFourEyes(actor: Actor, submittedBy: string | null | undefined | readonly (string | null | undefined)[]): void {
    const submitters = typeof submittedBy === 'string' || submittedBy == null ? [submittedBy] : submittedBy;
    if (submitters.some((id) => id && id === actor.userId)) throw fourEyes();
  }
}
