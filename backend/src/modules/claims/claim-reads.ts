// Reading claims: the claim page (with its assessment, approvals, referral and document checklist),
// the list and worklists, the status history and the investigation notes — each in the reader's branches.
import {
  CLAIM_DOCUMENTS,
  REQUIRED_CLAIM_DOCUMENTS,
  type Claim,
  type ClaimAssessment,
  type ClaimFastTrack,
  type ClaimListQuery,
  type ClaimNote,
  type ClaimReferral,
  type ClaimStatus,
  type ClaimSummary,
} from '../../contracts/claims';
import type { ChecklistItem, DocumentMeta } from '../../contracts/documents';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { daysBetween } from '../../platform/calendar';
import { readStatusHistory, type StatusHistoryEntry } from '../../platform/records';
import { visibleOr404 } from '../../platform/scope';
import { OPEN, type ClaimsDeps } from './claim-state';
import { FRAUD_REFERRAL_THRESHOLD } from './fraud-rules';
import * as repo from './claims.repository';

export class ClaimReads {
  constructor(private readonly d: Pick<ClaimsDeps, 'db' | 'clock' | 'documents'>) {}

  /**
   * The claim page's claim: one statement for the claim's own rows, the documents through the documents
   * service, both asked at once (the uploads of a claim the reader may not see are read and dropped).
   */
  async get(actor: Actor, id: string, db: DbOrTrx = this.d.db): Promise<Claim> {
    const [row, uploads] = await Promise.all([repo.findClaimPage(db, id), this.d.documents.forOwner(db, 'claim', id)]);
    const r = visibleOr404(actor, row, 'claim');
    const today = this.d.clock.businessDate();
    return {
      ...this.summary(r),
      lossTime: r.loss_time ? r.loss_time.slice(0, 5) : null,
      description: r.description,
      location: r.location,
      reporter: r.reporter,
      coverageCheck: r.coverage_check,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      decidedAt: r.decided_at?.toISOString() ?? null,
      processingBusinessDays: r.processing_business_days,
      reserves: r.reserves.map((x) => ({ coverage: x.coverage_code, kind: x.kind, amount: Number(x.amount) })),
      outstandingReserve: r.reserves.reduce((s, x) => s + Number(x.amount), 0),
      assessment: this.assessmentOf(r),
      approvedAmount: r.approved_amount === null ? null : Number(r.approved_amount),
      paidAmount: Number(r.paid_amount),
      fraud:
        r.fraud_evaluated_at && r.fraud_indicators
          ? { indicators: r.fraud_indicators, score: r.fraud_score ?? 0, threshold: FRAUD_REFERRAL_THRESHOLD, evaluatedAt: r.fraud_evaluated_at.toISOString() }
          : null,
      referral: referralOf(r.referral),
      fastTrack: fastTrackOf(r),
      documents: checklistOf(r.loss_type, uploads),
      openInformationRequests: r.open_information_requests.map((q) => ({ id: q.id, items: q.items, documentCode: q.document_code, dueOn: q.due_on, overdue: q.due_on < today })),
      createdBy: { id: r.created_by, name: r.created_by_name },
      version: r.version,
    };
  }

  private assessmentOf(r: repo.ClaimPageRow): ClaimAssessment | null {
    if (!r.assessment || !r.assessed_by) return null;
    return {
      round: r.assessment_round,
      lines: r.assessment.lines,
      total: r.assessment.total,
      decision: r.assessment.decision,
      reasonCode: r.assessment.reasonCode,
      reason: r.assessment.reason,
      assessedBy: { id: r.assessed_by, name: r.assessed_by_name ?? '' },
      assessedAt: r.assessment.assessedAt,
      approvalsRequired: r.approvals_required ?? 1,
      approvals: r.approvals.map((a) => ({
        level: a.level,
        approvedBy: { id: a.approved_by, name: a.approved_by_name },
        approvedAt: new Date(a.approved_at).toISOString(),
        amount: Number(a.amount),
      })),
    };
  }

