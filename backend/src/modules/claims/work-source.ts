// The claims module's part of "My work" (registered into the service desk's `workSources`): the open
// claims assigned to the caller, due at their decision target — the close of business of the 10th
// business day after the submission's business date on the claim's branch calendar (the KPI "claims
// decided within 10 business days"; a draft has none) — and the open requests for information the
// caller follows up, due at the close of business of their due date (the next business day's when
// the branch is closed that day) — and the fast-tracked claims of the daily sample they review, due
// at the close of business of the next business day after the claim was paid.
import type { Claim } from '../../contracts/claims';
import type { WorkSource } from '../service/work-sources';
import { fastTrackReviewsOf, openClaimsAssignedTo } from './claims.repository';
import { openRequestsFollowedBy } from './information-requests.repository';

/** Business days from the submission to the decision target (the KPI). */
export const CLAIM_DECISION_TARGET_BUSINESS_DAYS = 10;

type ClaimRowOfWork = Awaited<ReturnType<typeof openClaimsAssignedTo>>[number] | Awaited<ReturnType<typeof fastTrackReviewsOf>>[number];

/** A claim as My work lists it, whichever list it came from. */
const claimItem = (c: ClaimRowOfWork) =>
  ({
    kind: 'claim',
    claim: {
      id: c.id,
      claimNumber: c.claim_number,
      status: c.status,
      customerName: `${c.first_name} ${c.last_name}`,
      lossType: c.loss_type,
      submittedAt: c.submitted_at?.toISOString() ?? null,
    },
  }) as const;

export const claimsWorkSource: WorkSource = {
  name: 'claims',
  async load(db, actor, { calendarOf, limit }) {
    const claims = await openClaimsAssignedTo(db, actor, limit);
    const requests = await openRequestsFollowedBy(db, actor, limit);
    const reviews = await fastTrackReviewsOf(db, actor, limit);
    const out: Awaited<ReturnType<WorkSource['load']>> = [];
    for (const c of claims) {
      let dueAt: Date | null = null;
      if (c.status !== 'draft' && c.submitted_at) {
        const calendar = await calendarOf(c.branch_id);
        dueAt = calendar.closeOfBusinessDay(calendar.dateOf(c.submitted_at), CLAIM_DECISION_TARGET_BUSINESS_DAYS);
      }
      out.push({
        item: claimItem(c),
        dueAt,
      });
    }
    for (const c of reviews) {
      const calendar = await calendarOf(c.branch_id);
      out.push({
        item: claimItem(c),
        dueAt: calendar.closeOfBusinessDay(calendar.dateOf(c.fast_tracked_at!), 1),
      });
    }
    for (const r of requests) {
      const calendar = await calendarOf(r.branch_id);
      out.push({
        item: {
          kind: 'claim_information_request',
          request: {
            id: r.id,
            items: r.items,
            documentCode: r.document_code,
            dueOn: r.due_on,
            claim: { id: r.claim_id, claimNumber: r.claim_number, status: r.claim_status as Claim['status'], customerName: r.customer_name },
          },
        },
        dueAt: calendar.closeOfBusinessDay(r.due_on),
      });
    }
    return out;
  },
};