  private summary(r: repo.ClaimListRow): ClaimSummary {
    return {
      id: r.id,
      claimNumber: r.claim_number,
      status: r.status,
      policy: { id: r.policy_id, policyNumber: r.policy_number },
      customer: { id: r.customer_id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}` },
      branchId: r.branch_id,
      lossDate: r.loss_date,
      lossType: r.loss_type,
      claimedAmount: r.claimed_amount === null ? null : Number(r.claimed_amount),
      currency: r.currency.trim(),
      coverageDoubtful: r.coverage_doubtful,
      assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name! } : null,
      ageDays: OPEN.includes(r.status) ? daysBetween(this.d.clock.businessDate(r.created_at), this.d.clock.businessDate()) : null,
      createdAt: r.created_at.toISOString(),
      referralStatus: r.referral_status,
      fraudScore: r.fraud_score,
      fastTrackStatus: r.fast_track_status,
      fastTrackReview: r.fast_track_review,
    };
  }

  async list(actor: Actor, filter: ClaimListQuery) {
    const page = await repo.listPage(this.d.db, actor, filter);
    return { items: page.items.map((r) => this.summary(r)), nextCursor: page.nextCursor };
  }

  // The history and the notes are read beside the claim that scopes them, and dropped if the reader may not see it.
  async history(actor: Actor, id: string): Promise<StatusHistoryEntry<ClaimStatus>[]> {
    const [claim, history] = await Promise.all([repo.findClaim(this.d.db, id), readStatusHistory<ClaimStatus>(this.d.db, 'claim_status_history', 'claim_id', id)]);
    visibleOr404(actor, claim, 'claim');
    return history;
  }

  async notes(actor: Actor, id: string): Promise<ClaimNote[]> {
    const [claim, notes] = await Promise.all([repo.findClaim(this.d.db, id), repo.notesOf(this.d.db, id)]);
    visibleOr404(actor, claim, 'claim');
    return notes.map((n) => ({
      id: n.id,
      body: n.body,
      createdBy: { id: n.created_by, name: n.created_by_name },
      createdAt: n.created_at.toISOString(),
    }));
  }
}

/** Each document the loss type needs, with its latest upload: missing, uploaded, verified or rejected. */
function checklistOf(lossType: repo.ClaimRow['loss_type'], uploads: DocumentMeta[]): ChecklistItem[] {
  return REQUIRED_CLAIM_DOCUMENTS[lossType].map((code) => {
    const latest = uploads.find((d) => d.code === code) ?? null;
    return { code, name: CLAIM_DOCUMENTS[code], status: latest?.status ?? 'missing', document: latest, waiver: null };
  });
}

function referralOf(r: repo.ClaimPageRow['referral']): ClaimReferral | null {
  if (!r) return null;
  return {
    id: r.id,
    source: r.source,
    reason: r.reason,
    score: r.score,
    status: r.status,
    referredBy: { id: r.referred_by, name: r.referred_by_name },
    referredAt: new Date(r.referred_at).toISOString(),
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decisionNote: r.decision_note,
  };
}

/** The fast-track outcome with the day's review (null before submission). */
function fastTrackOf(r: repo.ClaimPageRow): ClaimFastTrack | null {
  if (!r.fast_track_status || !r.fast_track) return null;
  const f = r.fast_track;
  return {
    status: r.fast_track_status,
    reasons: f.reasons,
    rule: f.rule,
    productVersion: f.productVersion,
    suspended: f.suspended,
    evaluatedAt: f.evaluatedAt,
    paymentNumber: f.paymentNumber,
    review: r.fast_track_review
      ? {
          status: r.fast_track_review,
          reviewer: r.fast_track_reviewer_id ? { id: r.fast_track_reviewer_id, name: r.fast_track_reviewer_name ?? '' } : null,
          note: r.fast_track_review_note,
        }
      : null,
  };
}
